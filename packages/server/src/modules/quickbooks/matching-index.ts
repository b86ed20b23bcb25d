import type { CustomerFeatures, RecordFeatures } from './matching-features'
import { tokenSimilarity } from './matching-similarity'

/**
 * Blocking index over customers: which customers are worth scoring for a record. Scoring every customer
 * against every record would be 10,000 × 50,000 comparisons; instead each record looks up its name tokens
 * (exactly and within one typo), its emails, domains and phone, and only the best-supported customers are
 * scored in full.
 *
 * One-typo lookups use a deletion neighbourhood (the "SymSpell" idea): every indexed token is also filed
 * under each string obtained by deleting one letter, and a query token looks up itself and its own
 * deletions. Two strings within one insertion, deletion, substitution or swap of neighbouring letters always
 * share such a key, so no trigram scan of the vocabulary is needed.
 */
export interface CandidateIndex {
  /** Indexes into the customer list, most promising first, at most `limit`. */
  findCandidates(record: RecordFeatures, limit: number): number[]
}

/**
 * Credit for an exact email hit (or an organization's domain), in units of the largest credit one name word can earn, ln(1 + customers):
 * above what a two-word name earns, so the customer is always scored, yet not so far above that name-only
 * candidates fall below {@link MIN_SHARE_OF_BEST} and disappear from the list.
 */
const EMAIL_HIT = 3
/** A contact's shared work domain or a phone counts half a rare name word: supporting, not decisive. */
const SHARED_POINT_HIT = 0.5
/** Tokens carried by more customers than this are skipped when the record has a rarer token. */
const COMMON_TOKEN_SHARE = 0.02
/** A domain or phone shared by more customers than this tells nothing about one of them. */
const MAX_CONTACT_POINT_POSTINGS = 200
/** Look-ups remembered between records. */
const SIMILAR_CACHE_SIZE = 20_000
/**
 * Candidates credited with less than this share of the best candidate's credit are not scored: a customer
 * that shares only a common given name with the record cannot outscore one that shares the family name.
 */
const MIN_SHARE_OF_BEST = 0.4
/** Tokens shorter than this get no typo tolerance (see allowedEdits), so no deletion keys. */
const MIN_FUZZY_LENGTH = 4

function addPosting(map: Map<string, number[]>, key: string | undefined, index: number): void {
  if (key === undefined || key === '') return
  const list = map.get(key)
  if (list === undefined) map.set(key, [index])
  else if (list[list.length - 1] !== index) list.push(index)
}

function deletions(token: string): string[] {
  const result: string[] = []
  for (let i = 0; i < token.length; i++) result.push(token.slice(0, i) + token.slice(i + 1))
  return result
}

function nameKeys(customer: CustomerFeatures): { words: Set<string>; joined: string[] } {
  const words = new Set<string>([
    ...customer.display.tokens,
    ...customer.company.tokens,
    ...customer.given,
    ...customer.family,
  ])
  const joined: string[] = []
  if (customer.display.coreTokens.length > 1) joined.push(customer.display.joined)
  if (customer.company.coreTokens.length > 1) joined.push(customer.company.joined)
  return { words, joined }
}

function recordNameKeys(record: RecordFeatures): { words: string[]; joined: string[] } {
  if (record.kind === 'organization') {
    return {
      words: [...new Set(record.name.coreTokens)],
      joined: record.name.coreTokens.length > 1 ? [record.name.joined] : [],
    }
  }
  return { words: [...new Set(record.full)], joined: [] }
}

/**
 * Builds the blocking index. Linear in the number of customers and their name lengths.
 *
 * @example
 * const index = buildCandidateIndex(customers.map(describeCustomer))
 * index.findCandidates(describeOrganization({ kind: 'organization', name: 'Acme' }), 50)
 */
export function buildCandidateIndex(customers: readonly CustomerFeatures[]): CandidateIndex {
  const postings = new Map<string, number[]>()
  const emails = new Map<string, number[]>()
  const domains = new Map<string, number[]>()
  const phones = new Map<string, number[]>()
  // Words get typo tolerance; joined names ("coolcars") are looked up exactly, which keeps the deletion
  // index small (a 16-letter joined name would add 16 keys).
  const fuzzyTokens = new Set<string>()
  customers.forEach((customer, index) => {
    const { words, joined } = nameKeys(customer)
    for (const word of words) {
      addPosting(postings, word, index)
      if (word.length >= MIN_FUZZY_LENGTH) fuzzyTokens.add(word)
    }
    for (const key of joined) addPosting(postings, key, index)
    addPosting(emails, customer.email, index)
    for (const domain of customer.domains) addPosting(domains, domain, index)
    for (const phone of customer.phones) addPosting(phones, phone, index)
  })
  // Most deletion keys belong to a single token: store it bare and allocate an array only on a collision.
  // This halves the memory and garbage-collection cost of indexing 50,000 customers.
  const neighbours = new Map<string, string | string[]>()
  const addNeighbour = (key: string, token: string) => {
    const entry = neighbours.get(key)
    if (entry === undefined) neighbours.set(key, token)
    else if (typeof entry === 'string') {
      if (entry !== token) neighbours.set(key, [entry, token])
    } else if (entry[entry.length - 1] !== token) entry.push(token)
  }
  for (const token of fuzzyTokens) {
    addNeighbour(token, token)
    for (let i = 0; i < token.length; i++) addNeighbour(token.slice(0, i) + token.slice(i + 1), token)
  }
  const commonLimit = Math.max(50, customers.length * COMMON_TOKEN_SHARE)
  const wordCredit = Math.log(1 + customers.length)
  const scores = new Float64Array(customers.length)
  const touched: number[] = []

  const credit = (list: readonly number[] | undefined, weight: number): void => {
    if (list === undefined) return
    for (const index of list) {
      if (scores[index] === 0) touched.push(index)
      scores[index]! += weight
    }
  }

  // The indexed tokens within the allowed typos of `token`, with their similarity. Given names and
  // business words repeat across records, so look-ups are remembered (bounded).
  const similarCache = new Map<string, Map<string, number>>()
  const similarTokens = (token: string, isFuzzy: boolean): Map<string, number> => {
    const cacheKey = isFuzzy ? token : `=${token}`
    const cached = similarCache.get(cacheKey)
    if (cached !== undefined) return cached
    if (similarCache.size >= SIMILAR_CACHE_SIZE) similarCache.clear()
    const found = new Map<string, number>()
    similarCache.set(cacheKey, found)
    if (postings.has(token)) found.set(token, 1)
    if (!isFuzzy || token.length < MIN_FUZZY_LENGTH) return found
    const consider = (candidate: string) => {
      if (found.has(candidate)) return
      const { similarity } = tokenSimilarity(token, candidate)
      if (similarity > 0) found.set(candidate, similarity)
    }
    for (const key of [token, ...deletions(token)]) {
      const entry = neighbours.get(key)
      if (typeof entry === 'string') consider(entry)
      else if (entry !== undefined) entry.forEach(consider)
    }
    return found
  }

  const creditNames = (record: RecordFeatures): void => {
    const { words, joined } = recordNameKeys(record)
    const keys = [
      ...words.map((token) => ({ token, isFuzzy: true })),
      ...joined.map((token) => ({ token, isFuzzy: false })),
    ]
    const groups = keys.map(({ token, isFuzzy }) => {
      const similar = similarTokens(token, isFuzzy)
      let frequency = 0
      for (const candidate of similar.keys()) frequency += postings.get(candidate)!.length
      return { similar, frequency }
    })
    groups.sort((a, b) => a.frequency - b.frequency)
    groups.forEach(({ similar, frequency }, rank) => {
      if (rank > 0 && frequency > commonLimit) return
      for (const [candidate, similarity] of similar) {
        const list = postings.get(candidate)!
        // Rare tokens say more than common ones (inverse document frequency).
        credit(list, similarity * Math.log(1 + customers.length / list.length))
      }
    })
  }

  const creditContactPoints = (map: Map<string, number[]>, keys: readonly string[], weight: number): void => {
    for (const key of keys) {
      const list = map.get(key)
      if (list !== undefined && list.length <= MAX_CONTACT_POINT_POSTINGS) credit(list, weight * wordCredit)
    }
  }

  return {
    findCandidates(record, limit) {
      creditNames(record)
      if (record.kind === 'contact') {
        creditContactPoints(emails, record.emails, EMAIL_HIT)
        creditContactPoints(domains, record.workDomains, SHARED_POINT_HIT)
      } else {
        // An organization's own domain is strong evidence (see matching-score.ts), as strong as an email.
        creditContactPoints(domains, record.domains, EMAIL_HIT)
      }
      if (record.phone !== undefined) creditContactPoints(phones, [record.phone], SHARED_POINT_HIT)
      let best = 0
      for (const index of touched) best = Math.max(best, scores[index]!)
      const floor = best * MIN_SHARE_OF_BEST
      const result = touched.filter((index) => scores[index]! >= floor)
      if (result.length > limit) {
        result.sort((a, b) => scores[b]! - scores[a]! || a - b)
        result.length = limit
      }
      for (const index of touched) scores[index] = 0
      touched.length = 0
      return result
    },
  }
}
