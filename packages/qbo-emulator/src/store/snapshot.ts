import type { Clock } from '../clock'
import { indexRow } from './bulk-load'
import { type CompanyState, createCompanyState } from './company-state'
import { ENTITY_NAMES, type EntityName, type QboObject } from './types'

/** The JSON form of one company (persistence). */
export interface CompanySnapshot {
  realmId: string
  name: string
  homeCurrency: string
  multicurrency: boolean
  tables: Partial<Record<EntityName, QboObject[]>>
  updatedAt: Partial<Record<EntityName, Array<[string, number]>>>
  tombstones: Partial<Record<EntityName, Array<[string, number]>>>
  nextId: Partial<Record<EntityName, number>>
  nextAddressId: number
  openingBalances: Array<[string, number]>
  nextDocNumber: Record<string, number>
}

/**
 * Serialises a company's state.
 *
 * @example
 * JSON.stringify(snapshotCompany(state))
 */
export function snapshotCompany(state: CompanyState): CompanySnapshot {
  const snap: CompanySnapshot = {
    realmId: state.realmId,
    name: state.name,
    homeCurrency: state.homeCurrency,
    multicurrency: state.multicurrency,
    tables: {},
    updatedAt: {},
    tombstones: {},
    nextId: { ...state.nextId },
    nextAddressId: state.nextAddressId,
    openingBalances: [...state.openingBalances],
    nextDocNumber: { ...state.nextDocNumber },
  }
  for (const e of ENTITY_NAMES) {
    snap.tables[e] = [...state.tables[e].values()]
    snap.updatedAt[e] = [...state.updatedAt[e]]
    snap.tombstones[e] = [...state.tombstones[e]]
  }
  return snap
}

/**
 * Rebuilds a company's state and its indexes from a snapshot.
 *
 * @example
 * const state = restoreCompany(JSON.parse(text), clock)
 */
export function restoreCompany(snap: CompanySnapshot, clock: Clock): CompanyState {
  const state = createCompanyState({
    realmId: snap.realmId,
    name: snap.name,
    homeCurrency: snap.homeCurrency,
    multicurrency: snap.multicurrency,
    clock,
  })
  for (const e of ENTITY_NAMES) {
    for (const obj of snap.tables[e] ?? []) state.tables[e].set(obj.Id as string, obj)
    for (const [id, ms] of snap.updatedAt[e] ?? []) state.updatedAt[e].set(id, ms)
    for (const [id, ms] of snap.tombstones[e] ?? []) state.tombstones[e].set(id, ms)
  }
  state.nextAddressId = snap.nextAddressId
  state.openingBalances = new Map(snap.openingBalances)
  for (const e of ENTITY_NAMES) for (const row of state.tables[e].values()) indexRow(state, e, row)
  // Indexing moved nextId/nextDocNumber forward; the snapshot's own counters win when they are higher.
  for (const e of ENTITY_NAMES) state.nextId[e] = Math.max(state.nextId[e], snap.nextId[e] ?? 1)
  for (const [k, v] of Object.entries(snap.nextDocNumber))
    state.nextDocNumber[k] = Math.max(state.nextDocNumber[k] ?? 0, v)
  return state
}
