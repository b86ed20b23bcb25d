/** An object exactly as QBO spells it in JSON. */
export type QboObject = Record<string, unknown>

/** The entities a company holds (the same names the query language accepts). */
export type EntityName =
  | 'Customer'
  | 'Vendor'
  | 'Employee'
  | 'Invoice'
  | 'Estimate'
  | 'Payment'
  | 'CompanyInfo'
  | 'Preferences'
  | 'Item'
  | 'Account'

/**
 * Every entity name, in a stable order.
 *
 * @example
 * ENTITY_NAMES.includes('Invoice') // true
 */
export const ENTITY_NAMES: readonly EntityName[] = [
  'Customer',
  'Vendor',
  'Employee',
  'Invoice',
  'Estimate',
  'Payment',
  'CompanyInfo',
  'Preferences',
  'Item',
  'Account',
]

/** A change to one object, as webhooks report it. `lastUpdated` is ISO-8601 UTC with milliseconds. */
export interface ChangeEvent {
  realmId: string
  entity: EntityName
  id: string
  operation: 'Create' | 'Update' | 'Delete' | 'Void' | 'Merge'
  lastUpdated: string
}

/**
 * One row of a CDC answer: the full object when it still exists, or the deleted stub
 * `{status:'Deleted', domain:'QBO', Id, MetaData:{LastUpdatedTime}}` (API-NOTES.md §6).
 */
export interface ChangeRecord {
  entity: EntityName
  id: string
  status: 'Active' | 'Deleted'
  object: QboObject
  lastUpdatedMs: number
}

/** One company (realm) with QBO's business rules. Every method that fails throws a `QboFault`. */
export interface CompanyStore {
  realmId: string
  name: string
  homeCurrency: string
  /** All rows of an entity (for the query evaluator); inactive names included. */
  list(entity: EntityName): Iterable<QboObject>
  read(entity: EntityName, id: string): QboObject | undefined
  create(entity: EntityName, body: QboObject): QboObject
  update(entity: EntityName, body: QboObject, opts: { sparse: boolean }): QboObject
  /** Hard delete of a transaction (Invoice, Estimate, Payment); answers the `status: Deleted` stub. */
  remove(entity: EntityName, body: { Id: string; SyncToken: string }): QboObject
  voidTxn(entity: 'Invoice' | 'Payment', body: { Id: string; SyncToken: string }): QboObject
  companyInfo(): QboObject
  preferences(): QboObject
  changesSince(epochMs: number, entities: EntityName[]): ChangeRecord[]
  onChange(listener: (e: ChangeEvent) => void): () => void
}

/** Options when adding a company. */
export interface AddCompanyOptions {
  realmId: string
  name: string
  homeCurrency?: string
  multicurrency?: boolean
}

/** All companies of one emulator. */
export interface Registry {
  companies(): CompanyStore[]
  get(realmId: string): CompanyStore | undefined
  add(opts: AddCompanyOptions): CompanyStore
  snapshot(): unknown
  restore(s: unknown): void
  /** Listens to changes in every company, including companies added later. */
  onChange(listener: (e: ChangeEvent) => void): () => void
}
