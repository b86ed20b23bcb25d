import { describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { QboFault } from '../faults'
import { type CompanyStore, createRegistry, formatDate, type QboObject } from '../store'
import { shiftDate } from './dates'
import { DEMO_COMPANIES, seedDemo } from './demo'
import { ledgerProblems } from './ledger-invariants.test-helper'

const NOW = Date.parse('2026-11-24T16:15:00Z')

function seeded(nowMs = NOW) {
  const clock = createClock({ startMs: nowMs, realNow: () => nowMs })
  const registry = createRegistry(clock)
  seedDemo(registry, clock)
  const demo = registry.get(DEMO_COMPANIES.demo.realmId) as CompanyStore
  const second = registry.get(DEMO_COMPANIES.second.realmId) as CompanyStore
  return { clock, registry, demo, second, today: formatDate(nowMs) }
}

const rows = (company: CompanyStore, entity: 'Customer' | 'Invoice' | 'Estimate' | 'Payment') => [
  ...company.list(entity),
]
const customerNamed = (company: CompanyStore, name: string) =>
  rows(company, 'Customer').find((c) => c.DisplayName === name) as QboObject
const documentsOf = (company: CompanyStore, customerId: unknown) =>
  (['Invoice', 'Estimate', 'Payment'] as const).flatMap((e) =>
    rows(company, e).filter((d) => (d.CustomerRef as QboObject).value === customerId),
  )
const withoutTimes = (company: CompanyStore) =>
  (['Customer', 'Invoice', 'Estimate', 'Payment'] as const).map((e) =>
    rows(company, e).map(({ MetaData: _m, ...rest }) => rest),
  )

const MATCHED_CUSTOMERS = [
  "Amy's Bird Sanctuary",
  "Bill's Windsurf Shop",
  'Cool Cars',
  'Dukes Basketball Camp',
  'Freeman Sporting Goods',
  "Jeff's Jalopies",
  'Paulsen Medical Supplies',
  'Red Rock Diner',
  'Rondonuwu Fruit and Vegi',
  'Sonnenschein Family Store',
  'Sushi by Katsuyuki',
  'Video Games by Dan',
  'Wedding Planning by Whitney',
  'Weiskopf Consulting',
  'Diego Rodriguez',
  'Geeta Kalapatapu',
  'John Melton',
  'Kate Whelan',
  'Mark Cho',
  'Shara Barnett',
  'Travis Waldron',
  'Maple Leaf Outfitters',
]

describe('seedDemo', () => {
  const { demo, second, registry, today } = seeded()

  it('adds the two demo companies with their fixed realm ids, names and currencies', () => {
    expect(registry.companies().map((c) => [c.realmId, c.name])).toEqual([
      ['9130357766900456', 'Ledgerlink Demo Landscaping'],
      ['9130357766900457', 'Second Sandbox Company'],
    ])
    expect(demo.homeCurrency).toBe('USD')
    expect(demo.preferences().CurrencyPrefs).toMatchObject({ MultiCurrencyEnabled: true })
  })

  it('includes every customer the demo CRM matches, spelled exactly, with email, phone and address', () => {
    for (const name of MATCHED_CUSTOMERS) {
      const c = customerNamed(demo, name)
      expect(c, name).toBeDefined()
      expect((c.PrimaryEmailAddr as QboObject).Address, name).toMatch(/@/)
      expect((c.PrimaryPhone as QboObject).FreeFormNumber, name).toMatch(/\d{3}.*\d{4}/)
      expect((c.BillAddr as QboObject).City, name).toBeTruthy()
    }
    expect(customerNamed(demo, "Amy's Bird Sanctuary")).toMatchObject({
      GivenName: 'Amy',
      FamilyName: 'Lauterbach',
      PrimaryEmailAddr: { Address: 'birds@intuit.com' },
    })
    expect(customerNamed(demo, 'Freeman Sporting Goods')).toMatchObject({
      GivenName: 'Sasha',
      FamilyName: 'Tillou',
    })
    expect(rows(demo, 'Customer').length).toBeGreaterThanOrEqual(40)
  })

  it('nests jobs under their parents and rolls their balances up', () => {
    const freeman = customerNamed(demo, 'Freeman Sporting Goods')
    for (const job of ['0969 Ocean View Road', '55 Twin Lane']) {
      expect(customerNamed(demo, job)).toMatchObject({
        Job: true,
        ParentRef: { value: freeman.Id },
        FullyQualifiedName: `Freeman Sporting Goods:${job}`,
      })
    }
    expect(customerNamed(demo, 'Barnett Design')).toMatchObject({
      FullyQualifiedName: 'Shara Barnett:Barnett Design',
    })
    expect(Number(freeman.BalanceWithJobs)).toBeGreaterThan(Number(freeman.Balance))
  })

  it('keeps one inactive customer, renamed the way QBO shows inactive names', () => {
    const inactive = rows(demo, 'Customer').filter((c) => c.Active === false)
    expect(inactive.map((c) => c.DisplayName)).toEqual(['Old Mill Antiques (deleted)'])
    expect(inactive[0]?.Balance).toBe(0)
  })

  it('has customers in CAD and EUR whose documents carry their currency and exchange rate', () => {
    const maple = customerNamed(demo, 'Maple Leaf Outfitters')
    expect(maple.CurrencyRef).toMatchObject({ value: 'CAD' })
    expect(customerNamed(demo, 'Berliner Gartenbau GmbH').CurrencyRef).toMatchObject({ value: 'EUR' })
    const invoices = documentsOf(demo, maple.Id).filter((d) => 'DueDate' in d)
    expect(invoices.length).toBeGreaterThan(0)
    for (const inv of invoices) {
      expect(inv.CurrencyRef).toMatchObject({ value: 'CAD' })
      expect(inv.ExchangeRate).toBeGreaterThan(0)
    }
  })

  it('gives the busiest customer about 300 documents and most others 3 to 15', () => {
    const amy = customerNamed(demo, "Amy's Bird Sanctuary")
    const amyDocs = documentsOf(demo, amy.Id).length
    expect(amyDocs).toBeGreaterThanOrEqual(280)
    expect(amyDocs).toBeLessThanOrEqual(320)
    const counts = rows(demo, 'Customer')
      .filter((c) => c.Id !== amy.Id)
      .map((c) => documentsOf(demo, c.Id).length)
    expect(counts.filter((n) => n >= 3 && n <= 15).length).toBeGreaterThanOrEqual(counts.length - 3)
  })

  it('has open invoices in every aging bucket, relative to the clock', () => {
    const overdueDays = rows(demo, 'Invoice')
      .filter((inv) => Number(inv.Balance) > 0)
      .map((inv) => (Date.parse(today) - Date.parse(inv.DueDate as string)) / 86_400_000)
    expect(overdueDays.some((d) => d <= 0)).toBe(true)
    expect(overdueDays.some((d) => d >= 1 && d <= 30)).toBe(true)
    expect(overdueDays.some((d) => d >= 31 && d <= 60)).toBe(true)
    expect(overdueDays.some((d) => d >= 61 && d <= 90)).toBe(true)
    expect(overdueDays.some((d) => d > 90)).toBe(true)
  })

  it('has paid, partly paid and voided invoices', () => {
    const invoices = rows(demo, 'Invoice')
    expect(invoices.some((i) => i.Balance === 0 && Number(i.TotalAmt) > 0)).toBe(true)
    expect(invoices.some((i) => Number(i.Balance) > 0 && Number(i.Balance) < Number(i.TotalAmt))).toBe(true)
    const voided = invoices.filter((i) => String(i.PrivateNote ?? '').startsWith('Voided'))
    expect(voided).toHaveLength(1)
    expect(voided[0]).toMatchObject({ TotalAmt: 0, Balance: 0 })
  })

  it('has estimates in every status, and the converted one links the invoice made from it', () => {
    const estimates = rows(demo, 'Estimate')
    const statuses = new Set(estimates.map((e) => e.TxnStatus))
    for (const s of ['Pending', 'Accepted', 'Closed', 'Rejected', 'Converted']) expect(statuses).toContain(s)
    const converted = estimates.find((e) => e.TxnStatus === 'Converted') as QboObject
    const link = (converted.LinkedTxn as QboObject[]).find((l) => l.TxnType === 'Invoice') as QboObject
    const invoice = demo.read('Invoice', String(link.TxnId)) as QboObject
    expect(invoice.LinkedTxn).toContainEqual({ TxnId: converted.Id, TxnType: 'Estimate' })
    expect(invoice.TotalAmt).toBe(converted.TotalAmt)
  })

  it('has payments applied to one invoice, to several, and an unapplied credit, all with check numbers', () => {
    const payments = rows(demo, 'Payment')
    const lineCounts = payments.map((p) => (p.Line as QboObject[]).length)
    expect(lineCounts).toContain(0)
    expect(lineCounts).toContain(1)
    expect(lineCounts.some((n) => n >= 2)).toBe(true)
    expect(payments.some((p) => Number(p.UnappliedAmt) > 0)).toBe(true)
    for (const p of payments) expect(p.PaymentRefNum).toMatch(/^[\w-]+$/)
  })

  it('numbers documents like QBO and dates them over the last 18 months, never in the future', () => {
    const invoices = rows(demo, 'Invoice')
    expect(invoices[0]?.DocNumber).toBe('1001')
    expect(new Set(invoices.map((i) => i.DocNumber)).size).toBe(invoices.length)
    const oldest = shiftDate(today, -560)
    for (const d of [...invoices, ...rows(demo, 'Estimate'), ...rows(demo, 'Payment')]) {
      expect((d.TxnDate as string) >= oldest && (d.TxnDate as string) <= today, String(d.TxnDate)).toBe(true)
    }
  })

  it('keeps balances and LinkedTxn consistent in both companies', () => {
    expect(ledgerProblems(demo)).toEqual([])
    expect(ledgerProblems(second)).toEqual([])
  })

  it('holds a vendor and an employee whose names a new customer cannot take (6240)', () => {
    expect([...demo.list('Vendor')].map((v) => v.DisplayName)).toContain('Hicks Hardware')
    expect([...demo.list('Employee')].map((e) => e.DisplayName)).toContain('Emily Platt')
    for (const DisplayName of ['Hicks Hardware', 'Emily Platt']) {
      let fault: unknown
      try {
        demo.create('Customer', { DisplayName })
      } catch (err) {
        fault = err
      }
      expect(fault).toBeInstanceOf(QboFault)
      expect((fault as QboFault).code).toBe('6240')
    }
  })

  it('gives the second company its own customer with a name the demo company also uses', () => {
    const ours = customerNamed(demo, "Amy's Bird Sanctuary")
    const theirs = customerNamed(second, "Amy's Bird Sanctuary")
    expect(theirs.PrimaryEmailAddr).not.toEqual(ours.PrimaryEmailAddr)
    expect(documentsOf(second, theirs.Id).length).toBeLessThan(10)
    expect(rows(second, 'Customer').length).toBeLessThan(10)
  })

  it('writes the same data on every run for the same day', () => {
    const again = seeded()
    expect(withoutTimes(again.demo)).toEqual(withoutTimes(demo))
    expect(withoutTimes(again.second)).toEqual(withoutTimes(second))
  })

  it('moves every date with the clock, so the aging buckets stay filled', () => {
    const later = seeded(NOW + 100 * 86_400_000)
    const first = rows(demo, 'Invoice')[0] as QboObject
    const moved = rows(later.demo, 'Invoice')[0] as QboObject
    expect(moved.TxnDate).toBe(shiftDate(first.TxnDate as string, 100))
  })
})
