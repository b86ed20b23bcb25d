import type { Clock } from '../clock'
import { invalidProperty, objectNotFound, requiredParam, staleObject } from '../faults'
import { formatDateTime } from './time-format'
import { type ChangeEvent, ENTITY_NAMES, type EntityName, type QboObject } from './types'

/** The mutable state of one company, shared by the entity modules of the store. */
export interface CompanyState {
  realmId: string
  name: string
  homeCurrency: string
  multicurrency: boolean
  clock: Clock
  tables: Record<EntityName, Map<string, QboObject>>
  /** Last write per object, epoch ms (CDC reads it; MetaData only has seconds). */
  updatedAt: Record<EntityName, Map<string, number>>
  /** Deleted transactions, for CDC's deleted stubs. */
  tombstones: Record<EntityName, Map<string, number>>
  nextId: Record<EntityName, number>
  nextAddressId: number
  /** Normalised DisplayName → owner, one namespace for Customer, Vendor and Employee (API-NOTES.md §2.2). */
  names: Map<string, { entity: EntityName; id: string }>
  /** Customer Id → keys (`Invoice:12`, `Payment:7`, `Estimate:3`) of its transactions (balances, queries). */
  txnsByCustomer: Map<string, Set<string>>
  /** Customer Id → ids of its direct jobs. */
  children: Map<string, Set<string>>
  /** Opening balances given on customer create (the only time Balance is writable, §2.1). */
  openingBalances: Map<string, number>
  /** `Invoice:1001` → how many documents use that DocNumber (duplicates need `allowduplicatedocnum`). */
  docNumbers: Map<string, number>
  /** Next automatic DocNumber per entity. */
  nextDocNumber: Record<string, number>
  listeners: Set<(e: ChangeEvent) => void>
}

function perEntity<T>(make: () => T): Record<EntityName, T> {
  const out = {} as Record<EntityName, T>
  for (const e of ENTITY_NAMES) out[e] = make()
  return out
}

/**
 * A fresh, empty company state.
 *
 * @example
 * const state = createCompanyState({ realmId: '1', name: 'Co', homeCurrency: 'USD', multicurrency: false, clock })
 */
export function createCompanyState(opts: {
  realmId: string
  name: string
  homeCurrency: string
  multicurrency: boolean
  clock: Clock
}): CompanyState {
  return {
    ...opts,
    tables: perEntity(() => new Map()),
    updatedAt: perEntity(() => new Map()),
    tombstones: perEntity(() => new Map()),
    nextId: perEntity(() => 1),
    nextAddressId: 1,
    names: new Map(),
    txnsByCustomer: new Map(),
    children: new Map(),
    openingBalances: new Map(),
    docNumbers: new Map(),
    nextDocNumber: { Invoice: 1001, Estimate: 1001 },
    listeners: new Set(),
  }
}

/**
 * Rounds money to cents; QBO amounts are JSON numbers with two decimals.
 *
 * @example
 * money(0.1 + 0.2) // 0.3
 */
export const money = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100

/**
 * Next Id of an entity, as QBO's string Ids.
 *
 * @example
 * allocateId(state, 'Customer') // '1', then '2', …
 */
export function allocateId(state: CompanyState, entity: EntityName): string {
  const id = state.nextId[entity]
  state.nextId[entity] = id + 1
  return String(id)
}

/**
 * Gives an address object a system Id, as QBO does on write (§2).
 *
 * @example
 * withAddressId(state, { Line1: '12 Ocean Dr.' }) // { Line1: '12 Ocean Dr.', Id: '1' }
 */
export function withAddressId(state: CompanyState, addr: unknown): unknown {
  if (!addr || typeof addr !== 'object' || Array.isArray(addr)) return addr
  const a = addr as QboObject
  if (typeof a.Id === 'string') return a
  return { ...a, Id: String(state.nextAddressId++) }
}

/**
 * Stores an object, stamps its write time and tells listeners.
 *
 * @example
 * put(state, 'Customer', customer, clock.now(), 'Update')
 */
export function put(
  state: CompanyState,
  entity: EntityName,
  obj: QboObject,
  ms: number,
  operation: ChangeEvent['operation'],
): QboObject {
  const id = obj.Id as string
  state.tables[entity].set(id, obj)
  state.updatedAt[entity].set(id, ms)
  emit(state, { realmId: state.realmId, entity, id, operation, lastUpdated: new Date(ms).toISOString() })
  return obj
}

/**
 * Hard-deletes an object and leaves a tombstone for CDC.
 *
 * @example
 * drop(state, 'Invoice', '33', clock.now())
 */
export function drop(state: CompanyState, entity: EntityName, id: string, ms: number): void {
  state.tables[entity].delete(id)
  state.updatedAt[entity].delete(id)
  state.tombstones[entity].set(id, ms)
  emit(state, {
    realmId: state.realmId,
    entity,
    id,
    operation: 'Delete',
    lastUpdated: new Date(ms).toISOString(),
  })
}

function emit(state: CompanyState, e: ChangeEvent): void {
  for (const listener of state.listeners) {
    try {
      listener(e)
    } catch {
      // A listener's failure (e.g. a webhook queue) must never undo or fail a committed write.
    }
  }
}

/**
 * The system fields of a newly created object.
 *
 * @example
 * newSystemFields('67', clock.now()) // { Id: '67', SyncToken: '0', domain: 'QBO', sparse: false, MetaData }
 */
export function newSystemFields(id: string, ms: number): QboObject {
  const t = formatDateTime(ms)
  return {
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: t, LastUpdatedTime: t },
  }
}

/**
 * The system fields after a write: SyncToken + 1 and a new LastUpdatedTime (API-NOTES.md §4).
 *
 * @example
 * bumpedSystemFields(customer, clock.now()).SyncToken // '1' when it was '0'
 */
export function bumpedSystemFields(old: QboObject, ms: number): QboObject {
  const meta = (old.MetaData ?? {}) as QboObject
  return {
    Id: old.Id,
    SyncToken: String(Number(old.SyncToken ?? '0') + 1),
    domain: 'QBO',
    sparse: false,
    MetaData: { ...meta, LastUpdatedTime: formatDateTime(ms) },
  }
}

/**
 * The object an update targets: Id and SyncToken are required, the Id must exist and the token must be
 * current, else 2020 / 610 / 5010 (API-NOTES.md §4).
 *
 * @example
 * const old = requireCurrent(state, 'Customer', { Id: '2', SyncToken: '0' })
 */
export function requireCurrent(state: CompanyState, entity: EntityName, body: QboObject): QboObject {
  if (body.Id === undefined || body.Id === null || body.Id === '') throw requiredParam('Id')
  const id = scalar(body.Id)
  if (id === undefined) throw invalidProperty('Id', 'Id')
  const existing = state.tables[entity].get(id)
  if (!existing) throw objectNotFound()
  if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '')
    throw requiredParam('SyncToken')
  if (scalar(body.SyncToken) !== existing.SyncToken) throw staleObject()
  return existing
}

/**
 * A string or number as a string; anything else (objects, arrays, booleans) as undefined. Ids in request
 * bodies go through it so odd JSON can never break the store.
 *
 * @example
 * scalar(42) // '42'
 * scalar({ value: '1' }) // undefined
 */
export function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

/**
 * Fields the client may never set; they are dropped from request bodies.
 *
 * @example
 * SYSTEM_FIELDS.includes('SyncToken') // true
 */
export const SYSTEM_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'] as const

/**
 * A copy of `body` without system fields and without the named extra fields.
 *
 * @example
 * writableFields({ Id: '1', Notes: 'x', Balance: 3 }, ['Balance']) // { Notes: 'x' }
 */
export function writableFields(body: QboObject, extra: readonly string[] = []): QboObject {
  const out: QboObject = {}
  for (const [k, v] of Object.entries(body)) {
    if (v === null || v === undefined) continue
    if ((SYSTEM_FIELDS as readonly string[]).includes(k) || extra.includes(k)) continue
    out[k] = v
  }
  return out
}

/**
 * The value of a reference (`{"value":"20"}`), or undefined when absent.
 *
 * @example
 * refValue({ value: '20', name: 'Red Rock Diner' }) // '20'
 */
export function refValue(ref: unknown): string | undefined {
  if (!ref || typeof ref !== 'object') return undefined
  const v = scalar((ref as QboObject).value)
  return v === '' ? undefined : v
}

/**
 * Adds or removes a transaction from its customer's balance index.
 *
 * @example
 * indexTxn(state, '20', 'Invoice:70', true)
 */
export function indexTxn(state: CompanyState, customerId: string, key: string, present: boolean): void {
  let set = state.txnsByCustomer.get(customerId)
  if (!set) {
    if (!present) return
    set = new Set()
    state.txnsByCustomer.set(customerId, set)
  }
  if (present) set.add(key)
  else set.delete(key)
}
