/**
 * Which QBO queries fetch the candidate customers for one CRM record, as few as possible.
 *
 * QBO's query language has AND but no OR (API-NOTES.md §3), so every alternative ("this email, or this
 * family name, or this display name") is one query. They are independent, so the caller sends them
 * together as one batch request (≤ 30 items, API-NOTES.md §5): one round trip, one metered call per item.
 * The plan is therefore a short list (at most three queries) chosen to maximise recall per query, and
 * ranking (matching.ts) then orders what comes back.
 *
 * Strategy for name fragments:
 * - LIKE accepts only `%` (API-NOTES.md §3), so typo tolerance has to come from the pattern. We search
 *   the *beginning* of one distinctive word as a substring: `FamilyName LIKE '%Lauterb%'` for
 *   "Lauterbach". Most typos and variants sit in the second half of a word (doubled or swapped letters,
 *   "-son"/"-sen", a possessive or plural "s"), and the first 70 % of the letters survive them. A typo in the
 *   first letters is missed by that query; the email query and the second name query often still find
 *   the customer, and the user can always search by hand (DESIGN.md §1.1 point 2).
 * - The fragment is a run of plain ASCII letters and digits copied from the record as written: QBO compares
 *   raw stored text, so an apostrophe ("O'Brien"), an accent ("Müller") or "&" must not be inside the
 *   pattern. Only the longest clean run of the word is kept ("Brien", "ller"). It also means the value never
 *   contains `%` or a quote; the client's query builder escapes it anyway.
 * - The most distinctive word is the longest one that is not a legal form or a generic business word
 *   ("Services", "Group"…): long words are rarer and keep more letters after truncation.
 * - Case is kept as written: QBO is believed to compare case-insensitively (API-NOTES.md §3, unverified
 *   live), and if it does not, the record's own casing is the likeliest to match.
 *
 * Every query must also include inactive customers (`includeInactive`): without a filter on `Active` QBO
 * returns active customers only (API-NOTES.md §3), and an inactive customer is still a valid, if lower
 * ranked, match. Email domains are not queried: `LIKE '%@domain'` on PrimaryEmailAddr is unverified.
 */
import { normalizeEmail } from './matching-normalize'
import type { RecordToMatch } from './matching-types'

/** Customer properties QBO lets us filter on that the plan uses (API-NOTES.md §3). */
export type CandidateQueryProperty = 'DisplayName' | 'CompanyName' | 'FamilyName' | 'PrimaryEmailAddr'

/** One QBO query, as a specification for the client's query builder (never a query string). */
export type CandidateQuery = {
  entity: 'Customer'
  property: CandidateQueryProperty
  /** Also match inactive customers: the builder adds `Active IN (true, false)`. */
  includeInactive: true
  /** Rows to request; QBO allows at most 1000 (API-NOTES.md §3). */
  maxResults: number
} & ({ operator: '=' | 'like'; value: string } | { operator: 'in'; value: readonly string[] })

/** Rows per query: enough for a common surname, small enough to stay one page. */
export const CANDIDATE_QUERY_MAX_RESULTS = 100

/** Share of a long word's letters kept in its LIKE fragment. */
const PREFIX_SHARE = 0.7
const MIN_FRAGMENT = 4

/** Words that say nothing about which organization it is; lower-cased ASCII. */
const GENERIC_WORDS = new Set([
  'and',
  'the',
  'of',
  'inc',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'plc',
  'llp',
  'pty',
  'group',
  'services',
  'service',
  'solutions',
  'consulting',
  'international',
  'holdings',
  'enterprises',
  'industries',
  'associates',
  'partners',
  'systems',
  'technologies',
  'global',
])

/** The longest run of ASCII letters and digits in each word of `raw`, as written. */
function cleanRuns(raw: string | undefined): string[] {
  const runs: string[] = []
  for (const word of raw?.split(/[\s,;/&+]+/) ?? []) {
    const longest = (word.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')
    if (longest !== '') runs.push(longest)
  }
  return runs
}

/** The most distinctive run: the longest non-generic one, else the longest. */
function distinctiveRun(runs: readonly string[]): string | undefined {
  const specific = runs.filter((run) => !GENERIC_WORDS.has(run.toLowerCase()))
  const pool = specific.length > 0 ? specific : runs
  return pool.reduce<string | undefined>(
    (a, b) => (a === undefined || b.length > a.length ? b : a),
    undefined,
  )
}

/**
 * The LIKE pattern for a word: the first 70 % of its letters (at least four) anywhere in the field.
 * Words of three letters or fewer are searched whole.
 */
function likePattern(run: string): string {
  const kept =
    run.length <= MIN_FRAGMENT ? run.length : Math.max(MIN_FRAGMENT, Math.ceil(run.length * PREFIX_SHARE))
  return `%${run.slice(0, kept)}%`
}

function query(property: CandidateQueryProperty, operator: '=' | 'like', value: string): CandidateQuery {
  return {
    entity: 'Customer',
    property,
    operator,
    value,
    includeInactive: true,
    maxResults: CANDIDATE_QUERY_MAX_RESULTS,
  }
}

/**
 * The email values to look up: each address as written (trimmed) plus its normalised form when that
 * differs (lower case; gmail without dots and +tag), since QBO compares the stored text.
 */
function emailValues(values: readonly (string | undefined)[]): string[] {
  const result = new Map<string, string>()
  for (const value of values) {
    const trimmed = value?.trim()
    const normalized = normalizeEmail(trimmed)
    if (trimmed === undefined || normalized === undefined) continue
    for (const variant of [trimmed, normalized]) {
      if (!result.has(variant.toLowerCase())) result.set(variant.toLowerCase(), variant)
    }
  }
  return [...result.values()]
}

/**
 * A name query on one word: a contains-prefix LIKE, or for a word of one or two letters a LIKE on the start
 * of the field ("Li" anywhere would match most of the list; "Li%" keeps "Li", "Li Na", "Lim"…).
 */
function nameQuery(property: CandidateQueryProperty, run: string): CandidateQuery {
  return query(property, 'like', run.length >= 3 ? likePattern(run) : `${run}%`)
}

/**
 * The minimal list of QBO query specifications that fetch candidate customers for a record. A contact gets
 * one email query (all its addresses in one `IN`), one `FamilyName LIKE` on its last name and one
 * `DisplayName LIKE` on its most distinctive name word (which also finds customers entered with the name in
 * DisplayName only, in either order). An organization gets `DisplayName LIKE` and `CompanyName LIKE` on its
 * most distinctive word. Duplicates are removed; an empty record gets no queries.
 *
 * @example
 * buildCandidateQueries({ kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach', email: 'amy@birds.example' })
 * // [{ property: 'PrimaryEmailAddr', operator: '=', value: 'amy@birds.example', … },
 * //  { property: 'FamilyName', operator: 'like', value: '%Lauterb%', … },
 * //  { property: 'DisplayName', operator: 'like', value: '%Lauterb%', … }]
 */
export function buildCandidateQueries(record: RecordToMatch): CandidateQuery[] {
  const queries: CandidateQuery[] = []
  if (record.kind === 'organization') {
    const run = distinctiveRun(cleanRuns(record.name))
    if (run !== undefined) {
      queries.push(nameQuery('DisplayName', run), nameQuery('CompanyName', run))
    }
  } else {
    const emails = emailValues([record.email, record.otherEmail])
    if (emails.length === 1) queries.push(query('PrimaryEmailAddr', '=', emails[0]!))
    if (emails.length > 1)
      queries.push({ ...query('PrimaryEmailAddr', '=', ''), operator: 'in', value: emails })
    const lastRun = distinctiveRun(cleanRuns(record.lastName))
    if (lastRun !== undefined) queries.push(nameQuery('FamilyName', lastRun))
    const nameRun = distinctiveRun([...cleanRuns(record.firstName), ...cleanRuns(record.lastName)])
    if (nameRun !== undefined) queries.push(nameQuery('DisplayName', nameRun))
  }
  return dedupe(queries)
}

function dedupe(queries: readonly CandidateQuery[]): CandidateQuery[] {
  const seen = new Set<string>()
  return queries.filter((item) => {
    const key = JSON.stringify([item.property, item.operator, item.value])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
