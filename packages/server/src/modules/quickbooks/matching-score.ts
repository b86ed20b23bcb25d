import type {
  ContactFeatures,
  CustomerFeatures,
  OrganizationFeatures,
  RecordFeatures,
} from './matching-features'
import { isNicknameOf } from './matching-nicknames'
import type { NameAnalysis } from './matching-normalize'
import { compareTokenLists, jaroWinkler } from './matching-similarity'
import type { MatchReason } from './matching-types'

/** One piece of evidence that a record and a customer are the same party. */
export interface Evidence {
  reason: MatchReason
  /** 0–1: how sure this evidence alone makes us. */
  weight: number
  text: string
}

/** The weight of each kind of evidence on its own; the combination is a noisy-OR (see {@link combineEvidence}). */
const WEIGHT = {
  emailExact: 0.97,
  nameExact: 0.96,
  nameFuzzyScale: 0.93,
  nameReorderedScale: 0.97,
  organizationDomain: 0.75,
  organizationPhone: 0.6,
  contactWorkDomain: 0.2,
  contactOrganization: 0.3,
  contactPhone: 0.3,
} as const

/** A contact's family name weighs more than the given name: given names repeat far more often. */
const FAMILY_SHARE = 0.6

function lettersDifferent(edits: number): string {
  return edits === 1 ? '1 letter different' : `${edits} letters different`
}

function quoteList(words: readonly string[]): string {
  return words.map((word) => `'${word}'`).join(' and ')
}

/** Compares two organization-style names: exact, exact without legal suffixes, reordered, fuzzy. */
function compareOrganizationNames(a: NameAnalysis, b: NameAnalysis, field: string): Evidence | undefined {
  if (a.tokens.length === 0 || b.tokens.length === 0) return undefined
  if (a.tokens.join(' ') === b.tokens.join(' ')) {
    return { reason: 'name-exact', weight: 1, text: `Same ${field}` }
  }
  if (a.joined === b.joined) {
    const ignored = [...new Set([...a.strippedWords, ...b.strippedWords])]
    const text =
      ignored.length > 0
        ? `${capitalize(field)} matches, ignoring ${quoteList(ignored)}`
        : `${capitalize(field)} matches, ignoring spacing`
    return { reason: 'name-exact', weight: WEIGHT.nameExact, text }
  }
  const similarity = compareTokenLists(a.coreTokens, b.coreTokens)
  if (similarity.isSameTokenSet) {
    return {
      reason: 'name-fuzzy',
      weight: WEIGHT.nameExact * WEIGHT.nameReorderedScale,
      text: `Same words in a different order`,
    }
  }
  // No special case for one name being the start of the other ("Acme" / "Acme Industries"): on the labelled
  // set it found one trading name for every four look-alikes it wrongly suggested ("Atlas Flooring" /
  // "Atlas Flooring Design Studio"); the share of covered letters below handles long shared beginnings.
  const fuzzyWeight = similarity.similarity * WEIGHT.nameFuzzyScale
  if (similarity.similarity === 0) return undefined
  const detail =
    similarity.isComplete && similarity.edits > 0 ? ` (${lettersDifferent(similarity.edits)})` : ''
  return { reason: 'name-fuzzy', weight: fuzzyWeight, text: `Similar ${field}${detail}` }
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

function scoreOrganization(record: OrganizationFeatures, customer: CustomerFeatures): Evidence[] {
  const evidence: Evidence[] = []
  const viaDisplay = compareOrganizationNames(record.name, customer.display, 'name')
  const viaCompany = compareOrganizationNames(record.name, customer.company, 'company name')
  if (viaCompany !== undefined && (viaDisplay === undefined || viaCompany.weight > viaDisplay.weight)) {
    // A marker only: the name evidence already says "company name" and carries the weight.
    evidence.push(viaCompany, { reason: 'company-name', weight: 0, text: '' })
  } else if (viaDisplay !== undefined) {
    evidence.push(viaDisplay)
  }
  const domain = record.domains.find((candidate) => customer.domains.includes(candidate))
  if (domain !== undefined) {
    evidence.push({
      reason: 'email-domain',
      weight: WEIGHT.organizationDomain,
      text: `Same domain (${domain})`,
    })
  }
  if (record.phone !== undefined && customer.phones.includes(record.phone)) {
    evidence.push({ reason: 'phone', weight: WEIGHT.organizationPhone, text: 'Same phone number' })
  }
  return evidence
}

/** How alike two given names are, and what to tell the user about a non-exact match. */
interface GivenNameMatch {
  similarity: number
  edits: number
  note?: string
}

/**
 * How alike two given names are. Short given names one letter apart are usually different people
 * (Jake/Jane, Dan/Don), so typo tolerance applies only from six letters; shorter names need a
 * Jaro-Winkler of 0.9 (Jon/John, Kathy/Kathi), a known nickname (Bill/William) or a matching initial.
 */
function compareGivenNames(a: readonly string[], b: readonly string[]): GivenNameMatch {
  const joinedA = a.join('')
  const joinedB = b.join('')
  if (joinedA.length === 0 || joinedB.length === 0) return { similarity: 0, edits: 0 }
  if (joinedA === joinedB) return { similarity: 1, edits: 0 }
  const byTokens: GivenNameMatch =
    Math.min(joinedA.length, joinedB.length) >= 6 ? compareTokenLists(a, b) : { similarity: 0, edits: 0 }
  if (isNicknameOf(joinedA, joinedB) || isNicknameOf(a[0] ?? '', b[0] ?? '')) {
    const note = `${capitalize(joinedA)} / ${capitalize(joinedB)}`
    return byTokens.similarity >= 0.85 ? byTokens : { similarity: 0.85, edits: 0, note }
  }
  if ((joinedA.length === 1 || joinedB.length === 1) && joinedA[0] === joinedB[0]) {
    return byTokens.similarity >= 0.7 ? byTokens : { similarity: 0.7, edits: 0, note: 'initial only' }
  }
  const winkler = jaroWinkler(joinedA, joinedB)
  if (winkler >= 0.9 && winkler * 0.9 > byTokens.similarity) {
    return { similarity: winkler * 0.9, edits: 0, note: `${capitalize(joinedA)} / ${capitalize(joinedB)}` }
  }
  return byTokens
}

interface PersonMatch {
  weight: number
  isExact: boolean
  /** Plain-words details of the differences ("1 letter different", "Bill for William"). */
  details: string[]
}

/** Scores given/family pairs; either side may be missing, in which case the present one counts with a discount. */
function comparePersonParts(
  first: readonly string[],
  last: readonly string[],
  given: readonly string[],
  family: readonly string[],
): PersonMatch | undefined {
  if (last.length === 0 || family.length === 0) return undefined
  const familyMatch = compareTokenLists(last, family)
  if (familyMatch.similarity === 0) return undefined
  if (first.length === 0 || given.length === 0) {
    const details = ['first name missing']
    if (familyMatch.edits > 0) details.unshift(lettersDifferent(familyMatch.edits))
    return { weight: familyMatch.similarity * 0.75, isExact: false, details }
  }
  const givenMatch = compareGivenNames(first, given)
  const weight = FAMILY_SHARE * familyMatch.similarity + (1 - FAMILY_SHARE) * givenMatch.similarity
  const isExact = familyMatch.isSameTokenSet && givenMatch.similarity === 1
  const edits = familyMatch.edits + givenMatch.edits
  const details: string[] = []
  if (givenMatch.note !== undefined) details.push(givenMatch.note)
  if (edits > 0) details.push(lettersDifferent(edits))
  return { weight, isExact, details }
}

function personEvidence(match: PersonMatch, isSwapped: boolean): Evidence {
  if (match.isExact && !isSwapped)
    return { reason: 'name-exact', weight: WEIGHT.nameExact, text: 'Same name' }
  if (match.isExact) {
    return {
      reason: 'name-swapped',
      weight: WEIGHT.nameExact * WEIGHT.nameReorderedScale,
      text: 'Same name, first and last name swapped',
    }
  }
  const scale = isSwapped ? WEIGHT.nameFuzzyScale * WEIGHT.nameReorderedScale : WEIGHT.nameFuzzyScale
  const detail = match.details.length > 0 ? ` (${match.details.join('; ')})` : ''
  return {
    reason: isSwapped ? 'name-swapped' : 'name-fuzzy',
    weight: match.weight * scale,
    text: isSwapped ? `Similar name, first and last name swapped${detail}` : `Similar name${detail}`,
  }
}

function scoreContactName(record: ContactFeatures, customer: CustomerFeatures): Evidence | undefined {
  const options: Evidence[] = []
  const straight = comparePersonParts(record.first, record.last, customer.given, customer.family)
  if (straight !== undefined) options.push(personEvidence(straight, false))
  const swapped = comparePersonParts(record.last, record.first, customer.given, customer.family)
  if (swapped !== undefined) options.push(personEvidence(swapped, true))
  // A person entered in DisplayName only, in any word order (longer names than describeCustomer splits).
  // Only an exact set counts: a fuzzy DisplayName comparison cannot tell a typo from a different given name.
  const display = compareTokenLists(record.full, customer.display.tokens)
  if (display.isSameTokenSet) {
    const isInOrder = record.full.join(' ') === customer.display.tokens.join(' ')
    options.push(
      isInOrder
        ? { reason: 'name-exact', weight: WEIGHT.nameExact, text: 'Same name' }
        : {
            reason: 'name-swapped',
            weight: WEIGHT.nameExact * WEIGHT.nameReorderedScale,
            text: 'Same name, in a different order',
          },
    )
  }
  return options.reduce<Evidence | undefined>(
    (best, option) => (best === undefined || option.weight > best.weight ? option : best),
    undefined,
  )
}

function scoreContact(record: ContactFeatures, customer: CustomerFeatures): Evidence[] {
  const evidence: Evidence[] = []
  const isSameEmail = customer.email !== undefined && record.emails.includes(customer.email)
  if (isSameEmail)
    evidence.push({ reason: 'email-exact', weight: WEIGHT.emailExact, text: 'Same email address' })
  const name = scoreContactName(record, customer)
  if (name !== undefined) evidence.push(name)
  if (!isSameEmail && customer.workDomain !== undefined && record.workDomains.includes(customer.workDomain)) {
    evidence.push({
      reason: 'email-domain',
      weight: WEIGHT.contactWorkDomain,
      text: `Same email domain (${customer.workDomain})`,
    })
  }
  if (record.organization.tokens.length > 0) {
    const company = customer.company.tokens.length > 0 ? customer.company : customer.display
    const organization = compareOrganizationNames(record.organization, company, 'organization')
    if (organization !== undefined && organization.weight >= 0.85) {
      evidence.push({ reason: 'company-name', weight: WEIGHT.contactOrganization, text: 'Same organization' })
    }
  }
  if (record.phone !== undefined && customer.phones.includes(record.phone)) {
    evidence.push({ reason: 'phone', weight: WEIGHT.contactPhone, text: 'Same phone number' })
  }
  return evidence
}

/**
 * All evidence that a CRM record and a customer are the same party.
 *
 * @example
 * collectEvidence(describeContact(contact), describeCustomer(customer)).map((e) => e.reason) // ['email-exact', 'name-fuzzy']
 */
export function collectEvidence(record: RecordFeatures, customer: CustomerFeatures): Evidence[] {
  return record.kind === 'organization' ? scoreOrganization(record, customer) : scoreContact(record, customer)
}

/**
 * Combines independent evidence as a noisy-OR, 1 − ∏(1 − weight): each signal can only raise the score,
 * two weak signals together beat either alone, and nothing exceeds 1.
 *
 * @example
 * combineEvidence([{ reason: 'email-exact', weight: 0.97, text: '' }]) // 0.97
 */
export function combineEvidence(evidence: readonly Evidence[]): number {
  let missing = 1
  for (const item of evidence) missing *= 1 - item.weight
  return 1 - missing
}
