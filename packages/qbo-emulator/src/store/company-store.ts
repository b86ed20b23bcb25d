import type { Clock } from '../clock'
import { businessRule, duplicateName, invalidProperty, requiredParam } from '../faults'
import { bulkLoad } from './bulk-load'
import {
  allocateId,
  bumpedSystemFields,
  type CompanyState,
  createCompanyState,
  newSystemFields,
  put,
  requireCurrent,
  writableFields,
} from './company-state'
import { createName, type NameEntity, updateName } from './name-lists'
import { normalizeName } from './name-rules'
import { createPayment, deletePayment, updatePayment, voidPayment } from './payments'
import {
  createSalesDocument,
  deleteSalesDocument,
  type SalesEntity,
  updateSalesDocument,
  voidInvoice,
  type WriteOptions,
} from './sales-documents'
import { formatDate, formatDateTime } from './time-format'
import type { ChangeEvent, ChangeRecord, CompanyStore, EntityName, QboObject } from './types'

/** The store plus what the registry needs to snapshot it. */
export interface CompanyStoreHandle extends CompanyStore {
  /** The underlying state (for snapshots). */
  readonly state: CompanyState
  create(entity: EntityName, body: QboObject, opts?: WriteOptions): QboObject
  update(entity: EntityName, body: QboObject, opts: { sparse: boolean } & WriteOptions): QboObject
  /**
   * Loads complete, trusted rows without validation or change events (fast path for generated seeds);
   * customer balances are recomputed afterwards. Throws on a DisplayName clash.
   */
  bulkLoad(rows: Partial<Record<EntityName, QboObject[]>>): void
  /** The Invoices, Estimates or Payments of some customers, in Id order (an index for CustomerRef queries). */
  listForCustomers(entity: 'Invoice' | 'Estimate' | 'Payment', customerIds: readonly string[]): QboObject[]
}

const NAME_ENTITIES = new Set<EntityName>(['Customer', 'Vendor', 'Employee'])
const SALES_ENTITIES = new Set<EntityName>(['Invoice', 'Estimate'])

/**
 * Creates an empty company with its CompanyInfo and Preferences.
 *
 * @example
 * const company = createCompanyStore({ realmId: '1', name: 'Co', homeCurrency: 'USD', multicurrency: true, clock })
 */
export function createCompanyStore(opts: {
  realmId: string
  name: string
  homeCurrency: string
  multicurrency: boolean
  clock: Clock
}): CompanyStoreHandle {
  const state = createCompanyState(opts)
  const ms = opts.clock.now()
  state.tables.CompanyInfo.set('1', defaultCompanyInfo(opts.name, ms))
  state.tables.Preferences.set('1', defaultPreferences(opts.homeCurrency, opts.multicurrency, ms))
  state.updatedAt.CompanyInfo.set('1', ms)
  state.updatedAt.Preferences.set('1', ms)
  return wrapState(state)
}

/**
 * Wraps an existing state (also used when restoring a snapshot).
 *
 * @example
 * const company = wrapState(restoreCompany(snapshot, clock))
 */
export function wrapState(state: CompanyState): CompanyStoreHandle {
  return {
    state,
    realmId: state.realmId,
    name: state.name,
    homeCurrency: state.homeCurrency,
    list: (entity) => state.tables[entity].values(),
    read: (entity, id) => state.tables[entity].get(id),
    create: (entity, body, opts = {}) => {
      if (NAME_ENTITIES.has(entity)) return createName(state, entity as NameEntity, body)
      if (SALES_ENTITIES.has(entity)) return createSalesDocument(state, entity as SalesEntity, body, opts)
      if (entity === 'Payment') return createPayment(state, body)
      if (entity === 'Item' || entity === 'Account') return createSimple(state, entity, body)
      throw businessRule(`${entity} cannot be created.`)
    },
    update: (entity, body, opts) => {
      if (NAME_ENTITIES.has(entity)) return updateName(state, entity as NameEntity, body, opts.sparse)
      if (SALES_ENTITIES.has(entity))
        return updateSalesDocument(state, entity as SalesEntity, body, opts.sparse, opts)
      if (entity === 'Payment') return updatePayment(state, body, opts.sparse)
      return updateSimple(state, entity, body, opts.sparse)
    },
    remove: (entity, body) => {
      if (SALES_ENTITIES.has(entity)) return deleteSalesDocument(state, entity as SalesEntity, body)
      if (entity === 'Payment') return deletePayment(state, body)
      // Name lists are deactivated, never deleted (API-NOTES.md §2.1, §4).
      throw businessRule(`${entity} cannot be deleted; make it inactive instead.`)
    },
    voidTxn: (entity, body) => (entity === 'Invoice' ? voidInvoice(state, body) : voidPayment(state, body)),
    bulkLoad: (rows) => bulkLoad(state, rows),
    listForCustomers: (entity, customerIds) => listForCustomers(state, entity, customerIds),
    companyInfo: () => state.tables.CompanyInfo.get('1')!,
    preferences: () => state.tables.Preferences.get('1')!,
    changesSince: (epochMs, entities) => changesSince(state, epochMs, entities),
    onChange: (listener: (e: ChangeEvent) => void) => {
      state.listeners.add(listener)
      return () => state.listeners.delete(listener)
    },
  }
}

/** Item and Account: enough to hold names and be referenced (Name is required, §8 fixture). */
function createSimple(state: CompanyState, entity: 'Item' | 'Account', body: QboObject): QboObject {
  const name = typeof body.Name === 'string' ? body.Name.trim() : ''
  if (!name) throw requiredParam('Name')
  for (const row of state.tables[entity].values()) {
    if (normalizeName(String(row.Name)) === normalizeName(name)) throw duplicateName()
  }
  const ms = state.clock.now()
  const id = allocateId(state, entity)
  const obj = {
    ...writableFields(body),
    ...newSystemFields(id, ms),
    Name: name,
    FullyQualifiedName: name,
    Active: body.Active ?? true,
  }
  return put(state, entity, obj, ms, 'Create')
}

function updateSimple(state: CompanyState, entity: EntityName, body: QboObject, sparse: boolean): QboObject {
  const old = requireCurrent(state, entity, body)
  const incoming = writableFields(body)
  if ('Name' in incoming && typeof incoming.Name !== 'string') throw invalidProperty('Name', 'Name')
  const ms = state.clock.now()
  const next = { ...(sparse ? old : {}), ...incoming, ...bumpedSystemFields(old, ms) }
  if (entity === 'CompanyInfo' || entity === 'Preferences')
    next.MetaData = bumpedSystemFields(old, ms).MetaData
  return put(state, entity, next, ms, 'Update')
}

function listForCustomers(
  state: CompanyState,
  entity: EntityName,
  customerIds: readonly string[],
): QboObject[] {
  const prefix = `${entity}:`
  const rows: QboObject[] = []
  for (const customerId of new Set(customerIds)) {
    for (const key of state.txnsByCustomer.get(customerId) ?? []) {
      if (!key.startsWith(prefix)) continue
      const row = state.tables[entity].get(key.slice(prefix.length))
      if (row) rows.push(row)
    }
  }
  return rows.sort((a, b) => Number(a.Id) - Number(b.Id))
}

function changesSince(state: CompanyState, since: number, entities: EntityName[]): ChangeRecord[] {
  const out: ChangeRecord[] = []
  for (const entity of entities) {
    const active: ChangeRecord[] = []
    for (const [id, ms] of state.updatedAt[entity]) {
      if (ms < since) continue
      const object = state.tables[entity].get(id)
      if (object) active.push({ entity, id, status: 'Active', object, lastUpdatedMs: ms })
    }
    active.sort((a, b) => a.lastUpdatedMs - b.lastUpdatedMs)
    const deleted: ChangeRecord[] = []
    for (const [id, ms] of state.tombstones[entity]) {
      if (ms < since) continue
      const object = {
        status: 'Deleted',
        domain: 'QBO',
        Id: id,
        MetaData: { LastUpdatedTime: formatDateTime(ms) },
      }
      deleted.push({ entity, id, status: 'Deleted', object, lastUpdatedMs: ms })
    }
    deleted.sort((a, b) => a.lastUpdatedMs - b.lastUpdatedMs)
    out.push(...active, ...deleted)
  }
  return out
}

function defaultCompanyInfo(name: string, ms: number): QboObject {
  const addr = {
    Id: '1',
    Line1: '2500 Garcia Ave',
    City: 'Mountain View',
    CountrySubDivisionCode: 'CA',
    PostalCode: '94043',
    Country: 'US',
  }
  return {
    ...newSystemFields('1', ms),
    CompanyName: name,
    LegalName: name,
    CompanyAddr: addr,
    CustomerCommunicationAddr: addr,
    LegalAddr: addr,
    PrimaryPhone: { FreeFormNumber: '(650)944-4444' },
    Email: { Address: 'noreply@example.com' },
    WebAddr: {},
    Country: 'US',
    FiscalYearStartMonth: 'January',
    CompanyStartDate: formatDate(ms),
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'SubscriptionStatus', Value: 'PAID' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'AccountantFeature', Value: 'false' },
    ],
  }
}

function defaultPreferences(homeCurrency: string, multicurrency: boolean, ms: number): QboObject {
  return {
    ...newSystemFields('1', ms),
    CurrencyPrefs: { MultiCurrencyEnabled: multicurrency, HomeCurrency: { value: homeCurrency } },
    SalesFormsPrefs: {
      CustomTxnNumbers: false,
      AllowDeposit: false,
      AllowDiscount: true,
      DefaultTerms: { value: '3' },
    },
  }
}
