/**
 * The token a copy preview hands to the page and the page sends back with the copy: the customer's SyncToken
 * plus its copyable values as the preview showed them. With it the copy can tell, without storing anything,
 * whether the fields the user picked changed in QBO after the preview (API-NOTES.md §4: the SyncToken moves on
 * every write, so a new one alone does not say which fields changed).
 */
import type { Customer } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import type { QboCopyField } from './copy-fields'

const COPY_FIELDS: readonly QboCopyField[] = [
  'BillAddr',
  'ShipAddr',
  'PrimaryPhone',
  'AlternatePhone',
  'Mobile',
  'Fax',
  'PrimaryEmailAddr',
  'WebAddr',
]

/** Longest token accepted: QBO's field limits keep a real one far below (API-NOTES.md §2.1). */
export const MAX_COPY_TOKEN_LENGTH = 16_000

/**
 * The token of a customer as read for a preview.
 * @example
 * encodeCopyToken({ Id: '10', SyncToken: '3', PrimaryPhone: { FreeFormNumber: '555' } })
 */
export function encodeCopyToken(customer: Customer): string {
  const values: Partial<Customer> = {}
  for (const field of COPY_FIELDS) if (customer[field] !== undefined) values[field] = customer[field]
  return Buffer.from(JSON.stringify({ s: customer.SyncToken ?? '', v: values })).toString('base64url')
}

/** The customer as the preview saw it (its SyncToken and copyable fields). Throws BAD_INPUT for a foreign token. */
export function decodeCopyToken(token: string): Customer & { SyncToken: string } {
  const invalid = () =>
    badInput('This preview is no longer valid. Open the copy preview again.', [
      { path: 'syncToken', message: 'Not a token of a copy preview' },
    ])
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  if (value === null || typeof value !== 'object') throw invalid()
  const { s, v } = value as { s?: unknown; v?: unknown }
  if (typeof s !== 'string' || v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid()
  const customer: Customer & { SyncToken: string } = { SyncToken: s }
  for (const field of COPY_FIELDS) {
    const fieldValue = (v as Record<string, unknown>)[field]
    if (fieldValue === undefined) continue
    if (fieldValue === null || typeof fieldValue !== 'object' || Array.isArray(fieldValue)) throw invalid()
    customer[field] = fieldValue
  }
  return customer
}
