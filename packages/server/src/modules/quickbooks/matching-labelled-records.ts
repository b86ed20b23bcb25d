/**
 * CRM records derived from generated customers with realistic noise, look-alike customers, and the
 * assembled data sets: the labelled evaluation cases and the benchmark's bulk data.
 */
import {
  addTypo,
  companyBaseName,
  dropAccents,
  FREE_MAIL,
  type GeneratedCompany,
  type GeneratedPerson,
  generateCompany,
  generatePerson,
  LEGAL_FORMS,
  NOUNS,
  type NoiseKind,
  type Picker,
  reformatPhone,
  TRADES,
  typoInPhrase,
  withLegalForm,
} from './matching-labelled-generator'
import type { ContactToMatch, OrganizationToMatch } from './matching-types'

/** Nicknames people go by in a CRM while the books keep the formal name. */
const NICKNAMES: Readonly<Record<string, string>> = {
  William: 'Bill',
  Robert: 'Bob',
  Katherine: 'Kate',
  Elizabeth: 'Liz',
  Margaret: 'Maggie',
  Michael: 'Mike',
  Thomas: 'Tom',
  Richard: 'Rick',
  Stephen: 'Steve',
  Joseph: 'Joe',
  James: 'Jim',
  Daniel: 'Dan',
  Jennifer: 'Jen',
}

interface Derived<T> {
  record: T
  noise: NoiseKind[]
}

function changeCase(value: string, picker: Picker): string {
  return picker.chance(0.5) ? value.toUpperCase() : value.toLowerCase()
}

/** An organization record for a company customer, with one or two kinds of noise. */
export function organizationRecordFor(
  company: GeneratedCompany,
  picker: Picker,
): Derived<OrganizationToMatch> {
  const noise: NoiseKind[] = []
  let name = company.base
  const kinds = [
    'none',
    'case',
    'suffix',
    'punctuation',
    'typo',
    'accent',
    'shortened',
    'domain-only',
  ] as const
  const first = picker.pick(kinds)
  const second = picker.chance(0.35) ? picker.pick(kinds) : 'none'
  const customerName = company.customer.DisplayName
  let hasDomain = false
  for (const kind of new Set([first, second])) {
    if (kind === 'case') name = changeCase(name, picker)
    else if (kind === 'suffix') name = withLegalForm(name, picker.pick(LEGAL_FORMS))
    else if (kind === 'punctuation') name = customerName.replace(/[.,]/g, '').replace(/ and /g, ' & ')
    else if (kind === 'typo') name = typoInPhrase(name, picker)
    else if (kind === 'accent' && dropAccents(name) !== name) name = dropAccents(name)
    else if (kind === 'shortened' && name.split(' ').length > 2) name = name.split(' ').slice(0, 2).join(' ')
    else if (kind === 'domain-only' && company.customer.PrimaryEmailAddr) {
      // Known in the CRM by its initials ("CCG" for "Cool Cars Grooming"): only the domain can find it.
      name = company.base
        .split(' ')
        .map((word) => word[0])
        .join('')
        .toUpperCase()
      hasDomain = true
    } else continue
    noise.push(kind)
  }
  if (noise.length === 0) {
    name = customerName
    noise.push('none')
  }
  const record: OrganizationToMatch = { kind: 'organization', name }
  if (hasDomain || picker.chance(0.2)) record.emailDomains = [company.domain]
  const phone = company.customer.PrimaryPhone?.FreeFormNumber
  if (phone !== undefined && picker.chance(0.3)) record.phone = reformatPhone(phone)
  return { record, noise }
}

/** A contact record for a person customer, with one or two kinds of noise. */
export function contactRecordFor(person: GeneratedPerson, picker: Picker): Derived<ContactToMatch> {
  const noise: NoiseKind[] = []
  let firstName: string | undefined = person.given
  let lastName: string | undefined = person.family
  let email: string | undefined = person.email
  let otherEmail: string | undefined
  const kinds = [
    'none',
    'case',
    'typo',
    'accent',
    'swapped',
    'nickname',
    'personal-email',
    'email-variant',
    'missing-field',
  ] as const
  const first = picker.pick(kinds)
  const second = picker.chance(0.35) ? picker.pick(kinds) : 'none'
  for (const kind of new Set([first, second])) {
    if (kind === 'case')
      [firstName, lastName] = [changeCase(firstName ?? '', picker), changeCase(lastName ?? '', picker)]
    else if (kind === 'typo' && (lastName ?? '').length >= 5) lastName = addTypo(lastName ?? '', picker)
    else if (kind === 'accent' && dropAccents(`${firstName}${lastName}`) !== `${firstName}${lastName}`) {
      firstName = dropAccents(firstName ?? '')
      lastName = dropAccents(lastName ?? '')
    } else if (kind === 'swapped') [firstName, lastName] = [lastName, firstName]
    else if (kind === 'nickname' && NICKNAMES[person.given] && !noise.includes('swapped')) {
      firstName = NICKNAMES[person.given]
    } else if (kind === 'personal-email') {
      // The CRM knows another address than the books: work vs personal.
      email = `${dropAccents(person.given).toLowerCase()}${picker.int(100)}@${picker.pick(FREE_MAIL)}`
      otherEmail = undefined
    } else if (kind === 'email-variant' && person.email !== undefined) {
      email = person.email.toUpperCase()
      otherEmail = picker.chance(0.5)
        ? `${dropAccents(person.given).toLowerCase()}@${picker.pick(FREE_MAIL)}`
        : undefined
    } else if (kind === 'missing-field' && person.email !== undefined) {
      if (picker.chance(0.5)) firstName = undefined
      else email = undefined
    } else continue
    noise.push(kind)
  }
  if (noise.length === 0) noise.push('none')
  const record: ContactToMatch = { kind: 'contact' }
  if (firstName !== undefined) record.firstName = firstName
  if (lastName !== undefined) record.lastName = lastName
  if (email !== undefined) record.email = email
  if (otherEmail !== undefined) record.otherEmail = otherEmail
  const phone = person.customer.PrimaryPhone?.FreeFormNumber
  if (phone !== undefined && picker.chance(0.3)) record.phone = reformatPhone(phone)
  return { record, noise }
}

/** A different business with a confusingly similar name: another word swapped in, or one added. */
export function lookAlikeCompany(company: GeneratedCompany, id: string, picker: Picker): GeneratedCompany {
  const words = company.base.split(' ')
  const variant = picker.int(3)
  let base: string
  if (variant === 0) base = `${company.base} ${picker.pick(TRADES)}`
  else if (variant === 1) base = [...words.slice(0, -1), picker.pick(NOUNS)].join(' ')
  else base = [words[0]!, picker.pick(TRADES)].join(' ')
  if (base === company.base) base = `${company.base} ${picker.pick(TRADES)}`
  return generateCompany(id, picker, base)
}

/** A different person who shares a name with the given one: same family name or same given name. */
export function lookAlikePerson(
  person: GeneratedPerson,
  id: string,
  picker: Picker,
  givenNames: readonly string[],
) {
  const others = givenNames.filter((name) => name !== person.given && NICKNAMES[name] === undefined)
  return picker.chance(0.7)
    ? generatePerson(id, picker, picker.pick(others), person.family)
    : generatePerson(id, picker, person.given, `${person.family}${picker.pick(['son', 'er', 'ley'])}`)
}

/** A company name not used yet in this data set. */
export function freshCompanyName(picker: Picker, taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = companyBaseName(picker)
    if (!taken.has(base)) return base
  }
  return `${companyBaseName(picker)} ${picker.int(1000)}`
}
