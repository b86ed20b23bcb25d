import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'
import { saveCustomerLink } from './customer-links-repository'

type Row = {
  type: string
  qboId: string
  date: string | null
  status: string
  balance: string | null
  viewUrl: string
}
type QboRow = Record<string, unknown> & { Id: string }

const DAY_MS = 86_400_000
const cents = (value: unknown) => Math.round(Number(value ?? 0) * 100)
const amount = (total: number) => (total / 100).toFixed(2)
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS

for (const dialect of testDatabases()) {
  describe(`QuickBooks tab of a linked record on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let member: SignedIn
    let organizationId = ''
    let contactId = ''
    let customerId = ''

    const demo = () => {
      const company = t.emulator.store.get(DEMO_REALM_ID)
      if (!company) throw new Error('no demo company')
      return company
    }
    const customerNamed = (name: string) => {
      for (const customer of demo().list('Customer'))
        if (customer.DisplayName === name) return customer as QboRow
      throw new Error(`no customer ${name}`)
    }
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } })
    const create = async (path: string, payload: object) =>
      (await t.app.inject({ method: 'POST', url: `/api/${path}`, headers: admin.headers, payload })).json()
        .id as string
    /** The company's date: the emulator keeps Pacific time, like a QBO US company. */
    const today = () =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(t.clock.now()))

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      organizationId = await create('organizations', { name: 'Red Rock Diner, Ltd.' })
      contactId = await create('contacts', { firstName: 'Stephanie', lastName: 'Martini' })
      customerId = customerNamed('Red Rock Diner').Id
      const linked = await t.app.inject({
        method: 'PUT',
        url: `/api/organizations/${organizationId}/quickbooks/link`,
        headers: member.headers,
        payload: { customerId },
      })
      expect(linked.statusCode, linked.body).toBe(200)
    })
    afterAll(async () => t?.close())

    const documentsOf = (entity: 'Invoice' | 'Estimate' | 'Payment') =>
      demo().listForCustomers(entity, [customerId]) as QboRow[]

    it("shows the customer's contact information with a link into QuickBooks", async () => {
      const response = await get(`/api/organizations/${organizationId}/quickbooks`)
      expect(response.statusCode, response.body).toBe(200)
      const { customer } = response.json()
      expect(customer).toMatchObject({
        id: customerId,
        displayName: 'Red Rock Diner',
        companyName: 'Red Rock Diner',
        givenName: 'Stephanie',
        familyName: 'Martini',
        billingAddress: { street: '500 Red Rock Rd.', city: 'Bayshore', region: 'CA', postalCode: '94326' },
        phones: { primary: '(650) 555-4973', mobile: null, fax: null },
        email: 'qbwebsamplecompany@yahoo.com',
        currency: 'USD',
        active: true,
        deleted: false,
      })
      expect(customer.viewUrl).toBe(`${t.emulatorUrl}/app/customerdetail?nameId=${customerId}`)
    })

    it("computes the financial summary and aging from the customer's QBO documents", async () => {
      const body = (await get(`/api/organizations/${organizationId}/quickbooks`)).json()
      const day = today()
      const invoices = documentsOf('Invoice')
      const open = invoices.filter((invoice) => cents(invoice.Balance) > 0)
      const pastDue = (invoice: QboRow) => daysBetween(String(invoice.DueDate ?? invoice.TxnDate), day)
      const sum = (rows: QboRow[], field: string) =>
        amount(rows.reduce((total, row) => total + cents(row[field]), 0))
      const bucket = (from: number, to: number) =>
        sum(
          open.filter((invoice) => pastDue(invoice) >= from && pastDue(invoice) <= to),
          'Balance',
        )
      const yearAgo = new Date(Date.parse(`${day}T00:00:00Z`))
      yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1)
      const since = yearAgo.toISOString().slice(0, 10)
      const payments = documentsOf('Payment').filter((payment) => cents(payment.TotalAmt) > 0)
      const last = [...payments].sort((a, b) => String(b.TxnDate).localeCompare(String(a.TxnDate)))[0]
      expect(open.length).toBeGreaterThan(0)
      expect(body.summary).toMatchObject({
        currency: 'USD',
        openBalance: sum(open, 'Balance'),
        overdueAmount: sum(
          open.filter((invoice) => pastDue(invoice) > 0),
          'Balance',
        ),
        openInvoicesCount: open.length,
        invoicedLast12Months: sum(
          invoices.filter((invoice) => String(invoice.TxnDate) > since && String(invoice.TxnDate) <= day),
          'TotalAmt',
        ),
        paidLast12Months: sum(
          payments.filter((payment) => String(payment.TxnDate) > since && String(payment.TxnDate) <= day),
          'TotalAmt',
        ),
        lastPayment: { date: last?.TxnDate, amount: amount(cents(last?.TotalAmt)) },
        customerBalance: amount(cents(customerNamed('Red Rock Diner').Balance)),
      })
      expect(body.summary.aging.buckets.map((b: { amount: string }) => b.amount)).toEqual([
        bucket(Number.NEGATIVE_INFINITY, 0),
        bucket(1, 30),
        bucket(31, 60),
        bucket(61, 90),
        bucket(91, Number.POSITIVE_INFINITY),
      ])
      expect(body.summary.aging.total).toBe(body.summary.openBalance)
      expect(Math.abs(Date.parse(body.asOf) - t.clock.now())).toBeLessThan(60_000)
    })

    it('lists estimates, invoices and payments newest first under every Show filter', async () => {
      const invoices = documentsOf('Invoice')
      const expected: Record<string, number> = {
        all: invoices.length + documentsOf('Estimate').length + documentsOf('Payment').length,
        invoices: invoices.length,
        open_invoices: invoices.filter((invoice) => cents(invoice.Balance) > 0).length,
        overdue_invoices: invoices.filter(
          (invoice) => cents(invoice.Balance) > 0 && String(invoice.DueDate ?? invoice.TxnDate) < today(),
        ).length,
        estimates: documentsOf('Estimate').length,
        payments: documentsOf('Payment').length,
      }
      const types: Record<string, string[]> = {
        all: ['invoice', 'estimate', 'payment'],
        invoices: ['invoice'],
        open_invoices: ['invoice'],
        overdue_invoices: ['invoice'],
        estimates: ['estimate'],
        payments: ['payment'],
      }
      for (const [show, count] of Object.entries(expected)) {
        const response = await get(
          `/api/organizations/${organizationId}/quickbooks/documents?show=${show}&limit=100`,
        )
        expect(response.statusCode, response.body).toBe(200)
        const body = response.json() as { items: Row[]; nextCursor: string | null; totals: unknown[] }
        expect(body.items, show).toHaveLength(count)
        expect(body.nextCursor).toBeNull()
        for (const item of body.items) expect(types[show]).toContain(item.type)
        const dates = body.items.map((item) => item.date ?? '')
        expect(dates).toEqual([...dates].sort().reverse())
        if (show === 'overdue_invoices') for (const item of body.items) expect(item.status).toBe('overdue')
        if (show === 'open_invoices')
          for (const item of body.items) expect(cents(item.balance)).toBeGreaterThan(0)
      }
      const tab = (await get(`/api/organizations/${organizationId}/quickbooks?show=invoices`)).json()
      expect(tab.documents.total).toBe(expected.invoices)
      expect(tab.documents.items[0].viewUrl).toMatch(/\/app\/invoice\?txnId=\d+$/)
    })

    it('pages through the documents with a cursor, each document once', async () => {
      const seen: string[] = []
      let cursor: string | null = null
      for (let page = 0; page < 50; page++) {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        const body = (
          await get(`/api/organizations/${organizationId}/quickbooks/documents?limit=2${query}`)
        ).json()
        expect(body.items.length).toBeLessThanOrEqual(2)
        seen.push(...body.items.map((item: Row) => `${item.type}:${item.qboId}`))
        cursor = body.nextCursor
        if (!cursor) break
      }
      const all = (await get(`/api/organizations/${organizationId}/quickbooks/documents?limit=100`)).json()
      expect(seen).toEqual(all.items.map((item: Row) => `${item.type}:${item.qboId}`))
      expect(new Set(seen).size).toBe(seen.length)
      expect(all.totals[0]).toMatchObject({ currency: 'USD' })
    })

    it('refuses a bad Show filter, page size or cursor', async () => {
      for (const query of ['show=everything', 'limit=0', 'limit=abc', 'cursor=not-ours', 'refresh=maybe']) {
        const response = await get(`/api/organizations/${organizationId}/quickbooks/documents?${query}`)
        expect(response.statusCode, query).toBe(400)
        expect(response.json().error.code).toBe('BAD_INPUT')
      }
    })

    it('reads the whole tab in one round trip to QuickBooks, linked or not', async () => {
      for (const url of [
        // refresh=true reads QBO whatever a cache holds: the cold tab.
        `/api/organizations/${organizationId}/quickbooks?refresh=true`,
        `/api/contacts/${contactId}/quickbooks?refresh=true`,
        `/api/organizations/${organizationId}/quickbooks?show=payments&refresh=true`,
      ]) {
        t.emulator.resetStats()
        const response = await get(url)
        expect(response.statusCode, response.body).toBe(200)
        const stats = t.emulator.stats()
        expect(stats.total, url).toBe(1)
        expect(stats.byEndpoint).toEqual({ batch: 1 })
      }
    })

    it('answers 404 not_linked for the documents of an unlinked record', async () => {
      const response = await get(`/api/contacts/${contactId}/quickbooks/documents`)
      expect(response.statusCode).toBe(404)
      expect(response.json().error.code).toBe('not_linked')
    })

    it('flags a customer made inactive in QuickBooks as deleted', async () => {
      const created = demo().create('Customer', { DisplayName: 'Soon Gone Supplies' }) as QboRow
      const id = await create('organizations', { name: 'Soon Gone Supplies' })
      await t.app.inject({
        method: 'PUT',
        url: `/api/organizations/${id}/quickbooks/link`,
        headers: member.headers,
        payload: { customerId: created.Id },
      })
      demo().update(
        'Customer',
        { Id: created.Id, SyncToken: created.SyncToken, Active: false },
        { sparse: true },
      )
      const response = await get(`/api/organizations/${id}/quickbooks`)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().customer).toMatchObject({ id: created.Id, active: false, deleted: true })
      expect(response.json().customer.displayName).toMatch(/\(deleted\)$/)
    })

    it('still shows a link whose customer QuickBooks no longer has, flagged deleted', async () => {
      const id = await create('organizations', { name: 'Vanished Ventures' })
      await saveCustomerLink(t.db, member.workspaceId, {
        recordId: id,
        realmId: DEMO_REALM_ID,
        customerId: '999999',
        displayName: 'Vanished Ventures',
        linkedBy: member.userId,
        linkedAt: new Date().toISOString(),
      })
      const response = await get(`/api/organizations/${id}/quickbooks`)
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json()
      expect(body.customer).toMatchObject({
        id: '999999',
        displayName: 'Vanished Ventures',
        deleted: true,
        active: false,
      })
      expect(body.summary.openBalance).toBe('0.00')
      expect(body.documents.items).toEqual([])
    })

    it('answers 503 in plain words when QuickBooks is down, while the record page still works', async () => {
      for (const kind of ['5xx', 'reset'] as const) {
        t.emulator.configure({ faults: { rate: 1, kinds: [kind], paths: 'accounting' } })
        try {
          for (const response of [
            await get(`/api/organizations/${organizationId}/quickbooks?refresh=true`),
            await get(`/api/organizations/${organizationId}/quickbooks/documents?refresh=true`),
            await get('/api/quickbooks/customers?q=red'),
            await get(`/api/contacts/${contactId}/quickbooks?refresh=true`),
          ]) {
            expect(response.statusCode, `${kind}: ${response.body}`).toBe(503)
            const { error } = response.json()
            expect(error.code).toBe('quickbooks_unavailable')
            expect(error.message).toMatch(/QuickBooks is not answering/)
            expect(response.body).not.toMatch(/stack|at .*\.ts|Fault/)
          }
          const page = await get(`/api/contacts/${contactId}`)
          expect(page.statusCode).toBe(200)
          expect(page.json().lastName).toBe('Martini')
        } finally {
          t.emulator.configure({ faults: null })
        }
      }
      expect((await get(`/api/organizations/${organizationId}/quickbooks`)).statusCode).toBe(200)
    })
  })
}
