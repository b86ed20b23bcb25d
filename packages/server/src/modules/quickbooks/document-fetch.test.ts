import { createDeepLinks, createQboClient, isQboFaultError, type QboCompany, select } from '@ledgerlink/qbo'
import { createEmulator, DEMO_REALM_ID, type Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DocumentWants,
  fetchDocuments,
  firstRoundRequests,
  IN_LIST_SIZE,
  plannedQueries,
} from './document-fetch'
import type { QboAccess } from './document-kinds'

const ids = (count: number, from = 1) => Array.from({ length: count }, (_, index) => String(from + index))
const wants = (customers: number, directPerKind: number): DocumentWants => ({
  ids: { invoice: ids(directPerKind), estimate: ids(directPerKind), payment: ids(directPerKind) },
  customerIds: ids(customers, 10_000),
})

describe('planning the reads of a documents list', () => {
  it('asks for each chunk of customers once per kind and for the direct links by id, never per customer', () => {
    const planned = plannedQueries(wants(250, 2))
    expect(planned).toHaveLength(3 + 3 * Math.ceil(250 / IN_LIST_SIZE))
    const statements = planned.map((item) => item.query(item.start).toString())
    expect(statements.filter((statement) => statement.includes('CustomerRef IN'))).toHaveLength(9)
    expect(statements[0]).toBe(
      "SELECT * FROM Invoice WHERE Id IN ('1','2') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
    )
  })

  it('fits up to 900 customers and 100 direct links per kind in one batch request', () => {
    expect(firstRoundRequests(wants(900, 100))).toBe(1)
    expect(firstRoundRequests(wants(901, 100))).toBe(2)
    expect(firstRoundRequests(wants(0, 0))).toBe(0)
  })

  it('asks nothing twice when the same customer or document comes through several records', () => {
    const planned = plannedQueries({
      ids: { invoice: ['5', '5'], estimate: [], payment: [] },
      customerIds: ['7', '7', '7'],
    })
    expect(planned.map((item) => item.query(1).toString())).toEqual([
      "SELECT * FROM Invoice WHERE Id IN ('5') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
      "SELECT * FROM Invoice WHERE CustomerRef IN ('7') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
      "SELECT * FROM Payment WHERE CustomerRef IN ('7') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
      "SELECT * FROM Estimate WHERE CustomerRef IN ('7') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
    ])
  })
})

describe('reading documents from QuickBooks', () => {
  let emulator: Emulator
  let company: QboCompany
  let access: QboAccess

  beforeAll(async () => {
    emulator = createEmulator({ testMode: true, seed: 'demo' })
    const baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
    const client = createQboClient({
      environment: 'emulator',
      emulatorBaseUrl: baseUrl,
      clientId: 'ledgerlink-dev',
      clientSecret: 'ledgerlink-dev-secret',
      redirectUri: 'http://localhost:3000/api/quickbooks/callback',
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5, budgetMs: 2_000 },
    })
    await client.oauth.connectWithTokens(DEMO_REALM_ID, { ...emulator.issueTokens(DEMO_REALM_ID) })
    company = client.company(DEMO_REALM_ID)
    access = {
      realmId: DEMO_REALM_ID,
      company,
      deepLinks: createDeepLinks({ environment: 'emulator', emulatorBaseUrl: baseUrl }),
    }
  })
  afterAll(async () => emulator?.close())

  it('follows a customer query that fills a whole page of 1,000 rows into a second batch', async () => {
    const store = emulator.store.get(DEMO_REALM_ID)
    if (!store) throw new Error('no demo company')
    const customerId = String(store.create('Customer', { DisplayName: 'Thousand Invoices Ltd' }).Id)
    for (let index = 0; index < 1001; index++)
      store.create('Invoice', {
        CustomerRef: { value: customerId },
        TxnDate: '2019-01-01',
        Line: [
          { Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } },
        ],
      })
    emulator.resetStats()
    const found = await fetchDocuments(access, {
      ids: { invoice: [], estimate: [], payment: [] },
      customerIds: [customerId],
    })
    expect(found.invoice.size).toBe(1001)
    expect(found.payment.size).toBe(0)
    expect(emulator.stats().byEndpoint).toEqual({ batch: 2 })
  })

  it('leaves out a directly linked document QuickBooks no longer has', async () => {
    const [existing] = await company.query(select('Estimate').page({ maxResults: 1 }))
    const found = await fetchDocuments(access, {
      ids: { invoice: ['99999999'], estimate: [String(existing?.Id)], payment: [] },
      customerIds: [],
    })
    expect(found.invoice.size).toBe(0)
    expect([...found.estimate.keys()]).toEqual([String(existing?.Id)])
  })

  it('fails with the QuickBooks error when QuickBooks keeps failing', async () => {
    emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'accounting' } })
    try {
      await expect(
        fetchDocuments(access, { ids: { invoice: ['1'], estimate: [], payment: [] }, customerIds: [] }),
      ).rejects.toSatisfy((error: unknown) => isQboFaultError(error) && (error.httpStatus ?? 0) >= 500)
    } finally {
      emulator.configure({ faults: null })
    }
  })
})
