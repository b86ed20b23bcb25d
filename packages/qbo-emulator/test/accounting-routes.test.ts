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
  SalesItemLineDetail: { ItemRef: { value: '1' } },
})

describe('Accounting API entity routes', () => {
  it('creates and reads a customer, wrapping the object with time and sending intuit_tid', async () => {
    const created = await h.post('customer?minorversion=75', {
      DisplayName: 'Route Customer',
      PrimaryEmailAddr: { Address: 'a@b.co' },
    })
    expect(created.status).toBe(200)
    expect(created.headers.get('intuit_tid')).toMatch(/\S+/)
    expect(created.body.Customer).toMatchObject({
      DisplayName: 'Route Customer',
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
    })
    expect(created.body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/)
    expect(created.text).not.toContain('null')
    const read = await h.get(`customer/${created.body.Customer.Id}?minorversion=75`)
    expect(read.status).toBe(200)
    expect(read.body.Customer).toEqual(created.body.Customer)
  })

  it('sparse-updates and deactivates a customer, incrementing SyncToken each time', async () => {
    const c = await createCustomer(h, { DisplayName: 'Sparse Me' })
    const u = await h.post('customer', { Id: c.Id, SyncToken: '0', sparse: true, MiddleName: 'Mark' })
    expect(u.body.Customer).toMatchObject({ MiddleName: 'Mark', SyncToken: '1' })
    const off = await h.post('customer', { Id: c.Id, SyncToken: '1', sparse: true, Active: false })
    expect(off.body.Customer).toMatchObject({ Active: false, SyncToken: '2' })
    const stale = await h.post('customer', { Id: c.Id, SyncToken: '1', sparse: true, Notes: 'late' })
    expect(stale.status).toBe(400)
    expect(stale.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '5010', Message: 'Stale Object Error' }],
    })
  })

  it('creates, reads, queries vendors and employees', async () => {
    const v = await h.post('vendor', { DisplayName: 'Route Vendor' })
    const e = await h.post('employee', { GivenName: 'Emma', FamilyName: 'Ployee' })
    expect(v.body.Vendor.DisplayName).toBe('Route Vendor')
    expect(e.body.Employee.DisplayName).toBe('Emma Ployee')
    expect((await h.get(`vendor/${v.body.Vendor.Id}`)).body.Vendor.Id).toBe(v.body.Vendor.Id)
    expect((await h.get(`employee/${e.body.Employee.Id}`)).body.Employee.GivenName).toBe('Emma')
    const q = await h.query("select * from Employee where DisplayName = 'Emma Ployee'")
    expect(q.body.QueryResponse.Employee).toHaveLength(1)
  })

  it('rejects a duplicate name across entities with the 6240 envelope', async () => {
    await createCustomer(h, { DisplayName: 'Shared Name' })
    const dup = await h.post('vendor', { DisplayName: ' shared NAME ' })
    expect(dup.status).toBe(400)
    expect(dup.body).toEqual({
      Fault: {
        Error: [
          {
            Message: 'Duplicate Name Exists Error',
            Detail:
              'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
            code: '6240',
            element: '',
          },
        ],
        type: 'ValidationFault',
      },
      time: expect.any(String),
    })
  })

  it('runs an invoice through payment, void and delete with balances following', async () => {
    const c = await createCustomer(h, { DisplayName: 'Balance Route' })
    const inv = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: [line(100)] })).body.Invoice
    expect(inv).toMatchObject({ TotalAmt: 100, Balance: 100 })
    const pay = (
      await h.post('payment', {
        CustomerRef: { value: c.Id },
        TotalAmt: 40,
        Line: [{ Amount: 40, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      })
    ).body.Payment
    expect((await h.get(`invoice/${inv.Id}`)).body.Invoice).toMatchObject({
      Balance: 60,
      LinkedTxn: [{ TxnId: pay.Id, TxnType: 'Payment' }],
    })
    expect((await h.get(`customer/${c.Id}`)).body.Customer.Balance).toBe(60)
    const voided = await h.post('payment?operation=update&include=void', {
      Id: pay.Id,
      SyncToken: pay.SyncToken,
      sparse: true,
    })
    expect(voided.body.Payment).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' })
    expect((await h.get(`customer/${c.Id}`)).body.Customer.Balance).toBe(100)
    const current = (await h.get(`invoice/${inv.Id}`)).body.Invoice
    const vi = await h.post('invoice?operation=void', { Id: inv.Id, SyncToken: current.SyncToken })
    expect(vi.body.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' })
    const del = await h.post('invoice?operation=delete', { Id: inv.Id, SyncToken: vi.body.Invoice.SyncToken })
    expect(del.body.Invoice).toEqual({ status: 'Deleted', domain: 'QBO', Id: inv.Id })
    const gone = await h.get(`invoice/${inv.Id}`)
    expect(gone.status).toBe(400)
    expect(gone.body.Fault.Error[0].code).toBe('610')
  })

  it('creates, updates and deletes estimates and payments', async () => {
    const c = await createCustomer(h, { DisplayName: 'Estimate Route' })
    const est = (await h.post('estimate', { CustomerRef: { value: c.Id }, Line: [line(31.5)] })).body.Estimate
    expect(est.TxnStatus).toBe('Pending')
    const full = await h.post('estimate', { ...est, TxnStatus: 'Rejected', Line: [line(40)] })
    expect(full.body.Estimate).toMatchObject({ TxnStatus: 'Rejected', TotalAmt: 40, SyncToken: '1' })
    expect(
      (await h.post('estimate?operation=delete', { Id: est.Id, SyncToken: '1' })).body.Estimate.status,
    ).toBe('Deleted')
    const pay = (await h.post('payment', { CustomerRef: { value: c.Id }, TotalAmt: 25 })).body.Payment
    const upd = await h.post('payment', { Id: pay.Id, SyncToken: '0', sparse: true, PaymentRefNum: '1024' })
    expect(upd.body.Payment).toMatchObject({ PaymentRefNum: '1024', UnappliedAmt: 25, SyncToken: '1' })
    expect(
      (await h.post('payment?operation=delete', { Id: pay.Id, SyncToken: '1' })).body.Payment.status,
    ).toBe('Deleted')
  })

  it('answers CompanyInfo by realm id and Preferences with currency settings', async () => {
    const info = await h.get(`companyinfo/${h.realmId}`)
    expect(info.body.CompanyInfo).toMatchObject({ Id: '1', CompanyName: expect.any(String), domain: 'QBO' })
    const q = await h.query('select * from CompanyInfo')
    expect(q.body.QueryResponse.CompanyInfo).toHaveLength(1)
    const prefs = await h.get('preferences')
    expect(prefs.body.Preferences.CurrencyPrefs).toEqual({
      MultiCurrencyEnabled: true,
      HomeCurrency: { value: 'USD' },
    })
  })
})

describe('Accounting API faults', () => {
  it('answers 2020 with the element for missing required fields', async () => {
    const res = await h.post('invoice', { Line: [line(1)] })
    expect(res.status).toBe(400)
    expect(res.body.Fault.Error[0]).toEqual({
      Message: 'Required param missing, need to supply the required value for the API',
      Detail: 'Required parameter CustomerRef is missing in the request',
      code: '2020',
      element: 'CustomerRef',
    })
  })

  it('answers 2500 for a reference to a missing customer', async () => {
    const res = await h.post('invoice', { CustomerRef: { value: '99999' }, Line: [line(1)] })
    expect(res.status).toBe(400)
    expect(res.body.Fault.Error[0]).toMatchObject({
      code: '2500',
      Message: 'Invalid Reference Id',
      element: 'CustomerRef',
    })
  })

  it('answers 610 with HTTP 400 for an unknown id', async () => {
    const res = await h.get('customer/424242')
    expect(res.status).toBe(400)
    expect(res.body.Fault).toEqual({
      Error: [
        {
          Message: 'Object Not Found',
          Detail:
            "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
          code: '610',
          element: '',
        },
      ],
      type: 'ValidationFault',
    })
  })

  it('answers 6140 for a duplicate DocNumber and accepts it with include=allowduplicatedocnum', async () => {
    const c = await createCustomer(h, { DisplayName: 'Doc Numbers' })
    const body = { CustomerRef: { value: c.Id }, Line: [line(1)], DocNumber: 'D-1' }
    expect((await h.post('invoice', body)).status).toBe(200)
    const dup = await h.post('invoice', body)
    expect(dup.status).toBe(400)
    expect(dup.body.Fault.Error[0]).toMatchObject({
      code: '6140',
      Message: 'Duplicate Document Number Error',
    })
    expect((await h.post('invoice?include=allowduplicatedocnum', body)).status).toBe(200)
  })

  it('answers a malformed JSON body with a 400 2010 fault and writes nothing', async () => {
    const before = (await h.query('select count(*) from Customer')).body.QueryResponse.totalCount
    const res = await h.post('customer', '{"DisplayName": "broken"')
    expect(res.status).toBe(400)
    expect(res.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '2010', Message: 'Request has invalid or unsupported property' }],
    })
    expect(res.text).not.toMatch(/at .*\.ts/)
    expect((await h.query('select count(*) from Customer')).body.QueryResponse.totalCount).toBe(before)
  })

  it('answers a non-object body with 2010', async () => {
    const res = await h.post('customer', '[1,2]')
    expect(res.status).toBe(400)
    expect(res.body.Fault.Error[0].code).toBe('2010')
  })

  it('answers an unknown route under /v3 with a 404 fault carrying intuit_tid', async () => {
    const res = await h.get('widget/1')
    expect(res.status).toBe(404)
    expect(res.headers.get('intuit_tid')).toBeTruthy()
    expect(res.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '500', Message: 'Unsupported Operation' }],
    })
    const deep = await h.get('/v3/nothing/here')
    expect(deep.status).toBe(404)
    expect(deep.body.Fault.Error[0].code).toBe('500')
  })

  it('answers void on an estimate with a 400 fault', async () => {
    const c = await createCustomer(h, { DisplayName: 'No Void Estimate' })
    const est = (await h.post('estimate', { CustomerRef: { value: c.Id }, Line: [line(5)] })).body.Estimate
    const res = await h.post('estimate?operation=void', { Id: est.Id, SyncToken: '0' })
    expect(res.status).toBe(400)
    expect(res.body.Fault.Error[0].code).toBe('500')
  })

  it('answers an unknown realm with 403 and the 3100 fault', async () => {
    const res = await h.get('customer/1', { realmId: '1234567', token: h.token() })
    expect(res.status).toBe(403)
    expect(res.body.Fault).toMatchObject({ type: 'AuthorizationFault', Error: [{ code: '3100' }] })
    expect(res.body.Fault.Error[0].Message).toContain('errorCode=003100')
  })

  it('answers routes outside /v3 with a JSON 404 and intuit_tid', async () => {
    const res = await h.get('/nowhere')
    expect(res.status).toBe(404)
    expect(res.headers.get('intuit_tid')).toBeTruthy()
    expect(res.body.error).toBe('not_found')
  })
})
