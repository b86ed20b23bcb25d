/**
 * Accounts-receivable aging (DESIGN.md §1.1 point 5) plus the date and amount arithmetic the QuickBooks tab's
 * figures share. Amounts are exact decimal strings summed with the `@ledgerlink/qbo` money helpers (BigInt
 * underneath), never floats. Dates are QBO calendar dates `YYYY-MM-DD`; "today" is the caller's calendar date in
 * the QBO company's time zone, so no clock or time zone is read here.
 */
import { money, sumMoney } from '@ledgerlink/qbo'

/** The aging chart's buckets, by days past the due date. */
export type AgingBucket = 'current' | 'days1To30' | 'days31To60' | 'days61To90' | 'over90'

/** Bucket order of the chart, left to right. */
export const AGING_BUCKETS: readonly AgingBucket[] = [
  'current',
  'days1To30',
  'days31To60',
  'days61To90',
  'over90',
]

/** Chart labels; the same columns as QBO's AgedReceivables report (API-NOTES.md §12). */
export const AGING_BUCKET_LABELS: Readonly<Record<AgingBucket, string>> = {
  current: 'Current',
  days1To30: '1–30 days',
  days31To60: '31–60 days',
  days61To90: '61–90 days',
  over90: 'Over 90 days',
}

/** One open item to age: its due date and what is still owed on it. */
export interface AgingItem {
  dueDate: string | null
  balance: string
}

/** The aging of open balances, in one currency. `total` equals the sum of the buckets. */
export interface Aging {
  currency: string
  buckets: { bucket: AgingBucket; label: string; amount: string }[]
  total: string
}

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T+\-Z])/

/**
 * The day number (days since 1970-01-01) of a QBO date. Accepts `YYYY-MM-DD`, optionally followed by a time or
 * offset (older QBO payloads send `2014-09-19-07:00`); throws a TypeError for anything else.
 */
export function dayNumberOf(date: string): number {
  const match = ISO_DATE.exec(date)
  if (!match) throw new TypeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`)
  const [, y = '', m = '', d = ''] = match
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const check = new Date(ms)
  if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d))
    throw new TypeError(`not a real date: ${JSON.stringify(date)}`)
  return ms / DAY_MS
}

/** The `YYYY-MM-DD` part of a QBO date, or null when absent or not a date. */
export function isoDateOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  try {
    dayNumberOf(value)
    return value.slice(0, 10)
  } catch {
    return null
  }
}

/** The calendar date `months` months before/after `date`, clamped to the month's last day (Feb 29 → Feb 28). */
export function addMonths(date: string, months: number): string {
  const day = new Date(dayNumberOf(date) * DAY_MS)
  const target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day.getUTCDate(), lastDay))
  return target.toISOString().slice(0, 10)
}

/** The calendar date `days` days after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumberOf(date) + days) * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Days past due on `today`: 0 on the due date itself and for items not yet due or with no due date.
 * @example
 * daysPastDue('2026-01-01', '2026-01-31') // 30
 */
export function daysPastDue(dueDate: string | null, today: string): number {
  if (dueDate === null) return 0
  return Math.max(0, dayNumberOf(today) - dayNumberOf(dueDate))
}

/** The bucket for a number of days past due: 0 is current, 1–30, 31–60, 61–90, and 91 or more. */
export function agingBucketOf(days: number): AgingBucket {
  if (days <= 0) return 'current'
  if (days <= 30) return 'days1To30'
  if (days <= 60) return 'days31To60'
  if (days <= 90) return 'days61To90'
  return 'over90'
}

const minorUnitsByCurrency = new Map<string, number>()

/** Minor units of a currency per ICU (USD 2, JPY 0, BHD 3); 2 for a code ICU does not know. */
function minorUnitsOf(currency: string): number {
  let digits = minorUnitsByCurrency.get(currency)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits
    } catch {
      digits = 2
    }
    minorUnitsByCurrency.set(currency, digits ?? 2)
  }
  return digits ?? 2
}

/**
 * Pads an amount to at least the currency's minor units (`"85"` → `"85.00"` in USD). Never rounds: extra
 * decimals QBO sent are kept.
 */
export function toCurrencyScale(amount: string, currency: string): string {
  const digits = minorUnitsOf(currency)
  const [int = '0', frac = ''] = money(amount, currency).amount.split('.')
  const padded = frac.padEnd(digits, '0')
  return padded === '' ? int : `${int}.${padded}`
}

/**
 * Reads an amount from a QBO object field: decimal strings as they are (the qbo client's JSON codec keeps them
 * exact), finite JSON numbers by their shortest decimal form, anything else (absent) as `"0"`.
 */
export function decimalOf(value: unknown): string {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value)
    return /e/i.test(text) ? value.toFixed(12).replace(/\.?0+$/, '') : text
  }
  return '0'
}

/** Exact sum of amounts of one currency, padded to the currency's minor units. */
export function sumAmounts(amounts: readonly string[], currency: string): string {
  const total = sumMoney(
    amounts.map((amount) => money(amount, currency)),
    currency,
  )
  return toCurrencyScale(total.amount, currency)
}

/**
 * Ages open items into the chart's buckets by due date (an item with no due date counts as current).
 * @example
 * buildAging([{ dueDate: '2026-01-01', balance: '40' }], 'USD', '2026-01-31').total // '40.00'
 */
export function buildAging(items: readonly AgingItem[], currency: string, today: string): Aging {
  const grouped = new Map<AgingBucket, string[]>(AGING_BUCKETS.map((bucket) => [bucket, []]))
  for (const item of items) grouped.get(agingBucketOf(daysPastDue(item.dueDate, today)))?.push(item.balance)
  return {
    currency,
    buckets: AGING_BUCKETS.map((bucket) => ({
      bucket,
      label: AGING_BUCKET_LABELS[bucket],
      amount: sumAmounts(grouped.get(bucket) ?? [], currency),
    })),
    total: sumAmounts(
      items.map((item) => item.balance),
      currency,
    ),
  }
}
