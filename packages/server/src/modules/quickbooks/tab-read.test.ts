import type { QboCompany } from '@ledgerlink/qbo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_REALM_ID,
  demoCompanyOf,
  startTestEmulator,
  type TestEmulator,
} from '../../../test/quickbooks-helpers'
import { createTabReader } from './tab-read'

type QboRow = Record<string, unknown> & { Id: string }

describe('tab reader', () => {
  let emulator: TestEmulator
  let company: QboCompany

  beforeAll(async () => {
    emulator = await startTestEmulator()
    company = await demoCompanyOf(emulator, { rateLimits: false })
  })
  afterAll(async () => emulator?.close())

  const store = () => {
    const found = emulator.emulator.store.get(DEMO_REALM_ID)
    if (!found) throw new Error('no demo company')
    return found
  }
  const read = createTabReader(() => new Date('2026-11-24T18:00:00Z'))

  it('reads a customer and all its documents in one batch request', async () => {
    const customer = [...store().list('Customer')].find((row) => row.DisplayName === 'Cool Cars') as QboRow
    emulator.emulator.resetStats()
    const snapshot = await read(company, { kind: 'linked', realmId: DEMO_REALM_ID, customerId: customer.Id })
    expect(emulator.emulator.stats()).toMatchObject({ total: 1, byEndpoint: { batch: 1 } })
    if (snapshot.kind !== 'linked') throw new Error('expected a linked snapshot')
    expect(snapshot.customer?.Id).toBe(customer.Id)
    expect(snapshot.readAt).toBe('2026-11-24T18:00:00.000Z')
    const expected = store()
      .listForCustomers('Invoice', [customer.Id])
      .map((row) => row.Id)
    expect(snapshot.invoices.map((row) => row.Id).sort()).toEqual([...expected].sort())
    const dates = snapshot.invoices.map((row) => String(row.TxnDate))
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('reads the pages after the first for a customer with more than 1000 invoices', async () => {
    const item = [...store().list('Item')][0] as QboRow
    const customer = store().create('Customer', { DisplayName: 'Busy Bakery' }) as QboRow
    const line = {
      Amount: 1,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: item.Id } },
    }
    for (let n = 0; n < 1003; n++)
      store().create('Invoice', { CustomerRef: { value: customer.Id }, TxnDate: '2026-01-15', Line: [line] })
    emulator.emulator.resetStats()
    const snapshot = await read(company, { kind: 'linked', realmId: DEMO_REALM_ID, customerId: customer.Id })
    if (snapshot.kind !== 'linked') throw new Error('expected a linked snapshot')
    expect(snapshot.invoices).toHaveLength(1003)
    expect(new Set(snapshot.invoices.map((row) => row.Id)).size).toBe(1003)
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 2 })
  })

  it('answers null for a customer QBO does not have', async () => {
    const snapshot = await read(company, { kind: 'linked', realmId: DEMO_REALM_ID, customerId: '99999999' })
    expect(snapshot).toMatchObject({
      kind: 'linked',
      customer: null,
      invoices: [],
      estimates: [],
      payments: [],
    })
  })

  it('reads every candidate query of the automatic search in one batch, each customer once', async () => {
    emulator.emulator.resetStats()
    const snapshot = await read(company, {
      kind: 'unlinked',
      realmId: DEMO_REALM_ID,
      queries: [
        {
          entity: 'Customer',
          property: 'DisplayName',
          operator: 'like',
          value: '%Cool%',
          includeInactive: true,
          maxResults: 100,
        },
        {
          entity: 'Customer',
          property: 'CompanyName',
          operator: 'like',
          value: '%Cool%',
          includeInactive: true,
          maxResults: 100,
        },
      ],
    })
    expect(emulator.emulator.stats()).toMatchObject({ total: 1, byEndpoint: { batch: 1 } })
    if (snapshot.kind !== 'unlinked') throw new Error('expected an unlinked snapshot')
    const ids = snapshot.customers.map((row) => row.Id)
    expect(ids.length).toBeGreaterThan(0)
    expect(new Set(ids).size).toBe(ids.length)
    expect(snapshot.customers.map((row) => row.DisplayName)).toContain('Cool Cars')
  })

  it('asks QBO nothing for a record with nothing to search for', async () => {
    emulator.emulator.resetStats()
    const snapshot = await read(company, { kind: 'unlinked', realmId: DEMO_REALM_ID, queries: [] })
    expect(snapshot).toMatchObject({ kind: 'unlinked', customers: [] })
    expect(emulator.emulator.stats().total).toBe(0)
  })
})
