/**
 * Deterministic generator of QBO customers and the CRM records that should (or should not) find them,
 * with the noise real data carries: typos, legal suffixes added or dropped, case, accents lost, swapped
 * first/last names, personal instead of work email, nicknames, missing fields, and look-alike customers.
 * Used by the labelled evaluation set and by the matching benchmark. Pure: same seed, same data.
 */
import type { MatchableCustomer, RecordToMatch } from './matching-types'

/** The kinds of noise a labelled case carries, for reading failures. */
export type NoiseKind =
  | 'none'
  | 'case'
  | 'typo'
  | 'suffix'
  | 'punctuation'
  | 'accent'
  | 'swapped'
  | 'nickname'
  | 'personal-email'
  | 'email-only'
  | 'email-variant'
  | 'missing-field'
  | 'shortened'
  | 'domain-only'
  | 'absent'
  | 'look-alike'
  | 'inactive'

/** A CRM record with the customer it really is (`null` when that customer is not in QuickBooks). */
export interface LabelledCase {
  id: string
  record: RecordToMatch
  expectedQboCustomerId: string | null
  noise: readonly NoiseKind[]
}

/** Small, fast, seedable PRNG (mulberry32); returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Helpers bound to one random source. */
export interface Picker {
  random: () => number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  int(maxExclusive: number): number
}

/** Random helpers (pick, chance, int) over one seeded source. */
export function createPicker(seed: number): Picker {
  const random = createRandom(seed)
  const int = (maxExclusive: number) => Math.floor(random() * maxExclusive)
  return {
    random,
    int,
    pick: (items) => items[int(items.length)]!,
    chance: (probability) => random() < probability,
  }
}

/** Name lists, `|`-separated to keep the file short. */
export const GIVEN_NAMES: readonly string[] =
  'Amy|Anna|Ben|Carlos|Chloé|Daniel|Diego|Elena|Fatima|François|Geeta|Grace|Hannah|Hiroshi|Ines|Jack|James|Jennifer|José|Julia|Kate|Katherine|Lars|Laura|Li|Lucía|Mark|Maria|Michael|Mohammed|Nadia|Nicola|Noah|Olivia|Omar|Paul|Priya|Rachel|Richard|Robert|Sara|Shara|Sofia|Søren|Thomas|Travis|Valentina|Wei|William|Yusuf|Zoë|Elizabeth|Margaret|Stephen|Joseph'.split(
    '|',
  )

export const FAMILY_NAMES: readonly string[] =
  'Lauterbach|Weiskopf|Kalapatapu|Melton|Whelan|Cho|Barnett|Waldron|Rodriguez|Müller|García|Lefèvre|Nakamura|O’Brien|Johansson|Kowalski|Nguyen|Okafor|Petrović|Rossi|Schmidt|Smith|Jones|Brown|Taylor|Anderson|Martínez|Dubois|Fischer|Hansen|Ivanova|Jensen|Khan|Larsen|MacDonald|Novak|Olsen|Patel|Quintero|Reyes|Sørensen|Thompson|Underwood|Vasquez|Wagner|Xu|Yamamoto|Zimmermann|Castellanos|Fitzgerald|Abernathy|Bergström|Delacroix|Eriksen|Gallagher|Hoffmann|Iglesias|Kirkpatrick|Lindqvist|Montgomery|Pemberton|Rasmussen|Sullivan'.split(
    '|',
  )

export const ADJECTIVES: readonly string[] =
  'Cool|Red|Blue|Golden|Silver|Green|Bright|Swift|Happy|Northern|Coastal|Urban|Rocky|Sunny|Royal|Prime|Summit|Evergreen|Pioneer|Liberty|Harbor|Maple|Cedar|Crystal|Iron|Copper|Velvet|Atlas|Nova|Polar'.split(
    '|',
  )

export const NOUNS: readonly string[] =
  'Cars|Rock|Bird|Windsurf|Basketball|Jalopies|Diner|Bakery|Garden|Fruit|Sushi|Wedding|Video|Kookies|Pixel|Anchor|Falcon|Lantern|Orchard|Meadow|Beacon|Harvest|Quarry|Compass|Thistle|Juniper|Otter|Badger|Heron|Willow|Bistro|Brewery|Canvas|Cobbler|Dental|Electric|Fitness|Flooring|Glass|Hardware'.split(
    '|',
  )

export const TRADES: readonly string[] =
  'Grooming|Supplies|Consulting|Sporting Goods|Medical Supplies|Landscaping|Plumbing|Design Studio|Catering|Logistics|Motors|Printing|Roofing|Realty|Software|Marketing|Accounting|Construction|Outfitters|Imports|Pharmacy|Veterinary Clinic'.split(
    '|',
  )

export const LEGAL_FORMS: readonly string[] =
  'Inc.|Inc|LLC|L.L.C.|Ltd|Limited|Corp.|Corporation|Co.|GmbH|S.A.|PLC|LLP|Pty Ltd'.split('|')

export const FREE_MAIL: readonly string[] = 'gmail.com|yahoo.com|outlook.com|hotmail.com|icloud.com'.split(
  '|',
)

/** Removes accents the way a keyboard without them would. */
export function dropAccents(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss')
}

function slug(value: string): string {
  return dropAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** One typo in a word of five letters or more: swap, drop, double or replace a letter past the first. */
export function addTypo(word: string, picker: Picker): string {
  if (word.length < 5) return word
  const at = 1 + picker.int(word.length - 2)
  const kind = picker.int(4)
  if (kind === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1)
  if (kind === 2) return word.slice(0, at) + word[at] + word.slice(at)
  const letters = 'aeioulnrst'
  const replacement = letters[picker.int(letters.length)]!
  return word.slice(0, at) + (replacement === word[at] ? 'x' : replacement) + word.slice(at + 1)
}

/** Applies a typo to the longest word of a phrase. */
export function typoInPhrase(phrase: string, picker: Picker): string {
  const words = phrase.split(' ')
  let longest = 0
  words.forEach((word, i) => {
    if (word.length > words[longest]!.length) longest = i
  })
  words[longest] = addTypo(words[longest]!, picker)
  return words.join(' ')
}

/** A fresh company base name (without legal form). */
export function companyBaseName(picker: Picker): string {
  const shape = picker.int(4)
  if (shape === 0) return `${picker.pick(ADJECTIVES)} ${picker.pick(NOUNS)}`
  if (shape === 1) return `${picker.pick(FAMILY_NAMES).replace(/[’']/g, '')} ${picker.pick(TRADES)}`
  if (shape === 2) return `${picker.pick(NOUNS)} ${picker.pick(TRADES)}`
  return `${picker.pick(ADJECTIVES)} ${picker.pick(NOUNS)} ${picker.pick(TRADES)}`
}

/** A legal form for a new company, or none (40 % of companies write none). */
export function legalForm(picker: Picker): string | undefined {
  return picker.chance(0.6) ? picker.pick(LEGAL_FORMS) : undefined
}

/** Appends a legal form the way people write it: "Acme, Inc.", "Acme LLC". */
export function withLegalForm(base: string, form: string | undefined): string {
  if (form === undefined) return base
  return form.startsWith('Inc') || form.startsWith('Ltd') ? `${base}, ${form}` : `${base} ${form}`
}

/** A plausible web domain for a company name. */
export function companyDomain(base: string, picker: Picker): string {
  return `${slug(base)}${picker.chance(0.2) ? 'inc' : ''}.${picker.pick(['com', 'com', 'com', 'net', 'io', 'co.uk'])}`
}

/** A North American phone number, formatted "(555) 555-0100". */
export function phoneNumber(picker: Picker): string {
  const digits = () => String(100 + picker.int(900))
  return `(${digits()}) ${digits()}-${String(1000 + picker.int(9000))}`
}

/** Formats the same phone number differently, as another system would store it. */
export function reformatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return `+1 ${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`
}

/** A company customer with its domain, for building records and look-alikes. */
export interface GeneratedCompany {
  customer: MatchableCustomer
  base: string
  domain: string
}

/** A person customer with the parts records are built from. */
export interface GeneratedPerson {
  customer: MatchableCustomer
  given: string
  family: string
  workDomain: string | undefined
  email: string | undefined
}

/** A company customer: DisplayName with an optional legal form, maybe CompanyName, email, phone, website. */
export function generateCompany(
  id: string,
  picker: Picker,
  base = companyBaseName(picker),
): GeneratedCompany {
  const name = withLegalForm(base, legalForm(picker))
  const domain = companyDomain(base, picker)
  const customer: MatchableCustomer = { Id: id, DisplayName: name }
  if (picker.chance(0.7)) customer.CompanyName = name
  if (picker.chance(0.7))
    customer.PrimaryEmailAddr = {
      Address: `${picker.pick(['info', 'billing', 'accounts', 'office'])}@${domain}`,
    }
  if (picker.chance(0.5)) customer.PrimaryPhone = { FreeFormNumber: phoneNumber(picker) }
  if (picker.chance(0.3)) customer.WebAddr = { URI: `https://www.${domain}` }
  return { customer, base, domain }
}

/**
 * A person customer: DisplayName "Given Family", "Family, Given" or a small business named after them,
 * GivenName/FamilyName mostly set, a work or personal email mostly set.
 */
export function generatePerson(
  id: string,
  picker: Picker,
  given: string = picker.pick(GIVEN_NAMES),
  family: string = picker.pick(FAMILY_NAMES),
): GeneratedPerson {
  const hasWork = picker.chance(0.5)
  const workDomain = hasWork ? companyDomain(companyBaseName(picker), picker) : undefined
  const local = picker.chance(0.5) ? `${slug(given)}.${slug(family)}` : `${slug(given)[0]}${slug(family)}`
  const email = picker.chance(0.85) ? `${local}@${workDomain ?? picker.pick(FREE_MAIL)}` : undefined
  const style = picker.int(10)
  const displayName =
    style < 6
      ? `${given} ${family}`
      : style < 8
        ? `${family}, ${given}`
        : `${given}'s ${picker.pick(NOUNS)} ${picker.pick(TRADES)}`
  const customer: MatchableCustomer = { Id: id, DisplayName: displayName }
  if (style >= 8) customer.CompanyName = displayName
  if (style >= 3 || picker.chance(0.5)) {
    customer.GivenName = given
    customer.FamilyName = family
  }
  if (email !== undefined) customer.PrimaryEmailAddr = { Address: email }
  if (picker.chance(0.4)) customer.PrimaryPhone = { FreeFormNumber: phoneNumber(picker) }
  return { customer, given, family, workDomain, email }
}
