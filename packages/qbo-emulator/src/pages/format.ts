import type { QboObject } from '../store'
import { esc } from './html'

const moneyFormats = new Map<string, Intl.NumberFormat>()

/**
 * An amount in its currency (`$1,234.50`, `CA$815.00`); escaped HTML.
 *
 * @example
 * money(1234.5, { value: 'USD' }) // '$1,234.50'
 */
export function money(amount: unknown, currencyRef?: unknown): string {
  const code = String((currencyRef as QboObject | undefined)?.value ?? 'USD')
  const n = typeof amount === 'number' ? amount : Number(amount ?? 0)
  let format = moneyFormats.get(code)
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code })
    } catch {
      format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }
    moneyFormats.set(code, format)
  }
  return esc(format.format(Number.isFinite(n) ? n : 0))
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

/**
 * A QBO date (`YYYY-MM-DD`) as QuickBooks shows it; escaped HTML, '' when absent.
 *
 * @example
 * date('2026-11-24') // 'Nov 24, 2026'
 */
export function date(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return esc(value)
  const ms = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(ms) ? esc(value) : esc(dateFormat.format(ms))
}

/**
 * Whole days from `from` to `to` (both `YYYY-MM-DD`).
 *
 * @example
 * daysBetween('2026-11-01', '2026-11-24') // 23
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * A physical address as escaped lines (Line1…Line5, then "City, ST 12345", then Country).
 *
 * @example
 * address({ Line1: '12 Ocean Dr.', City: 'Half Moon Bay', CountrySubDivisionCode: 'CA', PostalCode: '94213' })
 */
export function address(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  const a = value as QboObject
  const lines = ['Line1', 'Line2', 'Line3', 'Line4', 'Line5'].map((k) => a[k]).filter((v) => v)
  const region = [a.CountrySubDivisionCode, a.PostalCode].filter((v) => v).join(' ')
  const cityLine = [a.City, region].filter((v) => v).join(', ')
  return [...lines, cityLine, a.Country]
    .filter((v) => v)
    .map(esc)
    .join('\n')
}

/**
 * Title Given Middle Family Suffix of a name record, or ''.
 *
 * @example
 * personName({ GivenName: 'Amy', FamilyName: 'Lauterbach' }) // 'Amy Lauterbach'
 */
export function personName(record: QboObject): string {
  return ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']
    .map((k) => record[k])
    .filter((v) => typeof v === 'string' && v)
    .join(' ')
}

/**
 * The value of a `{Address}`, `{FreeFormNumber}` or `{URI}` member, or undefined.
 *
 * @example
 * inner({ Address: 'birds@intuit.com' }, 'Address') // 'birds@intuit.com'
 */
export function inner(value: unknown, key: 'Address' | 'FreeFormNumber' | 'URI'): string | undefined {
  const v = (value as QboObject | undefined)?.[key]
  return typeof v === 'string' && v ? v : undefined
}

/**
 * A definition list of the rows that have a value (values are already escaped HTML).
 *
 * @example
 * definitions([['Email', esc(email)], ['Fax', undefined]]) // '<dl><dt>Email</dt>…</dl>'
 */
export function definitions(rows: Array<[string, string | undefined]>): string {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '')
  if (shown.length === 0) return '<p class="muted">None</p>'
  return `<dl>${shown.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`
}
