import type { Aging, AgingBucketKey } from '../../api'

const DECIMAL = /^-?\d+(\.\d+)?$/
const formats = new Map<string, Intl.NumberFormat>()

const formatFor = (currency: string): Intl.NumberFormat | null => {
  let format = formats.get(currency)
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    } catch {
      return null
    }
    formats.set(currency, format)
  }
  return format
}

/**
 * A decimal string in its currency ("1234.5", "USD" → "$1,234.50"). The string goes to Intl as it is, never
 * through a float, so large amounts keep every digit. Something that is not an amount is shown as it came.
 */
export const formatMoney = (amount: string | null | undefined, currency: string): string => {
  if (amount === null || amount === undefined || amount === '') return '—'
  const format = DECIMAL.test(amount) ? formatFor(currency) : null
  return format ? format.format(amount as `${number}`) : `${amount} ${currency}`
}

/** True for a decimal string above zero. */
export const isPositive = (amount: string | null | undefined): boolean =>
  amount !== null &&
  amount !== undefined &&
  DECIMAL.test(amount) &&
  !amount.startsWith('-') &&
  /[1-9]/.test(amount)

/** One bar of the aging chart: its amount in words and its length as a share (0–100) of the longest bar. */
export type AgingBar = {
  bucket: AgingBucketKey
  label: string
  amount: string
  text: string
  percent: number
}

/**
 * The aging chart's bars. Lengths are relative to the largest bucket, so the biggest amount fills the row;
 * credits (negative amounts) and zero get no bar. A float is fine here: it only decides pixels.
 */
export const agingBars = (aging: Aging): AgingBar[] => {
  const values = aging.buckets.map((bucket) => Math.max(0, Number(bucket.amount) || 0))
  const largest = Math.max(0, ...values)
  return aging.buckets.map((bucket, index) => {
    const value = values[index] ?? 0
    return {
      bucket: bucket.bucket,
      label: bucket.label,
      amount: bucket.amount,
      text: formatMoney(bucket.amount, aging.currency),
      percent: largest > 0 ? Math.round((value / largest) * 1000) / 10 : 0,
    }
  })
}
