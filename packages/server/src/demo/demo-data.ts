/**
 * The demo workspace's records: a small landscaping and supplies business. Several organizations and contacts
 * match customers of the QBO emulator's demo company, some with the noise real data has (suffixes, case,
 * punctuation, a personal email), and others match nothing.
 */
type Address = { street: string; city: string; region: string; postalCode: string; country: string }
const addr = (street: string, city: string, region: string, postalCode: string): Address => ({
  street,
  city,
  region,
  postalCode,
  country: 'USA',
})

export type DemoOrganization = {
  key: string
  name: string
  phone?: string
  emailDomains?: string[]
  website?: string
  billingAddress?: Address
  background?: string
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'amy',
    name: "Amy's Bird Sanctuary",
    phone: '(650) 555-3311',
    emailDomains: ['intuit.com'],
    billingAddress: addr('4581 Finch St.', 'Bayshore', 'CA', '94326'),
    background: 'Nonprofit bird rescue; seasonal grounds maintenance.',
  },
  {
    key: 'bill',
    name: 'Bills Windsurf Shop Inc.',
    phone: '(415) 444-6538',
    billingAddress: addr('12 Ocean Dr.', 'Half Moon Bay', 'CA', '94213'),
  },
  {
    key: 'cool',
    name: 'COOL CARS LLC',
    phone: '(415) 555-9933',
    billingAddress: addr('65 Ocean Dr.', 'Half Moon Bay', 'CA', '94213'),
  },
  {
    key: 'dukes',
    name: 'Dukes Basketball Camp',
    phone: '(520) 420-5638',
    emailDomains: ['dukes.example.com'],
    billingAddress: addr('25 Court St.', 'Tucson', 'AZ', '85719'),
  },
  {
    key: 'freeman',
    name: 'Freeman Sporting Goods',
    phone: '(650) 555-0987',
    website: 'https://freemansporting.example.com',
    billingAddress: addr('370 Easy St.', 'Middlefield', 'CA', '94482'),
  },
  {
    key: 'jeff',
    name: "Jeff's Jalopies",
    phone: '(650) 555-8989',
    billingAddress: addr('12 Willow Rd.', 'Menlo Park', 'CA', '94305'),
  },
  {
    key: 'paulsen',
    name: 'Paulsen Medical Supplies',
    phone: '(650) 555-4433',
    emailDomains: ['paulsenmedical.example.com'],
    billingAddress: addr('900 Main St.', 'Middlefield', 'CA', '94303'),
  },
  {
    key: 'redrock',
    name: 'Red Rock Diner, Ltd.',
    phone: '(650) 555-4973',
    billingAddress: addr('500 Red Rock Rd.', 'Bayshore', 'CA', '94326'),
  },
  {
    key: 'sonnen',
    name: 'Sonnenschein Family Store',
    phone: '(650) 557-8463',
    billingAddress: addr('5647 Cypress Hill Ave.', 'Middlefield', 'CA', '94303'),
  },
  {
    key: 'weiskopf',
    name: 'Weiskopf Consulting',
    phone: '(650) 555-1423',
    emailDomains: ['weiskopfconsulting.example.com'],
    billingAddress: addr('45612 Main St.', 'Bayshore', 'CA', '94326'),
  },
  {
    key: 'greenleaf',
    name: 'Greenleaf Garden Center',
    phone: '(503) 555-0144',
    emailDomains: ['greenleaf.example.com'],
    billingAddress: addr('88 Orchard Ln.', 'Portland', 'OR', '97205'),
  },
  {
    key: 'harbor',
    name: 'Harborview Property Management',
    phone: '(206) 555-0190',
    emailDomains: ['harborview.example.com'],
    billingAddress: addr('1200 Pier Way', 'Seattle', 'WA', '98101'),
  },
  {
    key: 'maple',
    name: 'Maple Street Dental',
    phone: '(650) 555-0172',
    billingAddress: addr('31 Maple St.', 'Palo Alto', 'CA', '94301'),
  },
  {
    key: 'summit',
    name: 'Summit Ridge HOA',
    phone: '(408) 555-0133',
    background: 'Homeowners association, 140 units; quarterly landscaping contract.',
  },
  {
    key: 'bluebird',
    name: 'Bluebird Coffee Roasters',
    phone: '(415) 555-0165',
    emailDomains: ['bluebirdcoffee.example.com'],
  },
  {
    key: 'oak',
    name: 'Oak & Iron Brewing Co.',
    phone: '(510) 555-0111',
    website: 'https://oakandiron.example.com',
  },
  { key: 'valley', name: 'Valley Pediatrics', phone: '(650) 555-0158' },
  {
    key: 'northwind',
    name: 'Northwind Logistics',
    phone: '(312) 555-0102',
    emailDomains: ['northwind.example.com'],
  },
  {
    key: 'cedar',
    name: 'Cedar Grove Elementary PTA',
    background: 'Volunteer-run; spring planting day every April.',
  },
  {
    key: 'pacific',
    name: 'Pacific Coast Realty',
    phone: '(831) 555-0187',
    emailDomains: ['pacificcoastrealty.example.com'],
  },
  { key: 'stone', name: 'Stonebridge Apartments', phone: '(650) 555-0126' },
  { key: 'lotus', name: 'Lotus Yoga Studio', phone: '(415) 555-0149' },
  {
    key: 'hilltop',
    name: 'Hilltop Veterinary Clinic',
    phone: '(925) 555-0177',
    emailDomains: ['hilltopvet.example.com'],
  },
  { key: 'riverside', name: 'Riverside Community Church' },
]

export type DemoContact = {
  firstName: string
  lastName: string
  title?: string
  organization?: string
  email?: string
  phone?: string
  mobilePhone?: string
}

export const DEMO_CONTACTS: DemoContact[] = [
  {
    firstName: 'Amy',
    lastName: 'Lauterbach',
    title: 'Director',
    organization: 'amy',
    email: 'birds@intuit.com',
    phone: '(650) 555-3311',
  },
  {
    firstName: 'Geeta',
    lastName: 'Kalapatapu',
    title: 'Owner',
    email: 'geeta.kalapatapu@gmail.com',
    mobilePhone: '(650) 555-0911',
  },
  {
    firstName: 'John',
    lastName: 'Melton',
    title: 'Office manager',
    email: 'john@meltonhome.example.com',
    phone: '(650) 555-5879',
  },
  {
    firstName: 'Kate',
    lastName: 'Whelan',
    title: 'Owner',
    email: 'kate@whelanhome.example.com',
    phone: '(650) 555-2214',
  },
  {
    firstName: 'Travis',
    lastName: 'Waldron',
    title: 'General manager',
    organization: 'cool',
    email: 'travis@coolcars.example.com',
  },
  {
    firstName: 'Nicola',
    lastName: 'Weiskopf',
    title: 'Principal',
    organization: 'weiskopf',
    email: 'nicola@weiskopfconsulting.example.com',
    phone: '(650) 555-1423',
  },
  {
    firstName: 'Diego',
    lastName: 'Rodriguez',
    title: 'Owner',
    email: 'diego@rodriguezhome.example.com',
    mobilePhone: '(650) 555-4477',
  },
  {
    firstName: 'Mark',
    lastName: 'Cho',
    title: 'Head chef',
    organization: 'redrock',
    email: 'mark.cho.personal@gmail.com',
  },
  {
    firstName: 'Bill',
    lastName: 'Lucchini',
    title: 'Owner',
    organization: 'bill',
    email: 'bill@windsurf.example.com',
  },
  {
    firstName: 'Dylan',
    lastName: 'Sollfrank',
    title: 'Camp director',
    organization: 'dukes',
    email: 'dylan@dukes.example.com',
  },
  {
    firstName: 'Emily',
    lastName: 'Platt',
    title: 'Purchasing',
    organization: 'freeman',
    phone: '(650) 555-0988',
  },
  {
    firstName: 'Jeff',
    lastName: 'Chin',
    title: 'Owner',
    organization: 'jeff',
    email: 'jeff@jalopies.example.com',
  },
  {
    firstName: 'Kathy',
    lastName: 'Kuplis',
    title: 'Accounts payable',
    organization: 'paulsen',
    email: 'kathy@paulsenmedical.example.com',
  },
  {
    firstName: 'Russ',
    lastName: 'Sonnenschein',
    title: 'Owner',
    organization: 'sonnen',
    phone: '(650) 557-8464',
  },
  {
    firstName: 'Priya',
    lastName: 'Natarajan',
    title: 'Store manager',
    organization: 'greenleaf',
    email: 'priya@greenleaf.example.com',
  },
  {
    firstName: 'Marcus',
    lastName: 'Bell',
    title: 'Property manager',
    organization: 'harbor',
    email: 'marcus.bell@harborview.example.com',
    phone: '(206) 555-0191',
  },
  {
    firstName: 'Sofia',
    lastName: 'Marino',
    title: 'Practice manager',
    organization: 'maple',
    email: 'sofia@mapledental.example.com',
  },
  {
    firstName: 'Tom',
    lastName: 'Okafor',
    title: 'Board treasurer',
    organization: 'summit',
    email: 'treasurer@summitridge.example.com',
  },
  {
    firstName: 'Hannah',
    lastName: 'Lindqvist',
    title: 'Co-founder',
    organization: 'bluebird',
    email: 'hannah@bluebirdcoffee.example.com',
  },
  {
    firstName: 'Omar',
    lastName: 'Haddad',
    title: 'Brewmaster',
    organization: 'oak',
    mobilePhone: '(510) 555-0112',
  },
  {
    firstName: 'Grace',
    lastName: 'Kim',
    title: 'Office manager',
    organization: 'valley',
    email: 'grace.kim@valleypeds.example.com',
  },
  {
    firstName: 'Luis',
    lastName: 'Ortega',
    title: 'Facilities',
    organization: 'northwind',
    email: 'lortega@northwind.example.com',
  },
  {
    firstName: 'Rachel',
    lastName: 'Adams',
    title: 'PTA president',
    organization: 'cedar',
    email: 'rachel.adams@gmail.com',
  },
  {
    firstName: 'Ben',
    lastName: 'Carter',
    title: 'Broker',
    organization: 'pacific',
    email: 'ben@pacificcoastrealty.example.com',
  },
  { firstName: 'Mei', lastName: 'Tanaka', title: 'Leasing', organization: 'stone', phone: '(650) 555-0127' },
  {
    firstName: 'Ava',
    lastName: 'Johansson',
    title: 'Owner',
    organization: 'lotus',
    email: 'ava@lotusyoga.example.com',
  },
  {
    firstName: 'Noah',
    lastName: 'Fischer',
    title: 'Veterinarian',
    organization: 'hilltop',
    email: 'noah@hilltopvet.example.com',
  },
  {
    firstName: 'Lena',
    lastName: 'Park',
    title: 'Homeowner',
    email: 'lena.park@outlook.example.com',
    mobilePhone: '(408) 555-0150',
  },
]

type Stage = 'prospecting' | 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost'
export type DemoOpportunity = {
  name: string
  value: string
  stage: Stage
  probability: number
  expectedCloseDate: string
  links: { key: string; role?: string }[]
}

export const DEMO_OPPORTUNITIES: DemoOpportunity[] = [
  {
    name: 'Sanctuary trail restoration',
    value: '8400.00',
    stage: 'proposal',
    probability: 60,
    expectedCloseDate: '2026-12-15',
    links: [{ key: 'amy' }, { key: 'Amy Lauterbach', role: 'Decision maker' }],
  },
  {
    name: 'Storefront planters',
    value: '1250.00',
    stage: 'won',
    probability: 100,
    expectedCloseDate: '2026-10-01',
    links: [{ key: 'bill' }, { key: 'Bill Lucchini' }],
  },
  {
    name: 'Showroom hedges and irrigation',
    value: '5600.00',
    stage: 'negotiation',
    probability: 75,
    expectedCloseDate: '2026-12-20',
    links: [{ key: 'cool' }, { key: 'Travis Waldron', role: 'Champion' }],
  },
  {
    name: 'Court-side landscaping',
    value: '3200.00',
    stage: 'qualification',
    probability: 30,
    expectedCloseDate: '2027-02-01',
    links: [{ key: 'dukes' }],
  },
  {
    name: 'Annual grounds contract',
    value: '18000.00',
    stage: 'proposal',
    probability: 50,
    expectedCloseDate: '2027-01-15',
    links: [{ key: 'summit' }, { key: 'Tom Okafor', role: 'Budget holder' }],
  },
  {
    name: 'Patio garden redesign',
    value: '4700.00',
    stage: 'prospecting',
    probability: 10,
    expectedCloseDate: '2027-03-01',
    links: [{ key: 'redrock' }, { key: 'Mark Cho' }],
  },
  {
    name: 'Backyard renovation',
    value: '12500.00',
    stage: 'negotiation',
    probability: 80,
    expectedCloseDate: '2026-12-05',
    links: [{ key: 'Geeta Kalapatapu', role: 'Homeowner' }],
  },
  {
    name: 'Office courtyard',
    value: '2900.00',
    stage: 'lost',
    probability: 0,
    expectedCloseDate: '2026-09-30',
    links: [{ key: 'weiskopf' }, { key: 'Nicola Weiskopf' }],
  },
  {
    name: 'Parking lot islands',
    value: '7300.00',
    stage: 'qualification',
    probability: 40,
    expectedCloseDate: '2027-01-31',
    links: [{ key: 'harbor' }, { key: 'Marcus Bell' }],
  },
  {
    name: 'Beer garden build-out',
    value: '9900.00',
    stage: 'proposal',
    probability: 55,
    expectedCloseDate: '2027-02-15',
    links: [{ key: 'oak' }, { key: 'Omar Haddad' }],
  },
  {
    name: 'Spring planting day supplies',
    value: '650.00',
    stage: 'won',
    probability: 100,
    expectedCloseDate: '2026-04-10',
    links: [{ key: 'cedar' }, { key: 'Rachel Adams' }],
  },
  {
    name: 'Clinic entrance refresh',
    value: '3800.00',
    stage: 'prospecting',
    probability: 20,
    expectedCloseDate: '2027-03-20',
    links: [{ key: 'hilltop' }],
  },
]

type Status = 'not_started' | 'in_progress' | 'on_hold' | 'completed' | 'cancelled'
export type DemoProject = {
  name: string
  status: Status
  startDate: string
  dueDate: string
  links: { key: string; role?: string }[]
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    name: 'Storefront planters install',
    status: 'completed',
    startDate: '2026-10-05',
    dueDate: '2026-10-12',
    links: [{ key: 'bill' }],
  },
  {
    name: 'Medical supply warehouse grounds',
    status: 'in_progress',
    startDate: '2026-11-01',
    dueDate: '2026-12-31',
    links: [{ key: 'paulsen' }, { key: 'Kathy Kuplis', role: 'Billing contact' }],
  },
  {
    name: 'Family store sidewalk beds',
    status: 'not_started',
    startDate: '2026-12-01',
    dueDate: '2027-01-15',
    links: [{ key: 'sonnen' }, { key: 'Russ Sonnenschein' }],
  },
  {
    name: 'Jalopies lot cleanup',
    status: 'on_hold',
    startDate: '2026-09-15',
    dueDate: '2026-11-30',
    links: [{ key: 'jeff' }, { key: 'Jeff Chin' }],
  },
  {
    name: 'Melton front yard',
    status: 'in_progress',
    startDate: '2026-11-10',
    dueDate: '2026-12-10',
    links: [{ key: 'John Melton', role: 'Homeowner' }],
  },
  {
    name: 'Whelan drip irrigation',
    status: 'completed',
    startDate: '2026-08-01',
    dueDate: '2026-08-20',
    links: [{ key: 'Kate Whelan' }],
  },
  {
    name: 'Rodriguez retaining wall',
    status: 'in_progress',
    startDate: '2026-11-03',
    dueDate: '2026-12-22',
    links: [{ key: 'Diego Rodriguez' }],
  },
  {
    name: 'Greenleaf seasonal displays',
    status: 'not_started',
    startDate: '2027-02-01',
    dueDate: '2027-03-15',
    links: [{ key: 'greenleaf' }, { key: 'Priya Natarajan' }],
  },
  {
    name: 'Sporting goods signage beds',
    status: 'cancelled',
    startDate: '2026-06-01',
    dueDate: '2026-06-30',
    links: [{ key: 'freeman' }],
  },
]
