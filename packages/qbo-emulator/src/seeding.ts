import type { Clock } from './clock'
import type { SeedOption } from './options'
import { DEMO_COMPANIES, seedDemo, seedGenerated } from './seed'
import type { CompanyStore, RegistryHandle } from './store'

/**
 * The main demo company's fixed realm id ("Ledgerlink Demo Landscaping").
 *
 * @example
 * emulator.issueTokens(DEMO_REALM_ID)
 */
export const DEMO_REALM_ID: string = DEMO_COMPANIES.demo.realmId
/**
 * The second, small demo company (isolation tests).
 *
 * @example
 * emulator.store.get(SECOND_REALM_ID)?.name // 'Second Sandbox Company'
 */
export const SECOND_REALM_ID: string = DEMO_COMPANIES.second.realmId

/**
 * Applies the `seed` option to an empty registry: `demo` seeds both demo companies with data, `empty`
 * creates the same two companies with nothing but CompanyInfo and Preferences, a generator option adds
 * `realms` generated companies.
 *
 * @example
 * applySeed(registry, clock, 'empty')
 */
export function applySeed(registry: RegistryHandle, clock: Clock, seed: SeedOption): void {
  if (seed === 'demo') {
    seedDemo(registry, clock)
    return
  }
  if (seed === 'empty') {
    registry.add({ ...DEMO_COMPANIES.demo, homeCurrency: 'USD', multicurrency: true })
    registry.add({ ...DEMO_COMPANIES.second, homeCurrency: 'USD' })
    return
  }
  for (let i = 0; i < (seed.realms ?? 1); i++) generateCompany(registry, clock, seed)
}

/**
 * Adds a generated company (`POST /_emulator/seed`, `--seed generate:N`).
 *
 * @example
 * const company = generateCompany(registry, clock, { customers: 1000, documentsPerCustomer: 5 })
 */
export function generateCompany(
  registry: RegistryHandle,
  clock: Clock,
  opts: { customers: number; documentsPerCustomer: number },
): CompanyStore {
  return seedGenerated(registry, clock, {
    customers: opts.customers,
    documentsPerCustomer: opts.documentsPerCustomer,
  })
}
