import type { CompanyStore, QboObject } from '../store'
import { seedCatalog } from './catalog'
import type { SeedCalendar } from './dates'
import { createLedger } from './ledger'

const ca = (Line1: string, City: string, PostalCode: string): QboObject => ({
  Line1,
  City,
  CountrySubDivisionCode: 'CA',
  PostalCode,
})

/**
 * The second sandbox company's customers. "Amy's Bird Sanctuary" also exists in the demo company, with
 * other contact details and other documents: tests use it to prove that realms never see each other's data.
 */
const CUSTOMERS: readonly QboObject[] = [
  {
    DisplayName: "Amy's Bird Sanctuary",
    CompanyName: "Amy's Bird Sanctuary (North)",
    GivenName: 'Amelia',
    FamilyName: 'Stone',
    PrimaryEmailAddr: { Address: 'amelia@northbirds.example' },
    PrimaryPhone: { FreeFormNumber: '(707) 555-0190' },
    BillAddr: ca('9 Heron Way', 'Eureka', '95501'),
  },
  {
    DisplayName: 'Harbor Freight Lines',
    CompanyName: 'Harbor Freight Lines',
    GivenName: 'Victor',
    FamilyName: 'Osei',
    PrimaryEmailAddr: { Address: 'billing@harborfreightlines.example' },
    PrimaryPhone: { FreeFormNumber: '(510) 555-0175' },
    BillAddr: ca('2100 Embarcadero', 'Oakland', '94606'),
  },
  {
    DisplayName: 'Summit Peak Outfitters',
    CompanyName: 'Summit Peak Outfitters',
    GivenName: 'Dana',
    FamilyName: 'Whitaker',
    PrimaryEmailAddr: { Address: 'dana@summitpeak.example' },
    PrimaryPhone: { FreeFormNumber: '(530) 555-0114' },
    BillAddr: ca('55 Lake Tahoe Blvd.', 'South Lake Tahoe', '96150'),
  },
  {
    DisplayName: 'Glenwood Dental',
    CompanyName: 'Glenwood Dental',
    GivenName: 'Samuel',
    FamilyName: 'Ortiz',
    PrimaryEmailAddr: { Address: 'frontdesk@glenwooddental.example' },
    PrimaryPhone: { FreeFormNumber: '(831) 555-0162' },
    BillAddr: ca('300 Glenwood Dr.', 'Scotts Valley', '95066'),
  },
  {
    DisplayName: 'Priya Raman',
    GivenName: 'Priya',
    FamilyName: 'Raman',
    PrimaryEmailAddr: { Address: 'priya.raman@example.com' },
    Mobile: { FreeFormNumber: '(408) 555-0128' },
    BillAddr: ca('14 Orchard Ct.', 'Cupertino', '95014'),
  },
]

/**
 * Fills "Second Sandbox Company": five customers and a dozen documents.
 *
 * @example
 * seedSecondCompany(registry.add({ realmId: '9130357766900457', name: 'Second Sandbox Company' }), seedCalendar(clock))
 */
export function seedSecondCompany(company: CompanyStore, calendar: SeedCalendar): void {
  const items = seedCatalog(company)
  const ids = CUSTOMERS.map((body) => company.create('Customer', structuredClone(body)).Id as string)
  const [amy, harbor, summit, glenwood, priya] = ids as [string, string, string, string, string]
  const ledger = createLedger(company, items, calendar)
  ledger.invoice('amy-1', amy, { daysAgo: 60, lines: [{ item: 'Gardening', qty: 8, unitPrice: 25 }] })
  ledger.invoice('amy-2', amy, { daysAgo: 12, lines: [{ item: 'Trimming', qty: 2, unitPrice: 35 }] })
  ledger.payment('amy-pay', amy, {
    daysAgo: 30,
    apply: [{ invoice: 'amy-1', amount: 'balance' }],
    refNum: '101',
  })
  ledger.invoice('harbor-1', harbor, {
    daysAgo: 95,
    dueDaysAgo: 65,
    lines: [{ item: 'Hours', qty: 12, unitPrice: 40 }],
  })
  ledger.estimate('summit-est', summit, {
    daysAgo: 7,
    status: 'Pending',
    lines: [{ item: 'Design', qty: 3, unitPrice: 75 }],
  })
  ledger.invoice('summit-1', summit, { daysAgo: 25, lines: [{ item: 'Sod', qty: 15, unitPrice: 20 }] })
  ledger.invoice('glenwood-1', glenwood, {
    daysAgo: 40,
    lines: [{ item: 'Pest Control', qty: 2, unitPrice: 35 }],
  })
  ledger.payment('glenwood-pay', glenwood, {
    daysAgo: 20,
    apply: [{ invoice: 'glenwood-1', amount: 'balance' }],
    refNum: '102',
  })
  ledger.estimate('priya-est', priya, {
    daysAgo: 15,
    status: 'Accepted',
    lines: [{ item: 'Installation', qty: 5, unitPrice: 50 }],
  })
  ledger.invoice('priya-1', priya, { daysAgo: 2, lines: [{ item: 'Installation', qty: 5, unitPrice: 50 }] })
  ledger.write()
}
