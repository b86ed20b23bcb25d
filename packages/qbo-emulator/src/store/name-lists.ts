import { businessRule, invalidProperty, invalidReference, objectNotFound, requiredParam } from '../faults'
import { refreshCustomerBalance, refreshRollup } from './balances'
import {
  allocateId,
  bumpedSystemFields,
  type CompanyState,
  money,
  newSystemFields,
  put,
  refValue,
  requireCurrent,
  withAddressId,
  writableFields,
} from './company-state'
import { currencyRef } from './currency'
import {
  deletedName,
  ensureNameFree,
  reactivatedName,
  renameInIndex,
  resolveDisplayName,
  validateNameFields,
} from './name-rules'
import type { QboObject } from './types'

/** The name-list entities (no delete; deactivate with `Active: false`, API-NOTES.md §2.1). */
export type NameEntity = 'Customer' | 'Vendor' | 'Employee'

/** Read-only or derived fields dropped from request bodies. */
const DERIVED = ['Balance', 'BalanceWithJobs', 'FullyQualifiedName', 'Level', 'IsProject', 'OpenBalanceDate']
/** QBO allows four levels of jobs under a top-level customer (§2.1). */
const MAX_LEVEL = 4

function withAddresses(state: CompanyState, obj: QboObject): QboObject {
  for (const field of ['BillAddr', 'ShipAddr', 'Address', 'PrimaryAddr']) {
    if (obj[field] !== undefined) obj[field] = withAddressId(state, obj[field])
  }
  return obj
}

/**
 * Creates a customer, vendor or employee.
 *
 * @example
 * createName(state, 'Vendor', { DisplayName: 'Smith Family Store' })
 */
export function createName(state: CompanyState, entity: NameEntity, body: QboObject): QboObject {
  validateNameFields(body)
  const displayName = resolveDisplayName(body)
  ensureNameFree(state, displayName)
  if (body.Active !== undefined && typeof body.Active !== 'boolean') throw invalidProperty('Active', 'Active')
  const parent = entity === 'Customer' ? resolveParent(state, body, undefined) : undefined
  const ms = state.clock.now()
  const id = allocateId(state, entity)
  const obj: QboObject = withAddresses(state, {
    ...writableFields(body, DERIVED),
    ...newSystemFields(id, ms),
    DisplayName: displayName,
    PrintOnCheckName: printName(body, displayName),
    Active: body.Active ?? true,
  })
  if (entity === 'Customer') {
    const ccy = parent ? (parent.CurrencyRef as QboObject) : currencyRef(state, body.CurrencyRef)
    if (parent && refValue(body.CurrencyRef) && refValue(body.CurrencyRef) !== refValue(ccy)) {
      throw businessRule('A job must use the currency of its parent customer.', 'CurrencyRef')
    }
    const opening = typeof body.Balance === 'number' ? money(body.Balance) : 0
    if (opening !== 0) state.openingBalances.set(id, opening)
    Object.assign(obj, {
      CurrencyRef: ccy,
      Balance: opening,
      BalanceWithJobs: opening,
      BillWithParent: body.BillWithParent ?? false,
      Taxable: body.Taxable ?? false,
      PreferredDeliveryMethod: body.PreferredDeliveryMethod ?? 'Print',
      ...jobFields(parent, displayName),
    })
  } else if (entity === 'Vendor') {
    Object.assign(obj, {
      CurrencyRef: currencyRef(state, body.CurrencyRef),
      Balance: 0,
      Vendor1099: body.Vendor1099 ?? false,
    })
  }
  if (obj.Active === false) obj.DisplayName = deletedName(state, displayName, { entity, id })
  renameInIndex(state, { entity, id }, undefined, obj.DisplayName as string)
  put(state, entity, obj, ms, 'Create')
  if (parent) {
    addChild(state, parent.Id as string, id)
    refreshRollup(state, id)
  }
  return state.tables[entity].get(id)!
}

/**
 * Full or sparse update of a customer, vendor or employee.
 *
 * @example
 * updateName(state, 'Customer', { Id: '2', SyncToken: '0', Active: false }, true)
 */
export function updateName(
  state: CompanyState,
  entity: NameEntity,
  body: QboObject,
  sparse: boolean,
): QboObject {
  const old = requireCurrent(state, entity, body)
  validateNameFields(body)
  const id = old.Id as string
  const self = { entity, id }
  const incoming = writableFields(body, DERIVED)
  if (sparse && typeof incoming.DisplayName === 'string' && incoming.DisplayName.trim() === '') {
    // QBO: a sparse update cannot blank DisplayName (API-NOTES.md §4).
    delete incoming.DisplayName
  }
  const merged: QboObject = sparse ? { ...old, ...incoming } : { ...incoming }
  const wasActive = old.Active !== false
  const isActive = merged.Active === undefined ? true : merged.Active
  if (typeof isActive !== 'boolean') throw invalidProperty('Active', 'Active')
  let displayName = resolveDisplayName(
    sparse ? { ...incoming, DisplayName: merged.DisplayName } : incoming,
    old.DisplayName as string,
  )
  if (!isActive && (wasActive || displayName !== old.DisplayName))
    displayName = deletedName(state, displayName, self)
  if (isActive && !wasActive) displayName = reactivatedName(displayName)
  ensureNameFree(state, displayName, self)

  const ms = state.clock.now()
  const next: QboObject = withAddresses(state, {
    ...merged,
    ...bumpedSystemFields(old, ms),
    DisplayName: displayName,
    Active: isActive,
    PrintOnCheckName: merged.PrintOnCheckName ?? printName(merged, displayName),
  })
  let oldParentId: string | undefined
  let parent: QboObject | undefined
  if (entity === 'Customer') {
    if (refValue(incoming.CurrencyRef) && refValue(incoming.CurrencyRef) !== refValue(old.CurrencyRef)) {
      throw businessRule('The currency of a customer cannot be changed once set.', 'CurrencyRef')
    }
    oldParentId = refValue(old.ParentRef)
    parent = resolveParent(state, merged, id)
    Object.assign(next, {
      CurrencyRef: old.CurrencyRef,
      Balance: old.Balance,
      BalanceWithJobs: old.BalanceWithJobs,
      BillWithParent: next.BillWithParent ?? false,
      Taxable: next.Taxable ?? false,
      ...jobFields(parent, displayName),
    })
    if (!parent) {
      delete next.ParentRef
      delete next.Level
    }
  } else if (entity === 'Vendor') {
    Object.assign(next, { CurrencyRef: old.CurrencyRef, Balance: old.Balance })
  }
  renameInIndex(state, self, old.DisplayName as string, displayName)
  put(state, entity, next, ms, 'Update')
  if (entity === 'Customer') {
    const newParentId = parent?.Id as string | undefined
    if (newParentId !== oldParentId) {
      if (oldParentId) {
        state.children.get(oldParentId)?.delete(id)
        refreshRollup(state, oldParentId)
      }
      if (newParentId) addChild(state, newParentId, id)
      refreshCustomerBalance(state, id)
    }
    if (newParentId !== oldParentId || displayName !== old.DisplayName) refreshDescendants(state, id)
  }
  return state.tables[entity].get(id)!
}

function printName(body: QboObject, displayName: string): string {
  if (typeof body.PrintOnCheckName === 'string' && body.PrintOnCheckName) return body.PrintOnCheckName
  if (typeof body.CompanyName === 'string' && body.CompanyName) return body.CompanyName
  return displayName
}

/**
 * The parent customer of a job: `ParentRef` must name an existing, active customer that is not the job itself
 * or one of its jobs, and the depth stays within four levels. `Job: true` needs a ParentRef (§2.1).
 */
function resolveParent(
  state: CompanyState,
  body: QboObject,
  selfId: string | undefined,
): QboObject | undefined {
  const parentId = refValue(body.ParentRef)
  if (!parentId) {
    if (body.Job === true) throw requiredParam('ParentRef')
    return undefined
  }
  const parent = state.tables.Customer.get(parentId)
  if (!parent) throw invalidReference('ParentRef', parentId)
  if (parent.Active === false) throw objectNotFound()
  if (selfId !== undefined) {
    for (
      let p: QboObject | undefined = parent;
      p;
      p = state.tables.Customer.get(refValue(p.ParentRef) ?? '')
    ) {
      if (p.Id === selfId)
        throw businessRule('A customer cannot be a job of itself or of its own jobs.', 'ParentRef')
    }
  }
  const level = Number(parent.Level ?? 0) + 1 + (selfId ? subtreeDepth(state, selfId) : 0)
  if (level > MAX_LEVEL) throw businessRule('Jobs can be nested at most four levels deep.', 'ParentRef')
  return parent
}

function subtreeDepth(state: CompanyState, id: string, guard = 0): number {
  let depth = 0
  if (guard > MAX_LEVEL + 1) return depth
  for (const child of state.children.get(id) ?? [])
    depth = Math.max(depth, 1 + subtreeDepth(state, child, guard + 1))
  return depth
}

function jobFields(parent: QboObject | undefined, displayName: string): QboObject {
  if (!parent) return { Job: false, FullyQualifiedName: displayName }
  return {
    Job: true,
    ParentRef: { value: parent.Id },
    Level: Number(parent.Level ?? 0) + 1,
    FullyQualifiedName: `${parent.FullyQualifiedName as string}:${displayName}`,
  }
}

function addChild(state: CompanyState, parentId: string, childId: string): void {
  let set = state.children.get(parentId)
  if (!set) {
    set = new Set()
    state.children.set(parentId, set)
  }
  set.add(childId)
}

/** After a rename or move, jobs below take the new FullyQualifiedName and Level (derived, no SyncToken bump). */
function refreshDescendants(state: CompanyState, id: string, guard = 0): void {
  if (guard > MAX_LEVEL + 1) return
  const parent = state.tables.Customer.get(id)
  if (!parent) return
  for (const childId of state.children.get(id) ?? []) {
    const child = state.tables.Customer.get(childId)
    if (!child) continue
    state.tables.Customer.set(childId, { ...child, ...jobFields(parent, child.DisplayName as string) })
    refreshDescendants(state, childId, guard + 1)
  }
}
