import type { Clock } from '../clock'
import type { Registry } from '../store'
import { seedCalendar } from './dates'
import { seedDemoCompany } from './demo-company'
import { seedSecondCompany } from './second-company'

/** The demo companies' fixed realm ids (EMULATOR-CONTRACT: the demo has two companies). */
export const DEMO_COMPANIES = {
  demo: { realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping' },
  second: { realmId: '9130357766900457', name: 'Second Sandbox Company' },
} as const

/**
 * Adds the two demo companies with their data: "Ledgerlink Demo Landscaping" (USD home currency,
 * multicurrency on, ~42 customers and ~700 documents over 18 months) and "Second Sandbox Company" (five
 * customers, one sharing a name with the demo company). Deterministic: the same documents on every run,
 * dated relative to the clock's today.
 *
 * @example
 * const registry = createRegistry(clock)
 * seedDemo(registry, clock)
 * registry.get('9130357766900456')?.name // 'Ledgerlink Demo Landscaping'
 */
export function seedDemo(registry: Registry, clock: Clock): void {
  const calendar = seedCalendar(clock)
  const demo = registry.add({ ...DEMO_COMPANIES.demo, homeCurrency: 'USD', multicurrency: true })
  seedDemoCompany(demo, calendar)
  const second = registry.add({ ...DEMO_COMPANIES.second, homeCurrency: 'USD' })
  seedSecondCompany(second, calendar)
}
