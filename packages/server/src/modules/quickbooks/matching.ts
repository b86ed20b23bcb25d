/**
 * Pure ranking of QBO customers as candidates for a CRM organization or contact (DESIGN.md §1.1, points 1–4).
 * No I/O: the caller fetches customers (see matching-queries.ts for the fewest QBO queries that find them)
 * and passes them in. The same code ranks one record against a few dozen fetched customers and
 * thousands of records against a whole customer list.
 */
import {
  type CustomerFeatures,
  describeContact,
  describeCustomer,
  describeOrganization,
  type RecordFeatures,
} from './matching-features'
import { buildCandidateIndex } from './matching-index'
import { collectEvidence, combineEvidence } from './matching-score'
import {
  MATCH_THRESHOLD,
  type MatchableCustomer,
  type MatchCandidate,
  type RankOptions,
  type RecordToMatch,
} from './matching-types'

export type {
  ContactToMatch,
  MatchableCustomer,
  MatchCandidate,
  MatchReason,
  OrganizationToMatch,
  RankOptions,
  RecordToMatch,
} from './matching-types'
export { MATCH_THRESHOLD } from './matching-types'

/** How many customers the index hands to full scoring per record. */
const CANDIDATES_SCORED = 40
const DEFAULT_LIMIT = 5
/**
 * An inactive customer is still suggested (it may be the right party, to reactivate), but below an active
 * one with nearly the same evidence: QBO renames a deactivated customer "… (deleted)" (API-NOTES.md §2.1),
 * and a re-created active duplicate is the likelier link target.
 */
const INACTIVE_FACTOR = 0.95

/** A customer list prepared for repeated ranking. */
export interface Matcher {
  /** Number of customers indexed. */
  readonly size: number
  /** Ranks customers for one record, best first; an empty list when nothing reaches the threshold. */
  rank(record: RecordToMatch, options?: RankOptions): MatchCandidate[]
}

function describeRecord(record: RecordToMatch): RecordFeatures {
  return record.kind === 'organization' ? describeOrganization(record) : describeContact(record)
}

function hasSomethingToMatch(record: RecordFeatures): boolean {
  if (record.kind === 'organization') {
    return record.name.tokens.length > 0 || record.domains.length > 0 || record.phone !== undefined
  }
  return record.full.length > 0 || record.emails.length > 0 || record.phone !== undefined
}

function toCandidate(record: RecordFeatures, customer: CustomerFeatures, minScore: number) {
  const evidence = collectEvidence(record, customer)
  if (evidence.length === 0) return undefined
  const rawScore = combineEvidence(evidence) * (customer.isActive ? 1 : INACTIVE_FACTOR)
  if (rawScore < minScore) return undefined
  evidence.sort((a, b) => b.weight - a.weight)
  const candidate: MatchCandidate = {
    qboCustomerId: customer.id,
    displayName: customer.displayName,
    isActive: customer.isActive,
    score: Math.round(rawScore * 100) / 100,
    reasons: [...new Set(evidence.map((item) => item.reason))],
    reasonText: evidence
      .map((item) => item.text)
      .filter((text) => text !== '')
      .join('; '),
  }
  return { candidate, rawScore }
}

/** Best first; at equal (displayed) score an active customer comes before an inactive one. */
function compareCandidates(
  a: { candidate: MatchCandidate; rawScore: number },
  b: { candidate: MatchCandidate; rawScore: number },
): number {
  return (
    b.candidate.score - a.candidate.score ||
    Number(b.candidate.isActive) - Number(a.candidate.isActive) ||
    b.rawScore - a.rawScore ||
    a.candidate.displayName.localeCompare(b.candidate.displayName) ||
    a.candidate.qboCustomerId.localeCompare(b.candidate.qboCustomerId)
  )
}

/**
 * Normalises and indexes customers once, for ranking many records. Building is linear in the number of
 * customers; each ranking then scores only the few dozen customers its blocking keys point to.
 *
 * @example
 * const matcher = createMatcher([{ Id: '1', DisplayName: 'Acme, Inc.' }])
 * matcher.rank({ kind: 'organization', name: 'ACME' })
 * // [{ qboCustomerId: '1', score: 0.96, reasons: ['name-exact'], reasonText: "Name matches, ignoring 'Inc.'", … }]
 */
export function createMatcher(customers: readonly MatchableCustomer[]): Matcher {
  const features = customers.map(describeCustomer)
  const index = buildCandidateIndex(features)
  return {
    size: features.length,
    rank(record, options = {}) {
      const limit = options.limit ?? DEFAULT_LIMIT
      const minScore = options.minScore ?? MATCH_THRESHOLD
      const described = describeRecord(record)
      if (limit <= 0 || !hasSomethingToMatch(described)) return []
      const scored = []
      for (const position of index.findCandidates(described, CANDIDATES_SCORED)) {
        const result = toCandidate(described, features[position]!, minScore)
        if (result !== undefined) scored.push(result)
      }
      return scored
        .sort(compareCandidates)
        .slice(0, limit)
        .map((item) => item.candidate)
    },
  }
}

/**
 * Ranks customers for one CRM record: the automatic search of a record's QuickBooks tab, run on the
 * customers that {@link buildCandidateQueries} fetched. Same code path as {@link createMatcher}.
 *
 * @example
 * rankCandidates(
 *   { kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach', email: 'amy@birds.example' },
 *   [{ Id: '3', DisplayName: "Amy's Bird Sanctuary", GivenName: 'Amy', FamilyName: 'Lauterbach' }],
 * )[0]?.reasons // ['name-exact']
 */
export function rankCandidates(
  record: RecordToMatch,
  customers: readonly MatchableCustomer[],
  options?: RankOptions,
): MatchCandidate[] {
  return createMatcher(customers).rank(record, options)
}
