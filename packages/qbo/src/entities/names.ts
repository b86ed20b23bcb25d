import type { CompanyInfo, Preferences } from './company-info'
import type { Customer } from './customer'
import type { Estimate } from './estimate'
import type { Invoice } from './invoice'
import type { Payment } from './payment'

/**
 * The entity types this client knows, by QBO name.
 * @example
 * type C = EntityTypes['Customer'] // Customer
 */
export interface EntityTypes {
  Customer: Customer
  Invoice: Invoice
  Estimate: Estimate
  Payment: Payment
  CompanyInfo: CompanyInfo
  Preferences: Preferences
}

/**
 * Any entity name this client knows.
 * @example
 * const n: EntityName = 'Invoice'
 */
export type EntityName = keyof EntityTypes

/**
 * Entities that can be created and updated through this client.
 * @example
 * const n: WritableEntityName = 'Customer'
 */
export type WritableEntityName = 'Customer' | 'Invoice' | 'Estimate' | 'Payment'

/**
 * Transactions, which QBO lets you delete (name lists like Customer can only be deactivated, API-NOTES §4).
 * @example
 * const n: TransactionEntityName = 'Estimate'
 */
export type TransactionEntityName = 'Invoice' | 'Estimate' | 'Payment'

/** Lower-case path segment per entity (QBO URIs are case-sensitive; SDKs send lower case, API-NOTES §1). */
export const ENTITY_PATH: Record<EntityName, string> = {
  Customer: 'customer',
  Invoice: 'invoice',
  Estimate: 'estimate',
  Payment: 'payment',
  CompanyInfo: 'companyinfo',
  Preferences: 'preferences',
}

/**
 * Fields QBO computes or assigns, left out of create inputs.
 * @example
 * const input: CreateInput<'Customer'> = { DisplayName: 'Red Rock Diner' }
 */
export type CreateInput<E extends WritableEntityName> = Omit<
  EntityTypes[E],
  'Id' | 'SyncToken' | 'MetaData' | 'sparse' | 'domain'
>

/**
 * A sparse update: `Id` and the current `SyncToken` plus the fields to change (API-NOTES §4).
 * @example
 * const change: SparseUpdate<'Customer'> = { Id: '58', SyncToken: '2', Notes: 'Prefers e-mail' }
 */
export type SparseUpdate<E extends WritableEntityName> = { Id: string; SyncToken: string } & Partial<
  CreateInput<E>
>

/**
 * What QBO returns for a deleted transaction.
 * @example
 * const d: DeletedObject = { Id: '33', status: 'Deleted', domain: 'QBO' }
 */
export interface DeletedObject {
  Id: string
  status: 'Deleted' | (string & {})
  domain?: string
}

/**
 * Reads `key` from a QBO object, tolerating a case difference in the key.
 * @example
 * pickKey({ QueryResponse: {} }, 'queryresponse') // {}
 */
export function pickKey(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined
  const record = obj as Record<string, unknown>
  if (Object.hasOwn(record, key)) return record[key]
  const lower = key.toLowerCase()
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k]
  return undefined
}
