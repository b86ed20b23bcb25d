import type { CompanyStore, QboObject } from '../store'
import { seedCatalog } from './catalog'
import type { SeedCalendar } from './dates'
import { DEMO_CUSTOMERS, DEMO_OTHER_NAMES, type DemoCustomer } from './demo-customers'
import { checkNumbers, planBusyCustomerHistory, planCustomerHistory } from './demo-history'
import { planScenarios } from './demo-scenarios'
import { createLedger } from './ledger'
import { createRandom } from './random'

/** The customer with about 300 documents (the performance benchmark's contact). */
export const BUSY_CUSTOMER = "Amy's Bird Sanctuary"

/** Seed of the demo's random history: fixed, so every run writes the same documents. */
const DEMO_RANDOM_SEED = 20_140_911

/**
 * A customer create body from the demo list (QBO field names, API-NOTES.md §2.1).
 *
 * @example
 * company.create('Customer', demoCustomerBody(DEMO_CUSTOMERS[0]!))
 */
export function demoCustomerBody(c: DemoCustomer, parentId?: string): QboObject {
  const body: QboObject = { DisplayName: c.displayName, PreferredDeliveryMethod: c.email ? 'Email' : 'Print' }
  if (c.companyName) body.CompanyName = c.companyName
  if (c.givenName) body.GivenName = c.givenName
  if (c.familyName) body.FamilyName = c.familyName
  if (c.email) body.PrimaryEmailAddr = { Address: c.email }
  if (c.phone) body.PrimaryPhone = { FreeFormNumber: c.phone }
  if (c.mobile) body.Mobile = { FreeFormNumber: c.mobile }
  if (c.website) body.WebAddr = { URI: c.website }
  if (c.notes) body.Notes = c.notes
  if (c.currency) body.CurrencyRef = { value: c.currency }
  if (c.address) {
    const addr: QboObject = {
      Line1: c.address.line1,
      City: c.address.city,
      CountrySubDivisionCode: c.address.state,
      PostalCode: c.address.zip,
    }
    if (c.address.country) addr.Country = c.address.country
    body.BillAddr = addr
    body.ShipAddr = { ...addr }
  }
  if (parentId) {
    body.Job = true
    body.ParentRef = { value: parentId }
    body.BillWithParent = true
  }
  return body
}

/**
 * Fills "Ledgerlink Demo Landscaping": accounts and items, vendors and employees (for duplicate-name
 * cases), the demo customers with their jobs, and 18 months of documents.
 *
 * @example
 * seedDemoCompany(registry.add({ realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping', multicurrency: true }), seedCalendar(clock))
 */
export function seedDemoCompany(company: CompanyStore, calendar: SeedCalendar): void {
  const items = seedCatalog(company)
  for (const vendor of DEMO_OTHER_NAMES.vendors)
    company.create('Vendor', structuredClone(vendor) as QboObject)
  for (const employee of DEMO_OTHER_NAMES.employees) {
    company.create('Employee', structuredClone(employee) as QboObject)
  }

  const ids = new Map<string, string>()
  for (const c of DEMO_CUSTOMERS) {
    const parentId = c.parent ? ids.get(c.parent) : undefined
    ids.set(c.displayName, company.create('Customer', demoCustomerBody(c, parentId)).Id as string)
  }
  const customerId = (name: string) => {
    const id = ids.get(name)
    if (id === undefined) throw new Error(`Unknown demo customer ${name}`)
    return id
  }

  const random = createRandom(DEMO_RANDOM_SEED)
  const nextCheck = checkNumbers(4001)
  const ledger = createLedger(company, items, calendar)
  planScenarios(ledger, customerId)
  planBusyCustomerHistory(ledger, random, nextCheck, customerId(BUSY_CUSTOMER))
  for (const c of DEMO_CUSTOMERS) {
    planCustomerHistory(ledger, random, nextCheck, {
      prefix: `history-${c.displayName}`,
      customerId: customerId(c.displayName),
      count: c.documents,
      ...(c.inactive ? { fromDaysAgo: 500, toDaysAgo: 200, settle: true } : {}),
    })
  }
  ledger.write()

  for (const c of DEMO_CUSTOMERS) {
    if (!c.inactive) continue
    const current = company.read('Customer', customerId(c.displayName))
    if (!current) continue
    company.update(
      'Customer',
      { Id: current.Id, SyncToken: current.SyncToken, sparse: true, Active: false },
      { sparse: true },
    )
  }
}
