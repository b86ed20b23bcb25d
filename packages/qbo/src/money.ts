/**
 * Money as an exact decimal string plus an ISO 4217 currency code, never a float. Arithmetic runs on
 * BigInt-scaled integers so `0.1 + 0.2` is `0.3`.
 */

/**
 * An amount of money.
 *
 * @example
 * const due: Money = { amount: '362.07', currency: 'USD' }
 */
export interface Money {
  /** Decimal string, e.g. `"362.07"`, `"-5"`, `"0.125"`. */
  amount: string
  /** ISO 4217 code, e.g. `"USD"`. */
  currency: string
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

function toScaled(amount: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(amount)
  if (!match) throw new TypeError(`not a decimal string: ${JSON.stringify(amount)}`)
  const [, sign = '', int = '0', frac = ''] = match
  const units = BigInt(`${int}${frac}`) * (sign === '-' ? -1n : 1n)
  return { units, scale: frac.length }
}

function rescale(units: bigint, from: number, to: number): bigint {
  return units * 10n ** BigInt(to - from)
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const int = digits.slice(0, digits.length - scale)
  const frac = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`
}

/**
 * Builds a {@link Money} value, checking that `amount` is a decimal string and `currency` a 3-letter code.
 *
 * @example
 * const m = money('85.0', 'USD') // { amount: '85.0', currency: 'USD' }
 */
export function money(amount: string, currency: string): Money {
  toScaled(amount)
  if (!/^[A-Z]{3}$/.test(currency))
    throw new TypeError(`not an ISO 4217 currency code: ${JSON.stringify(currency)}`)
  return { amount, currency }
}

function requireSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new TypeError(`cannot combine ${a.currency} with ${b.currency}`)
}

/**
 * Adds two amounts of the same currency exactly (throws on a currency mismatch).
 *
 * @example
 * addMoney(money('0.1', 'USD'), money('0.2', 'USD')) // { amount: '0.3', currency: 'USD' }
 */
export function addMoney(a: Money, b: Money): Money {
  requireSameCurrency(a, b)
  const x = toScaled(a.amount)
  const y = toScaled(b.amount)
  const scale = Math.max(x.scale, y.scale)
  return {
    amount: fromScaled(rescale(x.units, x.scale, scale) + rescale(y.units, y.scale, scale), scale),
    currency: a.currency,
  }
}

/**
 * Sums amounts of one currency; `currency` is used when the list is empty.
 *
 * @example
 * sumMoney([money('1.10', 'EUR'), money('2', 'EUR')], 'EUR') // { amount: '3.10', currency: 'EUR' }
 */
export function sumMoney(values: readonly Money[], currency: string): Money {
  return values.reduce((total, m) => addMoney(total, m), money('0', currency))
}

/**
 * Compares two amounts of the same currency: -1, 0 or 1 (`"85.0"` equals `"85"`).
 *
 * @example
 * compareMoney(money('85.0', 'USD'), money('85', 'USD')) // 0
 */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  requireSameCurrency(a, b)
  const x = toScaled(a.amount)
  const y = toScaled(b.amount)
  const scale = Math.max(x.scale, y.scale)
  const diff = rescale(x.units, x.scale, scale) - rescale(y.units, y.scale, scale)
  return diff < 0n ? -1 : diff > 0n ? 1 : 0
}

/**
 * True when the amount is exactly zero.
 *
 * @example
 * isZeroMoney(money('0.00', 'USD')) // true
 */
export function isZeroMoney(m: Money): boolean {
  return toScaled(m.amount).units === 0n
}

/**
 * Formats for display with the currency's symbol and minor units (exact: the decimal string is formatted
 * without a float conversion).
 *
 * @example
 * formatMoney(money('1234.5', 'USD')) // '$1,234.50'
 * formatMoney(money('1234.5', 'EUR'), 'de-DE') // '1.234,50 €'
 */
export function formatMoney(m: Money, locale = 'en-US'): string {
  toScaled(m.amount)
  // Intl.NumberFormat formats a numeric *string* exactly (ECMA-402 NumberFormat v3).
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(
    m.amount as unknown as number,
  )
}

/**
 * The {@link Money} of an amount field on a QBO object: the object's `CurrencyRef` when multicurrency set one,
 * else the company's home currency. `undefined` when the field is absent.
 *
 * @example
 * moneyOf({ TotalAmt: '362.07', CurrencyRef: { value: 'EUR' } }, 'TotalAmt', 'USD') // { amount: '362.07', currency: 'EUR' }
 */
export function moneyOf<T extends object>(
  entity: T,
  field: keyof T & string,
  homeCurrency: string,
): Money | undefined {
  const amount = entity[field]
  if (typeof amount !== 'string') return undefined
  const ref = (entity as { CurrencyRef?: { value?: unknown } }).CurrencyRef
  return money(amount, typeof ref?.value === 'string' ? ref.value : homeCurrency)
}
