import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  createRecord,
  type DocumentIds,
  qboWriter,
  requestsAs,
  seedQboDocuments,
} from '../../../test/quickbooks-documents-fixtures'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'
import { saveCustomerLink } from './customer-links-repository'

type Item = {
  type: string
  qboId: string
  number: string | null
  status: string
  direct: { linkId: string } | null
  via: { recordType: string; recordId: string; name: string }[]
  missing: string | null
  total: string
  balance: string | null
  currency: string
  viewUrl: string
}
type Page = {
  items: Item[]
  nextCursor: string | null
  total: number
  totals: Record<string, unknown>[]
  asOf: string
}

for (const dialect of testDatabases()) {
  describe(`QuickBooks documents of opportunities and projects on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let member: SignedIn
    let qbo: DocumentIds

    const as = (who: SignedIn) => requestsAs(t, who)
    const create = (who: SignedIn, path: string, payload: object) => createRecord(t, who, path, payload)
    const createIn: ReturnType<typeof qboWriter>['createIn'] = (entity, body) =>
      qboWriter(t).createIn(entity, body)
    const invoice: ReturnType<typeof qboWriter>['invoice'] = (...args) => qboWriter(t).invoice(...args)
    const crmLink = async (opportunityPath: string, recordType: string, recordId: string) => {
      const response = await as(admin).post(`/api/${opportunityPath}/links`, { recordType, recordId })
      expect(response.statusCode, response.body).toBe(201)
    }
    const list = async (path: string, query = ''): Promise<Page> => {
      const response = await as(member).get(`/api/${path}/quickbooks/documents${query}`)
      expect(response.statusCode, response.body).toBe(200)
      return response.json()
    }
    const linkDoc = (path: string, kind: string, documentId: string) =>
      as(member).post(`/api/${path}/quickbooks/document-links`, { kind, documentId })
    const byNumber = (page: Page, number: string) => page.items.find((item) => item.number === number)

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t, 'Documents workspace'))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      qbo = seedQboDocuments(t)
    })
    afterAll(async () => t?.close())

    describe('direct links', () => {
      it('links a document, refuses the same link twice, and lets another record link it too', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Direct deal' })
        const project = await create(admin, 'projects', { name: 'Direct project' })
        const linked = await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invC1)
        expect(linked.statusCode, linked.body).toBe(201)
        expect(linked.json().link).toMatchObject({ kind: 'invoice', documentId: qbo.invC1, number: 'DT-C1' })
        const again = await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invC1)
        expect(again.statusCode).toBe(409)
        expect(again.json().error).toMatchObject({ code: 'already_linked' })
        expect((await linkDoc(`projects/${project}`, 'invoice', qbo.invC1)).statusCode).toBe(201)

        const page = await list(`opportunities/${deal}`)
        expect(page.items).toHaveLength(1)
        expect(page.items[0]).toMatchObject({
          qboId: qbo.invC1,
          number: 'DT-C1',
          direct: { linkId: `invoice:${qbo.invC1}` },
          via: [],
          missing: null,
        })
        expect((await list(`projects/${project}`)).items.map((item) => item.qboId)).toEqual([qbo.invC1])
        // The record's QuickBooks icon counts its direct links.
        const icon = await as(member).get(`/api/opportunities/${deal}/quickbooks/link`)
        expect(icon.json()).toMatchObject({ connected: true, directDocuments: 1 })
      })

      it('drops the direct links of a deleted opportunity, and only those', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Doomed deal' })
        const keeper = await create(admin, 'opportunities', { name: 'Keeper deal' })
        for (const record of [deal, keeper])
          expect((await linkDoc(`opportunities/${record}`, 'invoice', qbo.invC2)).statusCode).toBe(201)
        expect((await as(admin).del(`/api/opportunities/${deal}`)).statusCode).toBe(204)
        const rows = await t.db
          .selectFrom('qbo_document_links')
          .select('record_id')
          .where('record_id', 'in', [deal, keeper])
          .execute()
        expect(rows).toEqual([{ record_id: keeper }])
      })

      it('answers 404 document_not_found for a document QuickBooks does not have, and links nothing', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Ghost deal' })
        const response = await linkDoc(`opportunities/${deal}`, 'estimate', '999999')
        expect(response.statusCode).toBe(404)
        expect(response.json().error.code).toBe('document_not_found')
        expect((await list(`opportunities/${deal}`)).items).toEqual([])
      })

      it('un-links a direct link, and answers 404 not_linked the second time', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Unlink deal' })
        expect((await linkDoc(`opportunities/${deal}`, 'payment', qbo.payC)).statusCode).toBe(201)
        const url = `/api/opportunities/${deal}/quickbooks/document-links/payment/${qbo.payC}`
        expect((await as(member).del(url)).statusCode).toBe(204)
        expect((await list(`opportunities/${deal}`)).items).toEqual([])
        const again = await as(member).del(url)
        expect(again.statusCode).toBe(404)
        expect(again.json().error.code).toBe('not_linked')
      })

      it('answers 404 for an unknown opportunity and 400 for a malformed link', async () => {
        const unknown = '0'.repeat(26)
        expect((await linkDoc(`opportunities/${unknown}`, 'invoice', qbo.invC1)).statusCode).toBe(404)
        expect((await as(member).get(`/api/projects/${unknown}/quickbooks/documents`)).statusCode).toBe(404)
        const deal = await create(admin, 'opportunities', { name: 'Malformed deal' })
        for (const payload of [
          { kind: 'bill', documentId: '1' },
          { kind: 'invoice', documentId: 'abc' },
          { kind: 'invoice' },
          { kind: 'invoice', documentId: '1', extra: true },
        ]) {
          const response = await as(member).post(
            `/api/opportunities/${deal}/quickbooks/document-links`,
            payload,
          )
          expect(response.statusCode, JSON.stringify(payload)).toBe(400)
        }
        expect((await list(`opportunities/${deal}`)).items).toEqual([])
      })
    })

    describe('indirect documents', () => {
      let contact = ''
      let organization = ''

      beforeAll(async () => {
        organization = await create(admin, 'organizations', { name: 'Docs Org' })
        contact = await create(admin, 'contacts', { firstName: 'Dora', lastName: 'Docs' })
        const contactLink = await as(admin).put(`/api/contacts/${contact}/quickbooks/link`, {
          customerId: qbo.contactCustomer,
        })
        expect(contactLink.statusCode, contactLink.body).toBe(200)
        const orgLink = await as(admin).put(`/api/organizations/${organization}/quickbooks/link`, {
          customerId: qbo.orgCustomer,
        })
        expect(orgLink.statusCode, orgLink.body).toBe(200)
      })

      it('shows the documents of a linked contact’s customer, labelled with the contact', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Via contact' })
        await crmLink(`opportunities/${deal}`, 'contact', contact)
        const page = await list(`opportunities/${deal}`)
        expect(page.items.map((item) => item.number)).toEqual(['CHK-A1', 'DT-A1', 'DE-A1'])
        for (const item of page.items) {
          expect(item.direct).toBeNull()
          expect(item.via).toEqual([{ recordType: 'contact', recordId: contact, name: 'Dora Docs' }])
        }
      })

      it('shows the documents of a linked organization’s customer on a project', async () => {
        const project = await create(admin, 'projects', { name: 'Via organization' })
        await crmLink(`projects/${project}`, 'organization', organization)
        const page = await list(`projects/${project}`)
        expect(page.items.map((item) => item.number)).toEqual(['DT-B1'])
        expect(page.items[0]?.via).toEqual([
          { recordType: 'organization', recordId: organization, name: 'Docs Org' },
        ])
      })

      it('shows the documents of both, and labels a document reached through two records with both', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Via both' })
        await crmLink(`opportunities/${deal}`, 'contact', contact)
        await crmLink(`opportunities/${deal}`, 'organization', organization)
        const page = await list(`opportunities/${deal}`)
        expect(page.items.map((item) => item.number)).toEqual(['DT-B1', 'CHK-A1', 'DT-A1', 'DE-A1'])

        const second = await create(admin, 'contacts', { firstName: 'Sam', lastName: 'Second' })
        await saveCustomerLink(t.db, admin.workspaceId, {
          recordId: second,
          realmId: DEMO_REALM_ID,
          customerId: qbo.contactCustomer,
          displayName: 'Docs Contact Customer',
          linkedBy: admin.userId,
          linkedAt: new Date().toISOString(),
        })
        await crmLink(`opportunities/${deal}`, 'contact', second)
        const twice = byNumber(await list(`opportunities/${deal}`), 'DT-A1')
        expect(twice?.via.map((via) => via.name).sort()).toEqual(['Dora Docs', 'Sam Second'])
      })

      it('shows a document both direct and indirect once, with both facts', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Dedupe deal' })
        await crmLink(`opportunities/${deal}`, 'contact', contact)
        expect((await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invA)).statusCode).toBe(201)
        const page = await list(`opportunities/${deal}`)
        expect(page.items.filter((item) => item.qboId === qbo.invA && item.type === 'invoice')).toHaveLength(
          1,
        )
        expect(byNumber(page, 'DT-A1')).toMatchObject({
          direct: { linkId: `invoice:${qbo.invA}` },
          via: [{ recordType: 'contact', recordId: contact }],
        })
        expect(byNumber(page, 'CHK-A1')?.direct).toBeNull()
      })

      it('totals the documents shown per currency, and filters by Show', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Totals deal' })
        await crmLink(`opportunities/${deal}`, 'contact', contact)
        expect((await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invEuro)).statusCode).toBe(201)
        const page = await list(`opportunities/${deal}`)
        expect(page.total).toBe(4)
        expect(page.totals).toEqual([
          {
            currency: 'EUR',
            invoiced: '80.00',
            openBalance: '80.00',
            overdue: '80.00',
            paid: '0.00',
            openEstimates: '0.00',
            openInvoicesCount: 1,
            overdueInvoicesCount: 1,
            openEstimatesCount: 0,
          },
          {
            currency: 'USD',
            invoiced: '100.00',
            openBalance: '60.00',
            overdue: '60.00',
            paid: '40.00',
            openEstimates: '300.00',
            openInvoicesCount: 1,
            overdueInvoicesCount: 1,
            openEstimatesCount: 1,
          },
        ])
        const payments = await list(`opportunities/${deal}`, '?show=payments')
        expect(payments.items.map((item) => item.number)).toEqual(['CHK-A1'])
        expect(payments.totals).toEqual([
          expect.objectContaining({ currency: 'USD', paid: '40.00', invoiced: '0.00' }),
        ])
        const estimates = await list(`opportunities/${deal}`, '?show=estimates')
        expect(estimates.items.map((item) => item.number)).toEqual(['DE-A1'])
        const bad = await as(member).get(`/api/opportunities/${deal}/quickbooks/documents?show=everything`)
        expect(bad.statusCode).toBe(400)
      })
    })

    describe('documents changed in QuickBooks', () => {
      it('shows a deleted document as deleted and a voided one as voided, both with their direct link', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Changed deal' })
        const deletable = invoice(qbo.looseCustomer, 'DT-DEL', '2019-06-01', 321)
        const voidable = createIn('Payment', {
          CustomerRef: { value: qbo.looseCustomer },
          TxnDate: '2019-06-02',
          PaymentRefNum: 'CHK-VOID',
          TotalAmt: 55,
        })
        expect((await linkDoc(`opportunities/${deal}`, 'invoice', deletable)).statusCode).toBe(201)
        expect((await linkDoc(`opportunities/${deal}`, 'payment', voidable)).statusCode).toBe(201)

        const { company } = await t.quickbooks.companyFor({
          workspaceId: admin.workspaceId,
          userId: admin.userId,
        })
        const invoiceNow = await company.invoices.read(deletable)
        await company.invoices.delete({ Id: deletable, SyncToken: invoiceNow?.SyncToken ?? '0' })
        const paymentNow = await company.payments.read(voidable)
        await company.payments.void({ Id: voidable, SyncToken: paymentNow?.SyncToken ?? '0' })

        const page = await list(`opportunities/${deal}`)
        expect(byNumber(page, 'DT-DEL')).toMatchObject({
          status: 'deleted',
          missing: 'deleted',
          total: '321.00',
          direct: { linkId: `invoice:${deletable}` },
        })
        expect(byNumber(page, 'CHK-VOID')).toMatchObject({ status: 'voided', missing: null, total: '0.00' })
        // Neither counts in the totals.
        expect(page.totals).toEqual([])

        const unlink = await as(member).del(
          `/api/opportunities/${deal}/quickbooks/document-links/invoice/${deletable}`,
        )
        expect(unlink.statusCode).toBe(204)
        expect((await list(`opportunities/${deal}`)).items.map((item) => item.number)).toEqual(['CHK-VOID'])
      })
    })

    describe('economy', () => {
      it('reads an opportunity linked to 40 contacts with customers, plus direct links, in 1 QuickBooks request per page', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Forty contacts' })
        const now = new Date().toISOString()
        for (let index = 0; index < 40; index++) {
          const customerId = createIn('Customer', { DisplayName: `Docs Crowd ${index}` })
          invoice(customerId, `DT-CROWD-${index}`, '2019-07-01', 10 + index)
          invoice(customerId, `DT-CROWD-${index}-B`, '2019-08-01', 5)
          const contactId = await create(admin, 'contacts', { lastName: `Crowd ${index}` })
          await saveCustomerLink(t.db, admin.workspaceId, {
            recordId: contactId,
            realmId: DEMO_REALM_ID,
            customerId,
            displayName: `Docs Crowd ${index}`,
            linkedBy: admin.userId,
            linkedAt: now,
          })
          await crmLink(`opportunities/${deal}`, 'contact', contactId)
        }
        for (const [kind, id] of [
          ['invoice', qbo.invC1],
          ['payment', qbo.payC],
          ['estimate', qbo.estA],
        ] as const)
          expect((await linkDoc(`opportunities/${deal}`, kind, id)).statusCode).toBe(201)

        t.emulator.resetStats()
        const page = await list(`opportunities/${deal}`)
        // One batch request holds the Id IN (…) reads of the direct links and the CustomerRef IN (…) queries.
        expect(t.emulator.stats().total).toBeLessThanOrEqual(1)
        expect(t.emulator.stats().byEndpoint).toEqual({ batch: 1 })
        expect(page.total).toBe(83)
        expect(page.items).toHaveLength(50)
        expect(page.nextCursor).toEqual(expect.any(String))

        // The next page and another Show come from the same read, kept in the cache: no request at all.
        t.emulator.resetStats()
        const next = await list(`opportunities/${deal}`, `?cursor=${page.nextCursor}`)
        const invoices = await list(`opportunities/${deal}`, '?show=invoices')
        expect(t.emulator.stats().total).toBe(0)
        expect(next.items).toHaveLength(33)
        expect(next.nextCursor).toBeNull()
        expect(invoices.total).toBe(81)
        const keys = [...page.items, ...next.items].map((item) => `${item.type}:${item.qboId}`)
        expect(new Set(keys).size).toBe(83)

        // Refresh reads QuickBooks again, in the same single request, and says so in "as of".
        t.emulator.resetStats()
        const response = await as(member).get(`/api/opportunities/${deal}/quickbooks/documents?refresh=true`)
        expect(response.statusCode, response.body).toBe(200)
        expect(t.emulator.stats().byEndpoint).toEqual({ batch: 1 })
        expect(response.json().total).toBe(83)
        expect(Date.parse(response.json().asOf)).toBeGreaterThanOrEqual(Date.parse(page.asOf))
      })
    })

    describe('QuickBooks failures', () => {
      it.each([
        ['429', 429, 'quickbooks_busy'],
        ['5xx', 503, 'quickbooks_unavailable'],
      ] as const)(
        'answers %s from QuickBooks with %i %s on Find, the list and Link',
        async (kind, status, code) => {
          const deal = await create(admin, 'opportunities', { name: `Failing ${kind}` })
          expect((await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invC1)).statusCode).toBe(201)
          t.emulator.configure({ faults: { rate: 1, kinds: [kind], paths: 'accounting' } })
          try {
            for (const response of [
              await as(member).get('/api/quickbooks/documents/find?kind=invoice&number=DT-C1'),
              await as(member).get(`/api/opportunities/${deal}/quickbooks/documents?refresh=true`),
              await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invA),
            ]) {
              expect(response.statusCode, response.body).toBe(status)
              expect(response.json().error.code).toBe(code)
            }
          } finally {
            t.emulator.configure({ faults: null })
          }
          // Nothing was linked while QuickBooks failed.
          expect((await list(`opportunities/${deal}`)).items.map((item) => item.qboId)).toEqual([qbo.invC1])
        },
      )
    })

    describe('workspace isolation', () => {
      it('never shows, links or un-links another workspace’s records or their direct links', async () => {
        const deal = await create(admin, 'opportunities', { name: 'Secret direct deal' })
        expect((await linkDoc(`opportunities/${deal}`, 'invoice', qbo.invC2)).statusCode).toBe(201)
        const other = await createSignedInWorkspace(t, 'Other workspace')
        expect((await connectWorkspace(t, other.admin)).outcome).toBe('connected')
        const intruder = as(other.admin)
        for (const response of [
          await intruder.get(`/api/opportunities/${deal}/quickbooks/documents`),
          await intruder.post(`/api/opportunities/${deal}/quickbooks/document-links`, {
            kind: 'invoice',
            documentId: qbo.invC1,
          }),
          await intruder.del(`/api/opportunities/${deal}/quickbooks/document-links/invoice/${qbo.invC2}`),
        ]) {
          expect(response.statusCode, response.body).toBe(404)
          expect(response.body).not.toContain('Secret')
        }
        expect((await list(`opportunities/${deal}`)).items.map((item) => item.qboId)).toEqual([qbo.invC2])

        // The other workspace's own opportunity links the same document independently.
        const own = await create(other.admin, 'opportunities', { name: 'Own deal' })
        const linked = await intruder.post(`/api/opportunities/${own}/quickbooks/document-links`, {
          kind: 'invoice',
          documentId: qbo.invC2,
        })
        expect(linked.statusCode).toBe(201)
        const ownList = await intruder.get(`/api/opportunities/${own}/quickbooks/documents`)
        expect(ownList.json().items.map((item: Item) => item.qboId)).toEqual([qbo.invC2])
      })

      it('answers 409 quickbooks_not_connected in a workspace without a connection', async () => {
        const lonely = await createSignedInWorkspace(t, 'Unconnected workspace')
        const deal = await create(lonely.admin, 'opportunities', { name: 'Lonely deal' })
        for (const response of [
          await as(lonely.member).get('/api/quickbooks/documents/find?kind=invoice&number=1'),
          await as(lonely.member).get(`/api/opportunities/${deal}/quickbooks/documents`),
          await as(lonely.member).post(`/api/opportunities/${deal}/quickbooks/document-links`, {
            kind: 'invoice',
            documentId: '1',
          }),
        ]) {
          expect(response.statusCode).toBe(409)
          expect(response.json().error.code).toBe('quickbooks_not_connected')
        }
      })
    })
  })
}
