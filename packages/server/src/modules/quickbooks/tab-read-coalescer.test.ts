import type { QboCompany } from '@ledgerlink/qbo'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_REALM_ID,
  demoCompanyOf,
  startTestEmulator,
  type TestEmulator,
} from '../../../test/quickbooks-helpers'
import { createTabReader, type TabReadRequest, type TabSnapshot } from './tab-read'
import { createTabReadCoalescer } from './tab-read-coalescer'

type QboRow = Record<string, unknown> & { Id: string }

const READ_AT = new Date('2026-11-24T18:00:00Z')

describe('tab read coalescer', () => {
  let emulator: TestEmulator
  let company: QboCompany

  beforeAll(async () => {
    emulator = await startTestEmulator()
    company = await demoCompanyOf(emulator, { rateLimits: false, retry: { maxAttempts: 1 } })
  })
  afterAll(async () => emulator?.close())
  afterEach(() => emulator.emulator.configure({ faults: null }))

  const store = () => {
    const found = emulator.emulator.store.get(DEMO_REALM_ID)
    if (!found) throw new Error('no demo company')
    return found
  }
  const customerIds = (count: number) =>
    [...store().list('Customer')].slice(0, count).map((row) => String((row as QboRow).Id))
  const linked = (customerId: string): TabReadRequest => ({
    kind: 'linked',
    realmId: DEMO_REALM_ID,
    customerId,
  })
  const plain = createTabReader(() => READ_AT)
  const ids = (rows: unknown[]) => rows.map((row) => (row as QboRow).Id)
  const expectSameTab = (shared: TabSnapshot, alone: TabSnapshot) => {
    if (shared.kind !== 'linked' || alone.kind !== 'linked') throw new Error('expected linked snapshots')
    expect(shared.customer?.Id).toBe(alone.customer?.Id)
    expect(ids(shared.invoices)).toEqual(ids(alone.invoices))
    expect(ids(shared.estimates)).toEqual(ids(alone.estimates))
    expect(ids(shared.payments)).toEqual(ids(alone.payments))
  }

  it('reads the tabs of customers asked for together in one batch request, each as the plain read has it', async () => {
    const read = createTabReadCoalescer(plain, { now: () => READ_AT })
    const wanted = customerIds(6)
    emulator.emulator.resetStats()
    const shared = await Promise.all(wanted.map((id) => read(company, linked(id))))
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 1 })
    for (const [index, id] of wanted.entries()) {
      const snapshot = shared[index] as TabSnapshot
      expect(snapshot.readAt).toBe(READ_AT.toISOString())
      expectSameTab(snapshot, await plain(company, linked(id)))
    }
  })

  it('sends a read alone as the plain one-batch read', async () => {
    const read = createTabReadCoalescer(plain)
    const [id = ''] = customerIds(1)
    emulator.emulator.resetStats()
    const snapshot = await read(company, linked(id))
    expect(emulator.emulator.stats()).toMatchObject({ total: 1, byEndpoint: { batch: 1 } })
    expectSameTab(snapshot, await plain(company, linked(id)))
  })

  it('answers one read for waiting tabs of the same customer', async () => {
    const read = createTabReadCoalescer(plain)
    const [first = '', second = ''] = customerIds(2)
    emulator.emulator.resetStats()
    const [a, b, c] = await Promise.all([
      read(company, linked(first)),
      read(company, linked(first)),
      read(company, linked(second)),
    ])
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 1 })
    expect(a).toBe(b)
    expect(c?.kind === 'linked' && c.customer?.Id).toBe(second)
  })

  it('gives a null customer for an id QBO does not have, and the others their tabs', async () => {
    const read = createTabReadCoalescer(plain)
    const [known = ''] = customerIds(1)
    const [missing, found] = await Promise.all([
      read(company, linked('99999999')),
      read(company, linked(known)),
    ])
    expect(missing).toMatchObject({
      kind: 'linked',
      customer: null,
      invoices: [],
      estimates: [],
      payments: [],
    })
    expect(found?.kind === 'linked' && found.customer?.Id).toBe(known)
  })

  it('splits many customers into IN lists and follows the pages of a group that fills one', async () => {
    const item = [...store().list('Item')][0] as QboRow
    const busy = store().create('Customer', { DisplayName: 'Coalesced Busy Bakery' }) as QboRow
    const line = {
      Amount: 1,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: item.Id } },
    }
    for (let n = 0; n < 1003; n++)
      store().create('Invoice', { CustomerRef: { value: busy.Id }, TxnDate: '2026-01-15', Line: [line] })
    const read = createTabReadCoalescer(plain, { customersPerQuery: 2 })
    const wanted = [busy.Id, ...customerIds(3)]
    emulator.emulator.resetStats()
    const shared = await Promise.all(wanted.map((id) => read(company, linked(id))))
    // Two groups of two in the first batch, then the next invoice page of the busy customer's group.
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 2 })
    const bakery = shared[0]
    if (bakery?.kind !== 'linked') throw new Error('expected a linked snapshot')
    expect(bakery.invoices).toHaveLength(1003)
    expect(new Set(ids(bakery.invoices)).size).toBe(1003)
    for (const [index, id] of wanted.entries())
      expectSameTab(shared[index] as TabSnapshot, await plain(company, linked(id)))
  })

  it('reads the customers of a group one by one when its documents need more pages than a shared read follows', async () => {
    const item = [...store().list('Item')][0] as QboRow
    const busy = store().create('Customer', { DisplayName: 'Coalesced Busy Florist' }) as QboRow
    const line = {
      Amount: 1,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: item.Id } },
    }
    for (let n = 0; n < 1001; n++)
      store().create('Invoice', { CustomerRef: { value: busy.Id }, TxnDate: '2026-02-15', Line: [line] })
    const read = createTabReadCoalescer(plain, { customersPerQuery: 2, maxExtraPages: 0 })
    const wanted = [busy.Id, ...customerIds(3)]
    emulator.emulator.resetStats()
    const shared = await Promise.all(wanted.map((id) => read(company, linked(id))))
    // The shared batch, then the florist's group alone: the florist (2 batches: 1,001 invoices) and its neighbour.
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 4 })
    const florist = shared[0]
    if (florist?.kind !== 'linked') throw new Error('expected a linked snapshot')
    expect(florist.invoices).toHaveLength(1001)
    for (const [index, id] of wanted.entries())
      expectSameTab(shared[index] as TabSnapshot, await plain(company, linked(id)))
  })

  it('rejects every waiting tab with the error of a failed shared read', async () => {
    const read = createTabReadCoalescer(plain)
    emulator.emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'accounting' } })
    const outcomes = await Promise.allSettled(customerIds(3).map((id) => read(company, linked(id))))
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected'])
    const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : null))
    // One shared read failed: every waiting tab gets that same QBO error.
    expect(new Set(reasons).size).toBe(1)
    expect((reasons[0] as { httpStatus?: number }).httpStatus).toBeGreaterThanOrEqual(500)
    emulator.emulator.configure({ faults: null })
    const recovered = await read(company, linked(customerIds(1)[0] ?? ''))
    expect(recovered.kind).toBe('linked')
  })

  it('passes candidate searches of unlinked records straight to the reader', async () => {
    const read = createTabReadCoalescer(plain)
    const request: TabReadRequest = {
      kind: 'unlinked',
      realmId: DEMO_REALM_ID,
      queries: [
        {
          entity: 'Customer',
          property: 'DisplayName',
          includeInactive: true,
          operator: '=',
          value: 'Cool Cars',
          maxResults: 5,
        },
      ],
    }
    const snapshot = await read(company, request)
    expect(snapshot.kind === 'unlinked' && snapshot.customers.map((c) => c.DisplayName)).toEqual([
      'Cool Cars',
    ])
  })

  it('spaces shared reads once the minute is busy, and waits for the minute when its allowance is spent', async () => {
    let at = 1_000_000
    const delayed: Array<{ ms: number; run: () => void }> = []
    const read = createTabReadCoalescer(plain, {
      clock: () => at,
      pace: { eager: 1, spacingMs: 1_000, max: 2, windowMs: 60_000 },
      delay: (run, ms) => delayed.push({ ms, run }),
      maxWaitMs: 120_000,
    })
    const [a = '', b = '', c = ''] = customerIds(3)
    await read(company, linked(a))
    expect(delayed).toHaveLength(0)

    at += 200
    const second = read(company, linked(b))
    await new Promise((resolve) => setImmediate(resolve))
    expect(delayed.map((d) => d.ms)).toEqual([800])
    emulator.emulator.resetStats()
    delayed[0]?.run()
    expect((await second).kind).toBe('linked')
    expect(emulator.emulator.stats().byEndpoint).toEqual({ batch: 1 })

    at += 5_000
    const third = read(company, linked(c))
    await new Promise((resolve) => setImmediate(resolve))
    // Two reads in the last minute: the third waits until the first leaves the window.
    expect(delayed.map((d) => d.ms)).toEqual([800, 60_000 - 5_200])
    delayed[1]?.run()
    expect((await third).kind).toBe('linked')
  })

  it('tells a tab at once that QuickBooks is busy when the next shared read is over 10 s away, and reads no more', async () => {
    let at = 2_000_000
    const delayed: Array<{ ms: number; run: () => void }> = []
    const read = createTabReadCoalescer(plain, {
      clock: () => at,
      pace: { eager: 1, spacingMs: 1_000, max: 2, windowMs: 60_000 },
      delay: (run, ms) => delayed.push({ ms, run }),
    })
    const [a = '', b = '', c = '', d = ''] = customerIds(4)
    await read(company, linked(a))
    at += 200
    const second = read(company, linked(b))
    await new Promise((resolve) => setImmediate(resolve))
    delayed[0]?.run()
    await second

    at += 5_000
    emulator.emulator.resetStats()
    // Two reads in the last minute: the next could go out in 54.8 s, so the tab is refused now.
    const refused = await read(company, linked(c)).catch((error: unknown) => error)
    expect(refused).toMatchObject({ name: 'QboRateLimitError', retryAfterMs: 60_000 - 5_200 })
    expect(emulator.emulator.stats().byEndpoint).toEqual({})
    expect(delayed).toHaveLength(1)

    // Once the first read has left the minute, tabs are read again.
    at += 60_000 - 5_200
    const later = await read(company, linked(d))
    expect(later.kind).toBe('linked')
  })

  it('refuses the reads already waiting when the pace would hold them past 10 s', async () => {
    let at = 3_000_000
    const delayed: Array<{ ms: number; run: () => void }> = []
    const read = createTabReadCoalescer(plain, {
      clock: () => at,
      // Eager for two, then at most one read every 20 s: the third waits in the queue for the spacing.
      pace: { eager: 2, spacingMs: 20_000, max: 10, windowMs: 60_000 },
      delay: (run, ms) => delayed.push({ ms, run }),
      maxWaitMs: 10_000,
    })
    const [a = '', b = '', c = ''] = customerIds(3)
    await read(company, linked(a))
    await read(company, linked(b))
    const third = read(company, linked(c)).catch((error: unknown) => error)
    expect(await third).toMatchObject({ name: 'QboRateLimitError' })
    expect(delayed).toHaveLength(0)
    at += 20_000
    expect((await read(company, linked(c))).kind).toBe('linked')
  })
})
