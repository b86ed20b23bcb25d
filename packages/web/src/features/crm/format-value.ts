import type { Address, RecordType } from '../../api'
import { fieldDef } from './record-fields'

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const timestampFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** `2026-01-31` → "31 Jan 2026" (a calendar date: no time zone shift). */
export const formatDate = (value: string | null | undefined): string => {
  if (!value) return ''
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
}

/** An ISO timestamp in the reader's time zone. */
export const formatTimestamp = (value: string): string => {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : timestampFormat.format(date)
}

/** A decimal string with its currency; money never goes through a float for storage, only for display. */
export const formatMoney = (value: string | null, currency: string): string => {
  if (value === null || value === '') return ''
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(value))
  } catch {
    return `${value} ${currency}`
  }
}

export const isAddress = (value: unknown): value is Address =>
  typeof value === 'object' && value !== null && 'city' in value && 'street' in value

/** An address as the lines one would write on an envelope. */
export const addressLines = (address: Address | null): string[] => {
  if (!address) return []
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ')
  return [...(address.street ?? '').split('\n'), cityLine, address.country ?? ''].filter((line) =>
    line.trim(),
  )
}

/** One history value in words: the field's option label, a date, an address on one line, "empty". */
export const formatHistoryValue = (type: RecordType, field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(empty)'
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(empty)'
  if (isAddress(value)) return addressLines(value).join(', ') || '(empty)'
  const def = fieldDef(type, field)
  if (def?.kind === 'select') return def.options.find((o) => o.value === value)?.label ?? String(value)
  if (def?.kind === 'date' && typeof value === 'string') return formatDate(value)
  if (def?.kind === 'percent') return `${value}%`
  if (typeof value === 'object') {
    const named = value as { name?: unknown }
    return typeof named.name === 'string' ? named.name : JSON.stringify(value)
  }
  return String(value)
}
