import { businessRule } from '../faults'
import { type CompanyState, refValue } from './company-state'
import type { QboObject } from './types'

/** Currency names as QBO spells them in CurrencyRef.name. */
const CURRENCY_NAMES: Record<string, string> = {
  USD: 'United States Dollar',
  CAD: 'Canadian Dollar',
  EUR: 'Euro',
  GBP: 'British Pound Sterling',
  AUD: 'Australian Dollar',
  MXN: 'Mexican Peso',
  JPY: 'Japanese Yen',
  CHF: 'Swiss Franc',
  INR: 'Indian Rupee',
}

/** Home-currency units per foreign unit, used when a transaction omits ExchangeRate (fixed for determinism). */
const DEFAULT_RATES: Record<string, number> = {
  USD: 1,
  CAD: 0.73,
  EUR: 1.08,
  GBP: 1.27,
  AUD: 0.66,
  MXN: 0.058,
  JPY: 0.0067,
  CHF: 1.13,
  INR: 0.012,
}

/**
 * The CurrencyRef to store: the requested currency (multicurrency companies only) or the home currency
 * (API-NOTES.md §2.1: defaults to home currency).
 *
 * @example
 * currencyRef(state, { value: 'EUR' }) // { value: 'EUR', name: 'Euro' } in a multicurrency company
 */
export function currencyRef(state: CompanyState, requested: unknown): QboObject {
  const code = refValue(requested)?.toUpperCase() ?? state.homeCurrency
  if (code !== state.homeCurrency) {
    if (!state.multicurrency)
      throw businessRule('Multicurrency is not enabled for this company.', 'CurrencyRef')
    if (!CURRENCY_NAMES[code]) throw businessRule(`Currency ${code} is not supported.`, 'CurrencyRef')
  }
  return { value: code, name: CURRENCY_NAMES[code] ?? code }
}

/**
 * The exchange rate of a foreign-currency transaction (a given positive number, else the default table).
 *
 * @example
 * exchangeRate('EUR', undefined) // 1.08
 */
export function exchangeRate(code: string, requested: unknown): number {
  if (typeof requested === 'number' && requested > 0) return requested
  return DEFAULT_RATES[code] ?? 1
}

/**
 * A customer's currency (its CurrencyRef, or the home currency when a loaded row has none).
 *
 * @example
 * customerCurrency(state, customer).value // 'USD'
 */
export function customerCurrency(state: CompanyState, customer: QboObject): QboObject {
  const ref = customer.CurrencyRef
  return ref && typeof ref === 'object' && refValue(ref) ? (ref as QboObject) : currencyRef(state, undefined)
}
