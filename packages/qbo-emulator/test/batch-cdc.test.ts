import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomer, type Harness, startHarness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h.close())

const line = (amount: number) => ({
  Amount: amount,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: {},
})

describe('batch', () => {
  it('runs create, update, delete, void and query items with per-item faults under HTTP 200', async () => {
    const c = await createCustomer(h, { DisplayName: 'Batch Owner' })
    const inv = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: [line(10)] })).body.Invoice
    const inv2 = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: [line(20)] })).body.Invoice
    const res = await h.post('batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Vendor: { DisplayName: 'Batch Vendor' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'batch owner' } },
        { bId: 'b3', operation: 'update', Customer: { Id: c.Id, SyncToken: '7', sparse: true, Notes: 'x' } },
        { bId: 'b4', operation: 'delete', Invoice: { Id: '99999', SyncToken: '0' } },
        { bId: 'b5', operation: 'delete', Invoice: { Id: inv.Id, SyncToken: '0' } },
        { bId: 'b6', operation: 'update', optionsData: 'void', Invoice: { Id: inv2.Id, SyncToken: '0' } },
        { bId: 'b7', Query: "select * from Customer where DisplayName = 'Batch Owner'" },
        { bId: 'b8', Query: 'select * from' },
        { bId: 'b9', operation: 'create', SalesReceipt: { TotalAmt: 1 } },
      ],
    })
    expect(res.status).toBe(200)
    const items = res.body.BatchItemResponse
    expect(items.map((i: { bId: string }) => i.bId)).toEqual([
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
      'b6',
      'b7',
      'b8',
      'b9',
    ])
    expect(items[0].Vendor.DisplayName).toBe('Batch Vendor')
    expect(items[1].Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] })
    expect(items[2].Fault.Error[0].code).toBe('5010')
    expect(items[3].Fault.Error[0].code).toBe('610')
    expect(items[4].Invoice).toEqual({ status: 'Deleted', domain: 'QBO', Id: inv.Id })
    expect(items[5].Invoice).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' })
    expect(items[6].QueryResponse).toMatchObject({
      Customer: [{ Id: c.Id }],
      startPosition: 1,
      maxResults: 1,
    })
    expect(items[7].Fault.Error[0].code).toBe('4000')
    expect(items[8].Fault.Error[0].code).toBe('2000')
    expect(res.body.time).toEqual(expect.any(String))
  })

  it('refuses more than 30 items with 1040 and writes nothing', async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({
      bId: `c${i}`,
      operation: 'create',
      Customer: { DisplayName: `Too Many ${i}` },
    }))
    const res = await h.post('batch', { BatchItemRequest: items })
    expect(res.status).toBe(400)
    expect(res.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '1040', Message: 'Batch size exceeds limit' }],
    })
    expect(
      (await h.query("select count(*) from Customer where DisplayName like 'Too Many%'")).body.QueryResponse
        .totalCount,
    ).toBe(0)
    const thirty = await h.post('batch', { BatchItemRequest: items.slice(0, 30) })
    expect(thirty.status).toBe(200)
    expect(thirty.body.BatchItemResponse).toHaveLength(30)
  })

  it('requires a unique bId on every item', async () => {
    const missing = await h.post('batch', { BatchItemRequest: [{ Query: 'select * from Customer' }] })
    expect(missing.status).toBe(400)
    expect(missing.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'bId' })
    const twice = await h.post('batch', {
      BatchItemRequest: [
        { bId: 'a', Query: 'select * from Customer' },
        { bId: 'a', Query: 'select * from Vendor' },
      ],
    })
    expect(twice.status).toBe(400)
    expect(twice.body.Fault.Error[0]).toMatchObject({ code: '2010', element: 'bId' })
    const empty = await h.post('batch', { BatchItemRequest: [] })
    expect(empty.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'BatchItemRequest' })
  })
})

describe('change data capture', () => {
  it('answers the empty shape when nothing changed', async () => {
    const since = new Date(h.emulator.clock.now() + 60_000).toISOString()
    const res = await h.get(`cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent(since)}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ CDCResponse: [{ QueryResponse: [{}] }], time: expect.any(String) })
  })

  it('groups full objects per entity and lists deleted stubs after active ones', async () => {
    h.emulator.clock.advance(3_600_000)
    const since = new Date(h.emulator.clock.now()).toISOString()
    h.emulator.clock.advance(1000)
    const c = await createCustomer(h, { DisplayName: 'CDC Customer' })
    const inv = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: [line(10)] })).body.Invoice
    const kept = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: [line(11)] })).body.Invoice
    h.emulator.clock.advance(1000)
    await h.post('invoice?operation=delete', { Id: inv.Id, SyncToken: '0' })
    const res = await h.get(
      `cdc?entities=customer,invoice,estimate&changedSince=${encodeURIComponent(since)}`,
    )
    expect(res.status).toBe(200)
    const [customers, invoices, estimates] = res.body.CDCResponse[0].QueryResponse
    expect(customers).toMatchObject({
      Customer: [{ Id: c.Id, DisplayName: 'CDC Customer' }],
      startPosition: 1,
      maxResults: 1,
    })
    expect(invoices.Invoice).toEqual([
      expect.objectContaining({ Id: kept.Id, TotalAmt: 11 }),
      {
        status: 'Deleted',
        domain: 'QBO',
        Id: inv.Id,
        MetaData: { LastUpdatedTime: expect.stringMatching(/[+-]\d{2}:\d{2}$/) },
      },
    ])
    expect(invoices.maxResults).toBe(2)
    expect(estimates).toEqual({})
  })

  it('refuses a window older than 30 days and bad parameters with 400 faults', async () => {
    const old = new Date(h.emulator.clock.now() - 31 * 86_400_000).toISOString()
    const tooOld = await h.get(`cdc?entities=Customer&changedSince=${encodeURIComponent(old)}`)
    expect(tooOld.status).toBe(400)
    expect(tooOld.body.Fault.Error[0]).toMatchObject({ code: '2010', element: 'changedSince' })
    expect((await h.get('cdc?changedSince=2026-11-01')).body.Fault.Error[0]).toMatchObject({
      code: '2020',
      element: 'entities',
    })
    expect((await h.get('cdc?entities=Customer')).body.Fault.Error[0]).toMatchObject({
      code: '2020',
      element: 'changedSince',
    })
    expect((await h.get('cdc?entities=Customer&changedSince=yesterday')).body.Fault.Error[0].code).toBe(
      '2010',
    )
    expect((await h.get('cdc?entities=TaxRate&changedSince=2026-11-20')).body.Fault.Error[0].code).toBe(
      '2000',
    )
  })

  it('caps the answer at 1000 objects', async () => {
    h.emulator.clock.advance(3_600_000)
    const since = new Date(h.emulator.clock.now()).toISOString()
    const company = h.emulator.store.get(h.realmId)!
    for (let i = 0; i < 1005; i++) company.create('Vendor', { DisplayName: `Bulk Vendor ${i}` })
    const res = await h.get(`cdc?entities=Vendor&changedSince=${encodeURIComponent(since)}`)
    expect(res.body.CDCResponse[0].QueryResponse[0].Vendor).toHaveLength(1000)
  })
})
