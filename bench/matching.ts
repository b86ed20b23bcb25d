/**
 * Customer-matching benchmark. Comparison: the 5 s budget for ranking 10,000 CRM contacts against 50,000
 * QBO customers on this 2-core machine (index build included). Also reports top-1 quality on the labelled
 * set and on the generated bulk data. Writes bench/results/matching.json.
 *
 * Run: npm run bench:matching -w @ledgerlink/bench
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createMatcher,
  type MatchableCustomer,
  type RecordToMatch,
} from '../packages/server/src/modules/quickbooks/matching'
import {
  companyBaseName,
  createPicker,
  type GeneratedPerson,
  GIVEN_NAMES,
  generateCompany,
  generatePerson,
  type Picker,
  TRADES,
} from '../packages/server/src/modules/quickbooks/matching-labelled-generator'
import { contactRecordFor } from '../packages/server/src/modules/quickbooks/matching-labelled-records'
import {
  evaluateLabelledSet,
  LABELLED_CUSTOMERS,
} from '../packages/server/src/modules/quickbooks/matching-labelled-set'

const CUSTOMERS = 50_000
const CONTACTS = 10_000
/** Share of contacts whose customer is not in QuickBooks. */
const ABSENT_SHARE = 0.2
const BUDGET_MS = 5_000
const RUNS = 5
const SEED = 5_000_010

interface BulkData {
  customers: MatchableCustomer[]
  contacts: RecordToMatch[]
  expected: (string | null)[]
}

const ONSETS = 'b|br|c|ch|d|f|g|gr|h|j|k|l|m|n|p|r|s|sh|st|t|v|w|z'.split('|')
const VOWELS = 'a|e|i|o|u|ai|ea|ou'.split('|')
const CODAS = '|n|r|s|l|t|m|ck|nd|rt'.split('|')

/**
 * A pronounceable invented word of two or three syllables ("Brenmaltor"): the word lists of the labelled
 * set are too small for 50,000 distinct customers, and real customer lists are mostly distinct names.
 */
function inventedName(picker: Picker): string {
  let word = ''
  for (let i = 0, n = 2 + picker.int(2); i < n; i++) {
    word += picker.pick(ONSETS) + picker.pick(VOWELS) + picker.pick(CODAS)
  }
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function generateBulk(): BulkData {
  const picker = createPicker(SEED)
  const customers: MatchableCustomer[] = []
  const persons: GeneratedPerson[] = []
  // QBO display names are unique (API-NOTES.md §2.2), so duplicates are re-drawn.
  const displayNames = new Set<string>()
  while (customers.length < CUSTOMERS) {
    const id = `c${customers.length}`
    if (customers.length % 5 < 3) {
      const base = picker.chance(0.5)
        ? companyBaseName(picker)
        : `${inventedName(picker)} ${picker.pick(TRADES)}`
      const company = generateCompany(id, picker, base)
      if (displayNames.has(company.customer.DisplayName)) continue
      displayNames.add(company.customer.DisplayName)
      customers.push(company.customer)
    } else {
      const person = generatePerson(id, picker, picker.pick(GIVEN_NAMES), inventedName(picker))
      if (displayNames.has(person.customer.DisplayName)) continue
      displayNames.add(person.customer.DisplayName)
      persons.push(person)
      customers.push(person.customer)
    }
  }
  const contacts: RecordToMatch[] = []
  const expected: (string | null)[] = []
  for (let i = 0; i < CONTACTS; i++) {
    const isAbsent = picker.chance(ABSENT_SHARE)
    const person = isAbsent
      ? generatePerson(`absent${i}`, picker, picker.pick(GIVEN_NAMES), inventedName(picker))
      : picker.pick(persons)
    contacts.push(contactRecordFor(person, picker).record)
    expected.push(isAbsent ? null : person.customer.Id)
  }
  return { customers, contacts, expected }
}

function runOnce(data: BulkData) {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const matcher = createMatcher(data.customers)
  const built = performance.now()
  const tops = data.contacts.map((contact) => matcher.rank(contact)[0])
  const finished = performance.now()
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return { buildMs: built - started, rankMs: finished - built, totalMs: finished - started, cpuMs, tops }
}

const data = generateBulk()
const runs = Array.from({ length: RUNS }, () => runOnce(data))
const totals = runs.map((run) => run.totalMs).sort((a, b) => a - b)
const medianMs = totals[Math.floor(totals.length / 2)]!
const worstMs = totals[totals.length - 1]!

// Bulk quality. Absent contacts can still meet a customer with the same invented name; a top candidate
// with the expected customer's given and family name is counted apart rather than as an error.
const tops = runs[0]!.tops
let suggestions = 0
let correct = 0
let homonyms = 0
const byId = new Map(data.customers.map((customer) => [customer.Id, customer]))
const personName = (customer: MatchableCustomer | undefined) =>
  `${customer?.GivenName}|${customer?.FamilyName}`
tops.forEach((top, i) => {
  if (top === undefined) return
  suggestions++
  const expectedId = data.expected[i]
  if (top.qboCustomerId === expectedId) correct++
  else if (expectedId && personName(byId.get(expectedId)) === personName(byId.get(top.qboCustomerId)))
    homonyms++
})
const positives = data.expected.filter((id) => id !== null).length

const labelledMatcher = createMatcher(LABELLED_CUSTOMERS)
const labelled = evaluateLabelledSet((record) => labelledMatcher.rank(record))

const round = (value: number, digits = 3) => Number(value.toFixed(digits))
const result = {
  benchmark: 'matching',
  comparison: `rank ${CONTACTS} contacts against ${CUSTOMERS} customers within ${BUDGET_MS} ms`,
  // The machine is shared: the load average says how much other work competed with the runs.
  machine: { cpus: cpus().length, node: process.version, loadAverage1m: round(loadavg()[0]!, 2) },
  customers: CUSTOMERS,
  contacts: CONTACTS,
  runs: runs.map((run) => ({
    cpuMs: round(run.cpuMs, 1),
    buildMs: round(run.totalMs - run.rankMs, 1),
    rankMs: round(run.rankMs, 1),
    totalMs: round(run.totalMs, 1),
  })),
  medianMs: round(medianMs, 1),
  medianCpuMs: round(runs.map((run) => run.cpuMs).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, 1),
  worstMs: round(worstMs, 1),
  ratioToBudget: round(medianMs / BUDGET_MS),
  worstRatioToBudget: round(worstMs / BUDGET_MS),
  microsecondsPerContact: round((medianMs * 1000) / CONTACTS, 1),
  bulkTop1: {
    precision: round(correct / suggestions),
    recall: round(correct / positives),
    precisionCountingHomonyms: round((correct + homonyms) / suggestions),
    suggestions,
    positives,
  },
  labelledTop1: {
    cases: labelled.cases,
    precision: round(labelled.precision),
    recall: round(labelled.recall),
  },
}

console.log(
  `matching: ${CONTACTS} contacts × ${CUSTOMERS} customers in ${result.medianMs} ms median (${result.medianCpuMs} ms CPU) ` +
    `(build ${result.runs[0]!.buildMs} ms + rank ${result.runs[0]!.rankMs} ms on the first run; worst ${result.worstMs} ms), ` +
    `${result.ratioToBudget}× the ${BUDGET_MS / 1000} s budget (load average ${result.machine.loadAverage1m})`,
)
console.log(
  `matching: bulk top-1 precision ${result.bulkTop1.precision} (${result.bulkTop1.precisionCountingHomonyms} counting same-name customers), ` +
    `recall ${result.bulkTop1.recall}; labelled set precision ${result.labelledTop1.precision}, ` +
    `recall ${result.labelledTop1.recall} on ${labelled.cases} cases`,
)

const outputDir = join(dirname(fileURLToPath(import.meta.url)), 'results')
mkdirSync(outputDir, { recursive: true })
writeFileSync(join(outputDir, 'matching.json'), `${JSON.stringify(result, null, 2)}\n`)
