import type { Clock } from '../clock'
import { type CompanyStoreHandle, createCompanyStore, wrapState } from './company-store'
import { type CompanySnapshot, restoreCompany, snapshotCompany } from './snapshot'
import type { AddCompanyOptions, ChangeEvent, CompanyStore, Registry } from './types'

/** A registry whose companies expose their write options (used by the routes). */
export interface RegistryHandle extends Registry {
  get(realmId: string): CompanyStoreHandle | undefined
  add(opts: AddCompanyOptions): CompanyStoreHandle
  companies(): CompanyStoreHandle[]
}

/**
 * Creates the set of companies of one emulator.
 *
 * @example
 * const registry = createRegistry(createClock())
 * const company = registry.add({ realmId: '123', name: 'Test Co' })
 * company.create('Customer', { DisplayName: 'Ada' })
 */
export function createRegistry(clock: Clock): RegistryHandle {
  const companies = new Map<string, CompanyStoreHandle>()
  const listeners = new Set<(e: ChangeEvent) => void>()
  const forward = (e: ChangeEvent) => {
    for (const l of listeners) l(e)
  }
  const attach = (store: CompanyStoreHandle) => {
    store.onChange(forward)
    companies.set(store.realmId, store)
    return store
  }
  return {
    companies: () => [...companies.values()],
    get: (realmId) => companies.get(realmId),
    add(opts) {
      if (companies.has(opts.realmId)) throw new Error(`Company ${opts.realmId} already exists`)
      return attach(
        createCompanyStore({
          realmId: opts.realmId,
          name: opts.name,
          homeCurrency: opts.homeCurrency ?? 'USD',
          multicurrency: opts.multicurrency ?? false,
          clock,
        }),
      )
    },
    snapshot: () => ({ version: 1, companies: [...companies.values()].map((c) => snapshotCompany(c.state)) }),
    restore(s) {
      const snap = s as { version?: number; companies?: CompanySnapshot[] } | undefined
      if (snap?.version !== 1 || !Array.isArray(snap.companies)) throw new Error('Unknown snapshot format')
      companies.clear()
      for (const c of snap.companies) attach(wrapState(restoreCompany(c, clock)))
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type { CompanyStore }
