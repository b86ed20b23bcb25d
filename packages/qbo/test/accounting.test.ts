import type { Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMoney,
  isQboFaultError,
  money,
  moneyOf,
  type QboCompany,
  QboFaultError,
  QboQueryBuildError,
  select,
} from '../src'
import { connectedClient, DEMO_REALM, SECOND_REALM, startEmulator, uniqueName } from './helpers'

let emulator: Emulator
let company: QboCompany

beforeAll(async () => {
  emulator = await startEmulator()
  company = (await connectedClient(emulator)).company(DEMO_REALM)
})
afterAll(() => emulator.close())

const itemLine = (amount: string) => ({
  Amount: amount,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } },
})

async function faultOf(promise: Promise<unknown>): Promise<QboFaultError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(QboFaultError)
  return err as QboFaultError
}

describe('customers', () => {
  it('creates, reads back and sparse-updates a customer, SyncToken advancing', async () => {
    const name = uniqueName("O'Brien \\ Sons")
    const created = await company.customers.create({
      DisplayName: name,
      PrimaryEmailAddr: { Address: 'ap@obrien.example' },
      BillAddr: { Line1: '1 Main St', City: 'Springfield' },
    })
    expect(created.Id).toMatch(/^\d+$/)
    expect(created.SyncToken).toBe('0')
    expect(created.DisplayName).toBe(name)

    const read = await company.customers.readOrThrow(created.Id!)
    expect(read.PrimaryEmailAddr?.Address).toBe('ap@obrien.example')

    const updated = await company.customers.update({
      Id: created.Id!,
      SyncToken: read.SyncToken!,
      Notes: 'Pays on time',
    })
    expect(updated.SyncToken).toBe('1')
    expect(updated.Notes).toBe('Pays on time')
    expect(updated.PrimaryEmailAddr?.Address).toBe('ap@obrien.example')
  })

  it('raises fault 5010 for a stale SyncToken and changes nothing', async () => {
    const c = await company.customers.create({ DisplayName: uniqueName('Stale') })
    await company.customers.update({ Id: c.Id!, SyncToken: '0', Notes: 'first' })
    const fault = await faultOf(company.customers.update({ Id: c.Id!, SyncToken: '0', Notes: 'second' }))
    expect(fault.code).toBe('5010')
    expect(fault.type).toBe('ValidationFault')
    expect(fault.httpStatus).toBe(400)
    expect((await company.customers.readOrThrow(c.Id!)).Notes).toBe('first')
  })

  it('raises fault 6240 for a duplicate DisplayName', async () => {
    const name = uniqueName('Duplicate')
    await company.customers.create({ DisplayName: name })
    const fault = await faultOf(company.customers.create({ DisplayName: name }))
    expect(fault.code).toBe('6240')
    expect(fault.message).toMatch(/Duplicate Name Exists Error/)
    expect(isQboFaultError(fault, 6240)).toBe(true)
  })

  it('returns undefined from read and fault 610 from readOrThrow for a missing id', async () => {
    expect(await company.customers.read('987654321')).toBeUndefined()
    const fault = await faultOf(company.customers.readOrThrow('987654321'))
    expect(fault.code).toBe('610')
    expect(fault.httpStatus).toBe(400)
  })

  it('keeps companies apart: a customer of one realm is not found in the other', async () => {
    const c = await company.customers.create({ DisplayName: uniqueName('Isolated') })
    const other = (await connectedClient(emulator, SECOND_REALM)).company(SECOND_REALM)
    expect(await other.customers.read(c.Id!)).toBeUndefined()
  })
})

describe('invoices, estimates and payments', () => {
  it('creates an invoice with exact amounts, applies a payment, voids the payment and deletes the invoice', async () => {
    const customer = await company.customers.create({ DisplayName: uniqueName('Billing') })
    const invoice = await company.invoices.create({
      CustomerRef: { value: customer.Id! },
      TxnDate: '2026-01-15',
      Line: [itemLine('100.10'), itemLine('0.20')],
    })
    expect(invoice.TotalAmt).toBe('100.3')
    expect(moneyOf(invoice, 'TotalAmt', 'USD')).toEqual(money('100.3', 'USD'))
    expect(addMoney(money(invoice.Balance!, 'USD'), money('0.7', 'USD')).amount).toBe('101.0')

    const payment = await company.payments.create({
      CustomerRef: { value: customer.Id! },
      TotalAmt: '40.30',
      Line: [{ Amount: '40.30', LinkedTxn: [{ TxnId: invoice.Id!, TxnType: 'Invoice' }] }],
    })
    expect(payment.TotalAmt).toBe('40.3')
    expect((await company.invoices.readOrThrow(invoice.Id!)).Balance).toBe('60')

    const voided = await company.payments.void({ Id: payment.Id!, SyncToken: payment.SyncToken! })
    expect(voided.TotalAmt).toBe('0')
    const afterVoid = await company.invoices.readOrThrow(invoice.Id!)
    expect(afterVoid.Balance).toBe('100.3')

    const deleted = await company.invoices.delete({ Id: afterVoid.Id!, SyncToken: afterVoid.SyncToken! })
    expect(deleted).toMatchObject({ Id: invoice.Id, status: 'Deleted' })
    expect(await company.invoices.read(invoice.Id!)).toBeUndefined()
  })

  it('voids an invoice, keeping it with zero amounts', async () => {
    const customer = await company.customers.create({ DisplayName: uniqueName('Void') })
    const invoice = await company.invoices.create({
      CustomerRef: { value: customer.Id! },
      Line: [itemLine('25')],
    })
    const voided = await company.invoices.void({ Id: invoice.Id!, SyncToken: invoice.SyncToken! })
    expect(voided.Id).toBe(invoice.Id)
    expect(voided.Balance).toBe('0')
    expect((await company.invoices.readOrThrow(invoice.Id!)).TotalAmt).toBe('0')
  })

  it('creates, updates and deletes an estimate; deleting with a stale SyncToken is fault 5010', async () => {
    const customer = await company.customers.create({ DisplayName: uniqueName('Estimate') })
    const estimate = await company.estimates.create({
      CustomerRef: { value: customer.Id! },
      Line: [itemLine('99.99')],
    })
    expect(estimate.TotalAmt).toBe('99.99')
    const updated = await company.estimates.update({
      Id: estimate.Id!,
      SyncToken: estimate.SyncToken!,
      PrivateNote: 'call first',
    })
    expect(updated.PrivateNote).toBe('call first')
    const fault = await faultOf(company.estimates.delete({ Id: estimate.Id!, SyncToken: '0' }))
    expect(fault.code).toBe('5010')
    await company.estimates.delete({ Id: updated.Id!, SyncToken: updated.SyncToken! })
    expect(await company.estimates.read(estimate.Id!)).toBeUndefined()
  })

  it('refuses an invoice for a customer that does not exist', async () => {
    const fault = await faultOf(
      company.invoices.create({ CustomerRef: { value: '987654321' }, Line: [itemLine('1')] }),
    )
    expect(fault.code).toBe('2500')
  })

  it('refuses a non-decimal amount before sending anything', async () => {
    const before = emulator.stats().total
    await expect(
      company.invoices.create({ CustomerRef: { value: '1' }, Line: [itemLine('12,50')] }),
    ).rejects.toThrow(TypeError)
    expect(emulator.stats().total).toBe(before)
  })
})

describe('wire format', () => {
  it('sends minorversion=75 and Accept: application/json on every call, and a UUID requestid on writes', async () => {
    const seen: Array<{ url: URL; accept: string | null; contentType: string | null }> = []
    const client = await connectedClient(emulator, DEMO_REALM, {
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers)
        seen.push({
          url: new URL(String(input)),
          accept: headers.get('accept'),
          contentType: headers.get('content-type'),
        })
        return fetch(input, init)
      },
    })
    const c = client.company(DEMO_REALM)
    await c.companyInfo()
    await c.customers.create({ DisplayName: uniqueName('Wire') })
    await c.customers.create({ DisplayName: uniqueName('Wire fixed') }, { requestId: 'my-own-id-1' })
    expect(seen).toHaveLength(3)
    for (const s of seen) {
      expect(s.url.searchParams.get('minorversion')).toBe('75')
      expect(s.accept).toBe('application/json')
    }
    expect(seen[0]?.url.searchParams.has('requestid')).toBe(false)
    expect(seen[1]?.url.searchParams.get('requestid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(seen[1]?.contentType).toBe('application/json')
    expect(seen[2]?.url.searchParams.get('requestid')).toBe('my-own-id-1')
  })
})

describe('company', () => {
  it('reads CompanyInfo and Preferences', async () => {
    expect((await company.companyInfo()).CompanyName).toBe('Ledgerlink Demo Landscaping')
    const prefs = await company.preferences()
    expect(prefs.CurrencyPrefs?.HomeCurrency?.value).toBe('USD')
  })
})

describe('queries', () => {
  it('finds a customer by a name full of quotes and backslashes', async () => {
    const name = uniqueName("Adam's \\' Candy %_ Shop")
    const c = await company.customers.create({ DisplayName: name })
    const rows = await company.query(select('Customer').where('DisplayName', '=', name))
    expect(rows.map((r) => r.Id)).toEqual([c.Id])
  })

  it('filters invoices by customer list and date, newest first, and counts them', async () => {
    const a = await company.customers.create({ DisplayName: uniqueName('Query A') })
    const b = await company.customers.create({ DisplayName: uniqueName('Query B') })
    for (const [customer, date] of [
      [a, '2025-12-31'],
      [a, '2026-02-01'],
      [b, '2026-03-01'],
    ] as const) {
      await company.invoices.create({
        CustomerRef: { value: customer.Id! },
        TxnDate: date,
        Line: [itemLine('10')],
      })
    }
    const q = select('Invoice')
      .where('CustomerRef', 'in', [a.Id!, b.Id!])
      .where('TxnDate', '>=', '2026-01-01')
      .orderBy('TxnDate', 'desc')
    const rows = await company.query(q)
    expect(rows.map((r) => r.TxnDate)).toEqual(['2026-03-01', '2026-02-01'])
    expect(await company.count(q.count())).toBe(2)
  })

  it('matches with contains() and startsWith()', async () => {
    const tag = Math.random().toString(36).slice(2, 8)
    const c = await company.customers.create({ DisplayName: `Zed ${tag} Landscaping` })
    expect((await company.query(select('Customer').contains('DisplayName', tag))).map((r) => r.Id)).toEqual([
      c.Id,
    ])
    expect(
      (await company.query(select('Customer').startsWith('DisplayName', `Zed ${tag}`))).map((r) => r.Id),
    ).toEqual([c.Id])
  })

  it('looks customers up by e-mail through the entity helper, inactive ones only when asked', async () => {
    const email = `${Math.random().toString(36).slice(2, 10)}@lookup.example`
    const c = await company.customers.create({
      DisplayName: uniqueName('Lookup'),
      PrimaryEmailAddr: { Address: email },
    })
    expect(
      (await company.customers.query((q) => q.where('PrimaryEmailAddr', '=', email))).map((r) => r.Id),
    ).toEqual([c.Id])
    // QBO: customers cannot be deleted, only deactivated; plain queries skip inactive ones (API-NOTES §2.1, §3).
    await company.customers.update({ Id: c.Id!, SyncToken: c.SyncToken!, Active: false })
    expect(await company.customers.query((q) => q.where('PrimaryEmailAddr', '=', email))).toEqual([])
    const all = company.customers.queryAll((q) =>
      q.where('PrimaryEmailAddr', '=', email).where('Active', 'in', [true, false]),
    )
    const found: string[] = []
    for await (const row of all) found.push(row.Id!)
    expect(found).toEqual([c.Id])
  })

  it('returns an empty list when nothing matches (QBO omits the entity key)', async () => {
    expect(await company.query(select('Customer').where('DisplayName', '=', uniqueName('Nobody')))).toEqual(
      [],
    )
  })

  it('pages through every row with queryAll', async () => {
    const tag = `Pager ${Math.random().toString(36).slice(2, 8)}`
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await company.customers.create({ DisplayName: `${tag} ${i}` })).Id!)
    const seen: string[] = []
    const queriesBefore = emulator.stats().byEndpoint.query ?? 0
    for await (const c of company.queryAll(select('Customer').startsWith('DisplayName', tag), {
      pageSize: 3,
    })) {
      seen.push(c.Id!)
    }
    expect(seen.sort()).toEqual([...ids].sort())
    expect(new Set(seen).size).toBe(7)
    // 7 rows in pages of 3: pages of 3, 3 and 1.
    expect((emulator.stats().byEndpoint.query ?? 0) - queriesBefore).toBe(3)
  })

  it('surfaces QBO query faults 4000 and 4001 as typed faults', async () => {
    const syntax = await faultOf(company.queryRaw('SELECT * FROM Customer WHERE'))
    expect(syntax.code).toBe('4000')
    expect(syntax.errors[0]?.message).toBe('Error parsing query')
    expect(syntax.detail).toMatch(/QueryParserError/)
    const semantic = await faultOf(company.queryRaw("SELECT * FROM Customer WHERE Notes = 'x'"))
    expect(semantic.code).toBe('4001')
    expect(semantic.errors[0]?.message).toBe('Invalid query')
  })

  it('refuses a property that is not filterable without making a request', async () => {
    const before = emulator.stats().total
    expect(() => select('Customer').where('Notes' as 'DisplayName', '=', 'x')).toThrow(QboQueryBuildError)
    expect(emulator.stats().total).toBe(before)
  })
})

describe('batch', () => {
  it('splits 35 items into batches of 30 and 5 and returns results in input order', async () => {
    const names = Array.from({ length: 34 }, (_, i) => uniqueName(`Batch ${i}`))
    const existing = await company.customers.create({ DisplayName: uniqueName('Batch dup') })
    const before = emulator.stats().byEndpoint
    const results = await company.batch([
      ...names.slice(0, 20).map((DisplayName) => ({
        operation: 'create' as const,
        entity: 'Customer' as const,
        body: { DisplayName },
      })),
      { operation: 'create', entity: 'Customer', body: { DisplayName: existing.DisplayName } },
      ...names.slice(20, 33).map((DisplayName) => ({
        operation: 'create' as const,
        entity: 'Customer' as const,
        body: { DisplayName },
      })),
      { query: select('Customer').where('Id', '=', existing.Id!) },
    ])
    expect(results).toHaveLength(35)
    results.slice(0, 20).forEach((r, i) => {
      expect(r.ok && 'value' in r && (r.value as { DisplayName?: string }).DisplayName).toBe(names[i])
    })
    const dup = results[20]
    expect(dup?.ok).toBe(false)
    if (dup && !dup.ok) expect(isQboFaultError(dup.error, 6240)).toBe(true)
    results.slice(21, 34).forEach((r, i) => {
      expect(r.ok && 'value' in r && (r.value as { DisplayName?: string }).DisplayName).toBe(names[20 + i])
    })
    const last = results[34]
    expect(last?.ok && 'rows' in last && last.rows.map((c) => c.Id)).toEqual([existing.Id])
    const after = emulator.stats().byEndpoint
    const batches = (after.batch ?? 0) - (before.batch ?? 0)
    expect(batches).toBe(2)
  })
})

describe('change data capture', () => {
  it('reports created and deleted objects since a time', async () => {
    const since = new Date(emulator.clock.now() - 1_000)
    const customer = await company.customers.create({ DisplayName: uniqueName('CDC') })
    const invoice = await company.invoices.create({
      CustomerRef: { value: customer.Id! },
      Line: [itemLine('5')],
    })
    await company.invoices.delete({ Id: invoice.Id!, SyncToken: invoice.SyncToken! })
    const result = await company.cdc(['Customer', 'Invoice'], since)
    expect(result.changes.Customer.changed.map((c) => c.Id)).toContain(customer.Id)
    expect(result.changes.Invoice.deleted.map((d) => d.Id)).toContain(invoice.Id)
    expect(typeof result.time).toBe('string')
  })
})

describe('deep links', () => {
  it('open the emulator page of a customer, invoice, estimate and payment', async () => {
    const client = await connectedClient(emulator)
    const c = client.company(DEMO_REALM)
    const customer = await c.customers.create({ DisplayName: uniqueName('Deep <link> & co') })
    const invoice = await c.invoices.create({
      CustomerRef: { value: customer.Id! },
      Line: [itemLine('12.50')],
    })
    const estimate = await c.estimates.create({ CustomerRef: { value: customer.Id! }, Line: [itemLine('3')] })
    const payment = await c.payments.create({ CustomerRef: { value: customer.Id! }, TotalAmt: '1.00' })
    for (const url of [
      client.deepLinks.customer(customer.Id!),
      client.deepLinks.invoice(invoice.Id!),
      client.deepLinks.estimate(estimate.Id!),
      client.deepLinks.payment(payment.Id!),
    ]) {
      expect(url.startsWith(`${emulator.baseUrl}/app/`)).toBe(true)
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/text\/html/)
    }
    const customerPage = await (await fetch(client.deepLinks.customer(customer.Id!))).text()
    expect(customerPage).toContain('Deep &lt;link&gt; &amp; co')
  })
})
