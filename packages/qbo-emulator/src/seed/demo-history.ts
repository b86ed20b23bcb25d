import { CATALOG } from './catalog'
import type { Ledger, LineSpec } from './ledger'
import type { Random } from './random'

/** About 18 months: the oldest document of the demo company. */
export const HISTORY_DAYS = 540

/**
 * One to three catalog lines with quantities in each item's usual range.
 *
 * @example
 * randomLines(createRandom(1)) // [{ item: 'Sod', qty: 12, unitPrice: 20 }, …]
 */
export function randomLines(random: Random): LineSpec[] {
  const count = random.int(1, 3)
  const lines: LineSpec[] = []
  for (let i = 0; i < count; i++) {
    const item = random.pick(CATALOG)
    lines.push({ item: item.name, qty: random.int(item.qty[0], item.qty[1]), unitPrice: item.unitPrice })
  }
  return lines
}

/**
 * Check numbers for received payments (`PaymentRefNum`), deterministic per seed run.
 *
 * @example
 * const nextCheck = checkNumbers(4001)
 * nextCheck() // '4001'
 */
export function checkNumbers(start: number): () => string {
  let next = start
  return () => String(next++)
}

/**
 * Plans `count` documents for one customer between `fromDaysAgo` and `toDaysAgo`: estimates, invoices and
 * the payments that settle most of them (a few old invoices stay overdue, as in real books). With
 * `settle`, every invoice is paid by the end (used for a customer that is made inactive afterwards).
 *
 * @example
 * planCustomerHistory(ledger, random, checkNumbers(4001), { prefix: 'cool-cars', customerId: '3', count: 8 })
 */
export function planCustomerHistory(
  ledger: Ledger,
  random: Random,
  nextCheck: () => string,
  opts: {
    prefix: string
    customerId: string
    count: number
    fromDaysAgo?: number
    toDaysAgo?: number
    settle?: boolean
  },
): void {
  const { prefix, customerId, count } = opts
  if (count <= 0) return
  const to = opts.toDaysAgo ?? 0
  let day = opts.fromDaysAgo ?? random.int(300, HISTORY_DAYS)
  const step = Math.max(2, Math.floor((day - to) / (count + 1)))
  const open: Array<{ key: string; daysAgo: number }> = []
  for (let n = 0; n < count; n++) {
    const key = `${prefix}-${n}`
    const payable = open.filter((o) => o.daysAgo - day >= 7)
    const isLast = n === count - 1
    if (payable.length > 0 && (random.chance(0.55) || (opts.settle && isLast))) {
      const settleAll = opts.settle && isLast
      const paid = settleAll ? payable : payable.slice(0, random.int(1, Math.min(2, payable.length)))
      ledger.payment(key, customerId, {
        daysAgo: day,
        apply: paid.map((p) => ({ invoice: p.key, amount: 'balance' as const })),
        refNum: nextCheck(),
      })
      for (const p of paid) open.splice(open.indexOf(p), 1)
    } else if (!opts.settle && random.chance(0.2)) {
      const status =
        day <= 30
          ? random.pick(['Pending', 'Accepted'] as const)
          : random.pick(['Closed', 'Rejected'] as const)
      ledger.estimate(key, customerId, { daysAgo: day, lines: randomLines(random), status })
    } else {
      ledger.invoice(key, customerId, { daysAgo: day, lines: randomLines(random) })
      open.push({ key, daysAgo: day })
    }
    day = Math.max(to, day - step - random.int(0, Math.floor(step / 2)))
  }
}

/**
 * The long history of the demo's busiest customer: roughly 300 documents over 18 months (invoices every
 * three days, paid in batches by check, estimates every nine days), the last few weeks still open. The
 * performance benchmark reads a contact with this many documents.
 *
 * @example
 * planBusyCustomerHistory(ledger, createRandom(1), checkNumbers(4001), '1')
 */
export function planBusyCustomerHistory(
  ledger: Ledger,
  random: Random,
  nextCheck: () => string,
  customerId: string,
): void {
  const unpaid: string[] = []
  for (let i = 0; i < 180; i++) {
    const daysAgo = HISTORY_DAYS - i * 3
    const key = `busy-inv-${i}`
    ledger.invoice(key, customerId, { daysAgo, lines: randomLines(random) })
    unpaid.push(key)
    if (daysAgo > 60 && unpaid.length === 3) {
      ledger.payment(`busy-pay-${i}`, customerId, {
        daysAgo: daysAgo - 20,
        apply: unpaid.map((invoice) => ({ invoice, amount: 'balance' as const })),
        refNum: nextCheck(),
      })
      unpaid.length = 0
    }
  }
  const statuses = ['Accepted', 'Closed', 'Rejected', 'Closed'] as const
  for (let i = 0; i < 60; i++) {
    const daysAgo = HISTORY_DAYS - 4 - i * 9
    if (daysAgo < 0) break
    const status = daysAgo <= 20 ? 'Pending' : statuses[i % statuses.length]!
    ledger.estimate(`busy-est-${i}`, customerId, { daysAgo, lines: randomLines(random), status })
  }
}
