import { refreshCustomerBalance } from './balances'
import { type CompanyState, indexTxn, refValue, scalar } from './company-state'
import { normalizeName } from './name-rules'
import { ENTITY_NAMES, type EntityName, type QboObject } from './types'

const NAME_ENTITIES = new Set<EntityName>(['Customer', 'Vendor', 'Employee'])
/** Address fields that carry a system-assigned Id (API-NOTES.md §2). */
const ADDRESS_FIELDS = ['BillAddr', 'ShipAddr', 'PrimaryAddr', 'Address'] as const

/**
 * Adds the indexes of one stored row: names, jobs, balance-moving transactions, doc numbers, next ids.
 * Shared by `bulkLoad` and snapshot restore. Throws a plain Error when a DisplayName clashes.
 *
 * @example
 * indexRow(state, 'Customer', { Id: '7', DisplayName: 'Ada', … })
 */
export function indexRow(state: CompanyState, entity: EntityName, row: QboObject): void {
  const id = scalar(row.Id)
  if (id === undefined) throw new Error(`${entity} row without an Id`)
  if (/^\d+$/.test(id)) state.nextId[entity] = Math.max(state.nextId[entity], Number(id) + 1)
  for (const field of ADDRESS_FIELDS) {
    const addrId = scalar((row[field] as QboObject | undefined)?.Id)
    if (addrId && /^\d+$/.test(addrId))
      state.nextAddressId = Math.max(state.nextAddressId, Number(addrId) + 1)
  }
  if (NAME_ENTITIES.has(entity)) {
    const key = normalizeName(String(row.DisplayName ?? ''))
    const owner = state.names.get(key)
    if (owner && !(owner.entity === entity && owner.id === id))
      throw new Error(`Duplicate DisplayName ${String(row.DisplayName)}`)
    state.names.set(key, { entity, id })
  }
  if (entity === 'Customer') {
    const parent = refValue(row.ParentRef)
    if (parent) {
      const set = state.children.get(parent) ?? new Set<string>()
      set.add(id)
      state.children.set(parent, set)
    }
  }
  if (entity === 'Invoice' || entity === 'Payment' || entity === 'Estimate') {
    const customerId = refValue(row.CustomerRef)
    if (customerId) indexTxn(state, customerId, `${entity}:${id}`, true)
  }
  if ((entity === 'Invoice' || entity === 'Estimate') && typeof row.DocNumber === 'string') {
    const key = `${entity}:${row.DocNumber}`
    state.docNumbers.set(key, (state.docNumbers.get(key) ?? 0) + 1)
    if (/^\d+$/.test(row.DocNumber)) {
      state.nextDocNumber[entity] = Math.max(state.nextDocNumber[entity] ?? 1001, Number(row.DocNumber) + 1)
    }
  }
}

/**
 * Loads complete, trusted rows (exactly as QBO returns them) without validation or change events — the
 * fast path for generated seeds. Customer balances are recomputed by the store's own rule afterwards.
 *
 * @example
 * bulkLoad(state, { Customer: customers, Invoice: invoices })
 */
export function bulkLoad(state: CompanyState, rows: Partial<Record<EntityName, QboObject[]>>): void {
  const ms = state.clock.now()
  const touched = new Set<string>()
  for (const entity of ENTITY_NAMES) {
    for (const row of rows[entity] ?? []) {
      indexRow(state, entity, row)
      const id = row.Id as string
      state.tables[entity].set(id, row)
      state.updatedAt[entity].set(id, ms)
      if (entity === 'Customer') touched.add(id)
      else if (entity === 'Invoice' || entity === 'Payment') {
        const customerId = refValue(row.CustomerRef)
        if (customerId) touched.add(customerId)
      }
    }
  }
  for (const id of touched) refreshCustomerBalance(state, id)
}
