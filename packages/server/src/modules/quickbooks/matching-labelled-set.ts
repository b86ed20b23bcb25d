/**
 * The labelled evaluation set of the customer matcher: CRM records, each with the QBO customer it really
 * is, or `null` when that customer is absent from QuickBooks. One shared pool of customers holds every true
 * customer plus look-alike distractors, so a record must pick its customer out of all of them.
 *
 * Two parts: hand-written hard cases (QBO sandbox names, legal forms, possessives, accents, gmail variants,
 * inactive duplicates, "Cool Cars" vs "Cool Cats Grooming") and a seeded generator's cases
 * (matching-labelled-records.ts). Deterministic: the same cases on every run.
 */

import {
  createPicker,
  type GeneratedCompany,
  type GeneratedPerson,
  GIVEN_NAMES,
  generateCompany,
  generatePerson,
  type LabelledCase,
  type NoiseKind,
} from './matching-labelled-generator'
import { HAND_WRITTEN_CASES, HAND_WRITTEN_CUSTOMERS } from './matching-labelled-hand'
import {
  contactRecordFor,
  freshCompanyName,
  lookAlikeCompany,
  lookAlikePerson,
  organizationRecordFor,
} from './matching-labelled-records'
import type { MatchableCustomer, MatchCandidate, RecordToMatch } from './matching-types'

export type { LabelledCase, NoiseKind } from './matching-labelled-generator'

const SEED = 20_261_124
const COMPANIES = 80
const PERSONS = 80
const ABSENT_COMPANIES = 25
const ABSENT_PERSONS = 20

/** A pool of customers and the cases labelled against it. */
export interface LabelledSet {
  customers: MatchableCustomer[]
  cases: LabelledCase[]
}

/**
 * Generates the seeded part of the labelled set: company and person customers, a look-alike for every
 * third one, one noisy CRM record per customer, and records whose customer is absent (half of them
 * with a look-alike present).
 *
 * @example
 * generateLabelledSet(20_261_124).cases.length // 205
 */
export function generateLabelledSet(seed: number): LabelledSet {
  const picker = createPicker(seed)
  const customers: MatchableCustomer[] = []
  const cases: LabelledCase[] = []
  const takenCompanies = new Set<string>()
  const takenPersons = new Set<string>()
  let nextId = 1
  const id = () => `g${nextId++}`

  const newCompany = (): GeneratedCompany => {
    const company = generateCompany(id(), picker, freshCompanyName(picker, takenCompanies))
    takenCompanies.add(company.base)
    return company
  }
  const newPerson = (): GeneratedPerson => {
    for (;;) {
      const person = generatePerson(id(), picker)
      const key = `${person.given} ${person.family}`
      if (takenPersons.has(key)) continue
      takenPersons.add(key)
      return person
    }
  }
  const addLookAlikeCompany = (company: GeneratedCompany) => {
    const lookAlike = lookAlikeCompany(company, id(), picker)
    if (takenCompanies.has(lookAlike.base)) return
    takenCompanies.add(lookAlike.base)
    customers.push(lookAlike.customer)
  }
  const addLookAlikePerson = (person: GeneratedPerson) => {
    const lookAlike = lookAlikePerson(person, id(), picker, GIVEN_NAMES)
    const key = `${lookAlike.given} ${lookAlike.family}`
    if (takenPersons.has(key)) return
    takenPersons.add(key)
    customers.push(lookAlike.customer)
  }

  for (let i = 0; i < COMPANIES; i++) {
    const company = newCompany()
    const noise: NoiseKind[] = []
    if (i % 9 === 4) {
      company.customer.Active = false
      noise.push('inactive')
    }
    customers.push(company.customer)
    if (i % 3 === 0) addLookAlikeCompany(company)
    const derived = organizationRecordFor(company, picker)
    cases.push({
      id: `org-${i}`,
      record: derived.record,
      expectedQboCustomerId: company.customer.Id,
      noise: [...derived.noise, ...noise],
    })
  }
  for (let i = 0; i < PERSONS; i++) {
    const person = newPerson()
    customers.push(person.customer)
    if (i % 3 === 0) addLookAlikePerson(person)
    const derived = contactRecordFor(person, picker)
    cases.push({
      id: `contact-${i}`,
      record: derived.record,
      expectedQboCustomerId: person.customer.Id,
      noise: derived.noise,
    })
  }
  // Absent customers: the record's own customer is never added, but half of them get a look-alike that is.
  for (let i = 0; i < ABSENT_COMPANIES; i++) {
    const phantom = newCompany()
    if (i % 2 === 0) addLookAlikeCompany(phantom)
    const derived = organizationRecordFor(phantom, picker)
    cases.push({
      id: `absent-org-${i}`,
      record: derived.record,
      expectedQboCustomerId: null,
      noise: [...derived.noise, 'absent', ...(i % 2 === 0 ? (['look-alike'] as const) : [])],
    })
  }
  for (let i = 0; i < ABSENT_PERSONS; i++) {
    const phantom = newPerson()
    if (i % 2 === 0) addLookAlikePerson(phantom)
    const derived = contactRecordFor(phantom, picker)
    cases.push({
      id: `absent-contact-${i}`,
      record: derived.record,
      expectedQboCustomerId: null,
      noise: [...derived.noise, 'absent', ...(i % 2 === 0 ? (['look-alike'] as const) : [])],
    })
  }
  return { customers, cases }
}

const generated = generateLabelledSet(SEED)

/** Every customer of the evaluation pool: true customers and distractors, generated and hand-written. */
export const LABELLED_CUSTOMERS: readonly MatchableCustomer[] = [
  ...HAND_WRITTEN_CUSTOMERS,
  ...generated.customers,
]

/** Every labelled case, hand-written first. */
export const LABELLED_CASES: readonly LabelledCase[] = [...HAND_WRITTEN_CASES, ...generated.cases]

/** Outcome of ranking every labelled case. */
export interface LabelledEvaluation {
  cases: number
  /** Cases whose customer exists in the pool. */
  positives: number
  /** Cases that got at least one candidate. */
  suggestions: number
  /** Cases whose top candidate is their customer. */
  correct: number
  /** correct / suggestions: how often the top suggestion is right. */
  precision: number
  /** correct / positives: how often an existing customer comes out on top. */
  recall: number
  /** Per kind of noise: cases whose customer exists, and how many of them came out on top. */
  byNoise: Partial<Record<NoiseKind, { positives: number; correct: number }>>
  /** Cases that went wrong, for reading: expected id and the top candidate, if any. */
  failures: {
    id: string
    expected: string | null
    got: MatchCandidate | undefined
    noise: readonly NoiseKind[]
  }[]
}

/**
 * Ranks every labelled case with `rank` and measures top-1 precision and recall.
 *
 * @example
 * const matcher = createMatcher(LABELLED_CUSTOMERS)
 * evaluateLabelledSet((record) => matcher.rank(record)).precision
 */
export function evaluateLabelledSet(
  rank: (record: RecordToMatch) => MatchCandidate[],
  cases: readonly LabelledCase[] = LABELLED_CASES,
): LabelledEvaluation {
  let positives = 0
  let suggestions = 0
  let correct = 0
  const failures: LabelledEvaluation['failures'] = []
  const byNoise: LabelledEvaluation['byNoise'] = {}
  for (const item of cases) {
    const top = rank(item.record)[0]
    const isCorrect = top !== undefined && top.qboCustomerId === item.expectedQboCustomerId
    if (item.expectedQboCustomerId !== null) {
      positives++
      for (const kind of new Set(item.noise)) {
        const tally = byNoise[kind] ?? { positives: 0, correct: 0 }
        tally.positives++
        if (isCorrect) tally.correct++
        byNoise[kind] = tally
      }
    }
    if (top !== undefined) suggestions++
    if (isCorrect) correct++
    else if (top !== undefined || item.expectedQboCustomerId !== null) {
      failures.push({ id: item.id, expected: item.expectedQboCustomerId, got: top, noise: item.noise })
    }
  }
  return {
    cases: cases.length,
    positives,
    suggestions,
    correct,
    precision: suggestions === 0 ? 0 : correct / suggestions,
    recall: positives === 0 ? 0 : correct / positives,
    byNoise,
    failures,
  }
}
