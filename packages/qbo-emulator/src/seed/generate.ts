import type { Clock } from '../clock'
import type { CompanyStore, CompanyStoreHandle, Registry } from '../store'
import { seedCatalog } from './catalog'
import { seedCalendar } from './dates'
import { randomLines } from './demo-history'
import { createCustomerFactory } from './generated-customers'
import { bulkRowsSink, type GeneratorSink, storeWritesSink } from './generated-rows'
import type { LineSpec } from './ledger'
import { createRandom, type Random } from './random'

/** Options of the data generator. */
export interface GenerateOptions {
  customers: number
  documentsPerCustomer: number
  /** Defaults to the next free id of the form `913035776691NNNN`. */
  realmId?: string
  /** Same seed, same data (default 1). */
  randomSeed?: number
  /**
   * `'bulk'` (default when the store offers it) builds the rows and loads them at once; `'store'` sends
   * every row through the store's ordinary creates (slower; used to check that both give the same data).
   */
  writes?: 'bulk' | 'store'
}

/** Limits that keep one generator call within memory (500,000 documents take about 0.5 GB). */
export const GENERATE_LIMITS = {
  customers: 200_000,
  documentsPerCustomer: 1_000,
  documents: 2_000_000,
} as const

const GENERATED_REALM_PREFIX = '913035776691'
/** Generated companies keep books in US dollars (CurrencyRef as the store spells it). */
const USD = { value: 'USD', name: 'United States Dollar' }

/** The first free realm id of the generated companies. */
function nextRealmId(registry: Registry): string {
  for (let n = 1; ; n++) {
    const id = `${GENERATED_REALM_PREFIX}${String(n).padStart(4, '0')}`
    if (!registry.get(id)) return id
  }
}

function checkOptions(opts: GenerateOptions): void {
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max
  if (!whole(opts.customers, GENERATE_LIMITS.customers)) {
    throw new RangeError(`customers must be a whole number from 0 to ${GENERATE_LIMITS.customers}`)
  }
  if (!whole(opts.documentsPerCustomer, GENERATE_LIMITS.documentsPerCustomer)) {
    throw new RangeError(
      `documentsPerCustomer must be a whole number from 0 to ${GENERATE_LIMITS.documentsPerCustomer}`,
    )
  }
  if (opts.customers * opts.documentsPerCustomer > GENERATE_LIMITS.documents) {
    throw new RangeError(`at most ${GENERATE_LIMITS.documents} documents per generated company`)
  }
}

const totalOf = (lines: readonly LineSpec[]) =>
  Math.round(lines.reduce((sum, l) => sum + Math.round(l.qty * l.unitPrice * 100), 0)) / 100

/**
 * One customer's documents, oldest first: invoices, some estimates, and payments that settle the oldest
 * open invoice in full, spread over the last 18 months.
 */
function writeDocuments(
  sink: GeneratorSink,
  random: Random,
  daysAgo: (days: number) => string,
  customerId: string,
  count: number,
): void {
  const open: Array<{ id: string; amount: number }> = []
  let day = random.int(count * 3, Math.max(count * 3, 540))
  const step = Math.max(1, Math.floor(day / (count + 1)))
  for (let d = 0; d < count; d++) {
    const TxnDate = daysAgo(day)
    const oldest = open[0]
    if (oldest && random.chance(0.35)) {
      open.shift()
      const PaymentRefNum = String(random.int(1000, 99_999))
      sink.payment(customerId, { TxnDate, PaymentRefNum, invoiceId: oldest.id, amount: oldest.amount })
    } else if (random.chance(0.2)) {
      const TxnStatus = day <= 30 ? 'Pending' : random.pick(['Accepted', 'Closed', 'Rejected'])
      const lines = randomLines(random)
      sink.estimate(customerId, { TxnDate, TxnStatus, lines, total: totalOf(lines) })
    } else {
      const lines = randomLines(random)
      const total = totalOf(lines)
      open.push({ id: sink.invoice(customerId, { TxnDate, lines, total }), amount: total })
    }
    day = Math.max(0, day - step)
  }
}

/** Whether a company offers the store's trusted bulk path. */
const canBulkLoad = (company: CompanyStore): company is CompanyStore & Pick<CompanyStoreHandle, 'bulkLoad'> =>
  typeof (company as Partial<CompanyStoreHandle>).bulkLoad === 'function'

/**
 * Adds a company with generated customers and documents: deterministic for a given `randomSeed`, dated
 * relative to the clock's today. Rows are built exactly as the store's creates would write them and loaded
 * through its trusted bulk path (50,000 customers × 10 documents in a few seconds); the store recomputes
 * customer balances by its own rule.
 *
 * @example
 * const company = seedGenerated(registry, clock, { customers: 1000, documentsPerCustomer: 10 })
 * company.realmId // '9130357766910001'
 */
export function seedGenerated(registry: Registry, clock: Clock, opts: GenerateOptions): CompanyStore {
  checkOptions(opts)
  const realmId = opts.realmId ?? nextRealmId(registry)
  const company = registry.add({
    realmId,
    name: `Generated Company ${realmId.slice(-4)}`,
    homeCurrency: 'USD',
  })
  const random = createRandom(opts.randomSeed ?? 1)
  const calendar = seedCalendar(clock)
  const dates = new Map<number, string>()
  const daysAgo = (days: number) => {
    let date = dates.get(days)
    if (date === undefined) {
      date = calendar.daysAgo(days)
      dates.set(days, date)
    }
    return date
  }
  const items = seedCatalog(company)
  const nextCustomer = createCustomerFactory(random)
  const sink =
    opts.writes !== 'store' && canBulkLoad(company)
      ? bulkRowsSink(company, items, clock.now(), USD)
      : storeWritesSink(company, items)
  for (let i = 0; i < opts.customers; i++) {
    const customerId = sink.customer(nextCustomer())
    writeDocuments(sink, random, daysAgo, customerId, opts.documentsPerCustomer)
  }
  sink.finish()
  return company
}
