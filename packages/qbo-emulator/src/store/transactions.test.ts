import { describe, expect, it } from 'vitest'
import { QboFault } from '../faults'
import { invoiceBody, paymentBody, testCompany } from './test-company'
import type { QboObject } from './types'

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    if (err instanceof QboFault) return err.code
    throw err
  }
  throw new Error('expected a fault')
}

const balanceOf = (company: ReturnType<typeof testCompany>['company'], id: string) => {
  const c = company.read('Customer', id)!
  return [c.Balance, c.BalanceWithJobs]
}

describe('invoices', () => {
  it('computes TotalAmt from lines, appends the subtotal line, numbers and dates the invoice', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Amy', BillAddr: { Line1: '4581 Finch St.' } })
    const inv = company.create('Invoice', {
      CustomerRef: { value: c.Id },
      Line: [
        { Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } },
        { DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 5, UnitPrice: 9.5 } },
      ],
    })
    expect(inv).toMatchObject({
      TotalAmt: 147.5,
      Balance: 147.5,
      DocNumber: '1001',
      TxnDate: '2026-11-24',
      DueDate: '2026-12-24',
      CustomerRef: { value: c.Id, name: 'Amy' },
      LinkedTxn: [],
      BillAddr: { Line1: '4581 Finch St.' },
      SyncToken: '0',
    })
    const lines = inv.Line as QboObject[]
    expect(lines.map((l) => l.DetailType)).toEqual([
      'SalesItemLineDetail',
      'SalesItemLineDetail',
      'SubTotalLineDetail',
    ])
    expect(lines[1]).toMatchObject({ Id: '2', LineNum: 2, Amount: 47.5 })
    expect(lines[2]).toEqual({ DetailType: 'SubTotalLineDetail', Amount: 147.5, SubTotalLineDetail: {} })
    expect(company.create('Invoice', invoiceBody(c.Id as string, 1)).DocNumber).toBe('1002')
  })

  it('refuses missing CustomerRef/Line with 2020, a missing customer with 2500, an inactive one with 610', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    expect(codeOf(() => company.create('Invoice', { Line: invoiceBody('1', 1).Line }))).toBe('2020')
    expect(codeOf(() => company.create('Invoice', { CustomerRef: { value: c.Id } }))).toBe('2020')
    expect(codeOf(() => company.create('Invoice', invoiceBody('999', 1)))).toBe('2500')
    company.update('Customer', { Id: c.Id, SyncToken: '0', sparse: true, Active: false }, { sparse: true })
    expect(codeOf(() => company.create('Invoice', invoiceBody(c.Id as string, 1)))).toBe('610')
  })

  it('rejects a duplicate DocNumber with 6140 unless duplicates are allowed', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    company.create('Invoice', invoiceBody(c.Id as string, 1, { DocNumber: 'INV-7' }))
    expect(
      codeOf(() => company.create('Invoice', invoiceBody(c.Id as string, 1, { DocNumber: 'INV-7' }))),
    ).toBe('6140')
    const dup = company.create('Invoice', invoiceBody(c.Id as string, 1, { DocNumber: 'INV-7' }), {
      allowDuplicateDocNum: true,
    })
    expect(dup.DocNumber).toBe('INV-7')
    expect(company.create('Estimate', invoiceBody(c.Id as string, 1, { DocNumber: 'INV-7' })).DocNumber).toBe(
      'INV-7',
    )
  })

  it('voids an invoice: amounts 0, PrivateNote prefixed, customer balance restored', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 80, { PrivateNote: 'rush' }))
    expect(balanceOf(company, c.Id as string)).toEqual([80, 80])
    const v = company.voidTxn('Invoice', { Id: inv.Id as string, SyncToken: '0' })
    expect(v).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided rush', SyncToken: '1' })
    expect((v.Line as QboObject[]).every((l) => l.Amount === 0)).toBe(true)
    expect(balanceOf(company, c.Id as string)).toEqual([0, 0])
  })

  it('deletes an invoice with a stub answer and frees its balance', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 80))
    expect(company.remove('Invoice', { Id: inv.Id as string, SyncToken: '0' })).toEqual({
      status: 'Deleted',
      domain: 'QBO',
      Id: inv.Id,
    })
    expect(company.read('Invoice', inv.Id as string)).toBeUndefined()
    expect(balanceOf(company, c.Id as string)).toEqual([0, 0])
    expect(codeOf(() => company.remove('Invoice', { Id: inv.Id as string, SyncToken: '0' }))).toBe('610')
  })

  it('converts an estimate: the invoice links it and the estimate closes', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const est = company.create('Estimate', invoiceBody(c.Id as string, 31.5))
    expect(est).toMatchObject({ TxnStatus: 'Pending', TotalAmt: 31.5, DocNumber: '1001' })
    expect(est.Balance).toBeUndefined()
    expect(balanceOf(company, c.Id as string)).toEqual([0, 0])
    const inv = company.create(
      'Invoice',
      invoiceBody(c.Id as string, 31.5, { LinkedTxn: [{ TxnId: est.Id, TxnType: 'Estimate' }] }),
    )
    expect(inv.LinkedTxn).toEqual([{ TxnId: est.Id, TxnType: 'Estimate' }])
    expect(company.read('Estimate', est.Id as string)).toMatchObject({
      TxnStatus: 'Closed',
      LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }],
    })
    const accepted = company.update(
      'Estimate',
      { Id: est.Id, SyncToken: '0', sparse: true, TxnStatus: 'Accepted' },
      { sparse: true },
    )
    expect(accepted.TxnStatus).toBe('Accepted')
    expect(
      codeOf(() =>
        company.update(
          'Estimate',
          { Id: est.Id, SyncToken: '1', sparse: true, TxnStatus: 'Bogus' },
          { sparse: true },
        ),
      ),
    ).toBe('2010')
  })

  it('carries the customer currency and home amounts on foreign-currency invoices', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Euro', CurrencyRef: { value: 'EUR' } })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 100, { ExchangeRate: 1.1 }))
    expect(inv).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      HomeTotalAmt: 110,
      HomeBalance: 110,
    })
    expect(
      codeOf(() =>
        company.create('Invoice', invoiceBody(c.Id as string, 1, { CurrencyRef: { value: 'USD' } })),
      ),
    ).toBe('6000')
  })
})

describe('payments and balances', () => {
  it('applies a payment: invoice balance drops, LinkedTxn gains it, UnappliedAmt is the rest', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Red Rock Diner' })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 71))
    const pay = company.create('Payment', paymentBody(c.Id as string, 65, [[inv.Id as string, 55]]))
    expect(pay).toMatchObject({
      TotalAmt: 65,
      UnappliedAmt: 10,
      SyncToken: '0',
      DepositToAccountRef: { value: '4' },
    })
    const after = company.read('Invoice', inv.Id as string)!
    expect(after).toMatchObject({
      Balance: 16,
      SyncToken: '1',
      LinkedTxn: [{ TxnId: pay.Id, TxnType: 'Payment' }],
    })
    expect(balanceOf(company, c.Id as string)).toEqual([6, 6])
  })

  it('records a payment without lines as unapplied credit', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const pay = company.create('Payment', { TotalAmt: 25, CustomerRef: { value: c.Id } })
    expect(pay).toMatchObject({ UnappliedAmt: 25, Line: [] })
    expect(balanceOf(company, c.Id as string)).toEqual([-25, -25])
  })

  it('refuses over-application, foreign invoices and bad totals', () => {
    const { company } = testCompany()
    const a = company.create('Customer', { DisplayName: 'a' })
    const b = company.create('Customer', { DisplayName: 'b' })
    const inv = company.create('Invoice', invoiceBody(a.Id as string, 50))
    expect(
      codeOf(() => company.create('Payment', paymentBody(a.Id as string, 60, [[inv.Id as string, 51]]))),
    ).toBe('6000')
    expect(
      codeOf(() => company.create('Payment', paymentBody(a.Id as string, 10, [[inv.Id as string, 20]]))),
    ).toBe('6000')
    expect(
      codeOf(() => company.create('Payment', paymentBody(b.Id as string, 10, [[inv.Id as string, 10]]))),
    ).toBe('6000')
    expect(codeOf(() => company.create('Payment', paymentBody(a.Id as string, 10, [['999', 10]])))).toBe(
      '2500',
    )
    expect(codeOf(() => company.create('Payment', { CustomerRef: { value: a.Id } }))).toBe('2020')
    expect(company.read('Invoice', inv.Id as string)?.Balance).toBe(50)
  })

  it('voiding or deleting a payment restores invoice and customer balances', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 100))
    const p1 = company.create('Payment', paymentBody(c.Id as string, 40, [[inv.Id as string, 40]]))
    const p2 = company.create('Payment', paymentBody(c.Id as string, 60, [[inv.Id as string, 60]]))
    expect(company.read('Invoice', inv.Id as string)?.Balance).toBe(0)
    expect(balanceOf(company, c.Id as string)).toEqual([0, 0])
    const voided = company.voidTxn('Payment', { Id: p1.Id as string, SyncToken: '0' })
    expect(voided).toMatchObject({
      TotalAmt: 0,
      UnappliedAmt: 0,
      Line: [],
      PrivateNote: 'Voided',
      SyncToken: '1',
    })
    expect(company.read('Invoice', inv.Id as string)).toMatchObject({
      Balance: 40,
      LinkedTxn: [{ TxnId: p2.Id, TxnType: 'Payment' }],
    })
    expect(company.remove('Payment', { Id: p2.Id as string, SyncToken: '0' })).toMatchObject({
      status: 'Deleted',
    })
    expect(company.read('Invoice', inv.Id as string)).toMatchObject({ Balance: 100, LinkedTxn: [] })
    expect(balanceOf(company, c.Id as string)).toEqual([100, 100])
  })

  it('updating payment lines re-applies them all-or-nothing', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const i1 = company.create('Invoice', invoiceBody(c.Id as string, 30))
    const i2 = company.create('Invoice', invoiceBody(c.Id as string, 70))
    const pay = company.create('Payment', paymentBody(c.Id as string, 50, [[i1.Id as string, 30]]))
    const moved = company.update(
      'Payment',
      { Id: pay.Id, SyncToken: '0', sparse: true, Line: paymentBody('', 0, [[i2.Id as string, 50]]).Line },
      { sparse: true },
    )
    expect(moved.UnappliedAmt).toBe(0)
    expect(company.read('Invoice', i1.Id as string)).toMatchObject({ Balance: 30, LinkedTxn: [] })
    expect(company.read('Invoice', i2.Id as string)?.Balance).toBe(20)
    expect(balanceOf(company, c.Id as string)).toEqual([50, 50])
  })

  it('voiding a paid invoice turns the payment into unapplied credit', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'x' })
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 100))
    const pay = company.create('Payment', paymentBody(c.Id as string, 100, [[inv.Id as string, 100]]))
    company.voidTxn('Invoice', { Id: inv.Id as string, SyncToken: '1' })
    expect(company.read('Payment', pay.Id as string)).toMatchObject({ UnappliedAmt: 100, Line: [] })
    expect(balanceOf(company, c.Id as string)).toEqual([-100, -100])
  })

  it('rolls job balances up to parents through BalanceWithJobs', () => {
    const { company } = testCompany()
    const top = company.create('Customer', { DisplayName: 'Parent' })
    const job = company.create('Customer', { DisplayName: 'Job', ParentRef: { value: top.Id } })
    const sub = company.create('Customer', { DisplayName: 'Sub', ParentRef: { value: job.Id } })
    company.create('Invoice', invoiceBody(top.Id as string, 10))
    company.create('Invoice', invoiceBody(job.Id as string, 20))
    const subInv = company.create('Invoice', invoiceBody(sub.Id as string, 30))
    expect(balanceOf(company, sub.Id as string)).toEqual([30, 30])
    expect(balanceOf(company, job.Id as string)).toEqual([20, 50])
    expect(balanceOf(company, top.Id as string)).toEqual([10, 60])
    company.create('Payment', paymentBody(sub.Id as string, 30, [[subInv.Id as string, 30]]))
    expect(balanceOf(company, top.Id as string)).toEqual([10, 30])
  })

  it('keeps the opening balance given on create', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Opening', Balance: 12.5 })
    company.create('Invoice', invoiceBody(c.Id as string, 10))
    expect(balanceOf(company, c.Id as string)).toEqual([22.5, 22.5])
  })
})

describe('change tracking', () => {
  it('lists changes since a time with deleted stubs last, and notifies listeners', () => {
    const { company, clock } = testCompany()
    const events: string[] = []
    company.onChange((e) => events.push(`${e.entity}:${e.id}:${e.operation}`))
    const start = clock.now()
    const c = company.create('Customer', { DisplayName: 'x' })
    clock.advance(1000)
    const inv = company.create('Invoice', invoiceBody(c.Id as string, 5))
    clock.advance(1000)
    company.remove('Invoice', { Id: inv.Id as string, SyncToken: '0' })
    const changes = company.changesSince(start, ['Customer', 'Invoice'])
    expect(changes.map((r) => `${r.entity}:${r.status}`)).toEqual(['Customer:Active', 'Invoice:Deleted'])
    expect(changes[1]?.object).toEqual({
      status: 'Deleted',
      domain: 'QBO',
      Id: inv.Id,
      MetaData: { LastUpdatedTime: '2026-11-24T08:15:02-08:00' },
    })
    expect(company.changesSince(start + 1500, ['Customer'])).toEqual([])
    expect(events).toEqual(['Customer:1:Create', 'Invoice:1:Create', 'Invoice:1:Delete'])
  })

  it('restores a snapshot with its indexes (names, balances, doc numbers)', () => {
    const { company, registry } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Snap' })
    company.create('Invoice', invoiceBody(c.Id as string, 5))
    const copy = JSON.parse(JSON.stringify(registry.snapshot()))
    const other = testCompany().registry
    other.restore(copy)
    const restored = other.get('100')!
    expect(restored.read('Customer', c.Id as string)?.Balance).toBe(5)
    expect(codeOf(() => restored.create('Vendor', { DisplayName: 'snap' }))).toBe('6240')
    expect(
      codeOf(() => restored.create('Invoice', invoiceBody(c.Id as string, 1, { DocNumber: '1001' }))),
    ).toBe('6140')
    expect(restored.create('Invoice', invoiceBody(c.Id as string, 1)).DocNumber).toBe('1002')
  })
})

describe('bulk load', () => {
  it('loads trusted rows with their indexes, recomputes balances and emits no events', () => {
    const { company } = testCompany()
    const events: string[] = []
    company.onChange((e) => events.push(e.id))
    const meta = { CreateTime: '2026-01-01T00:00:00-08:00', LastUpdatedTime: '2026-01-01T00:00:00-08:00' }
    const base = { SyncToken: '0', domain: 'QBO', sparse: false, MetaData: meta }
    company.bulkLoad({
      Customer: [
        {
          ...base,
          Id: '10',
          BillAddr: { Id: '41', Line1: 'a' },
          DisplayName: 'Bulk Parent',
          FullyQualifiedName: 'Bulk Parent',
          Job: false,
          Balance: 0,
          BalanceWithJobs: 0,
        },
        {
          ...base,
          Id: '11',
          DisplayName: 'Bulk Job',
          FullyQualifiedName: 'Bulk Parent:Bulk Job',
          Job: true,
          Level: 1,
          ParentRef: { value: '10' },
          Balance: 0,
          BalanceWithJobs: 0,
        },
      ],
      Invoice: [
        {
          ...base,
          Id: '20',
          CustomerRef: { value: '11' },
          DocNumber: '5000',
          TotalAmt: 80,
          Balance: 30,
          Line: [],
          LinkedTxn: [{ TxnId: '30', TxnType: 'Payment' }],
        },
      ],
      Payment: [
        {
          ...base,
          Id: '30',
          CustomerRef: { value: '11' },
          TotalAmt: 60,
          UnappliedAmt: 10,
          Line: [{ Amount: 50, LinkedTxn: [{ TxnId: '20', TxnType: 'Invoice' }] }],
        },
      ],
    })
    expect(events).toEqual([])
    expect(balanceOf(company, '11')).toEqual([20, 20])
    expect(balanceOf(company, '10')).toEqual([0, 20])
    expect(codeOf(() => company.create('Vendor', { DisplayName: 'bulk job' }))).toBe('6240')
    const after = company.create('Customer', { DisplayName: 'After Bulk', BillAddr: { Line1: 'x' } })
    expect(after.Id).toBe('12')
    expect((after.BillAddr as QboObject).Id).toBe('42')
    expect(company.create('Invoice', invoiceBody('10', 1)).DocNumber).toBe('5001')
    expect(codeOf(() => company.create('Invoice', invoiceBody('10', 1, { DocNumber: '5000' })))).toBe('6140')
    expect(() => company.bulkLoad({ Vendor: [{ ...base, Id: '1', DisplayName: 'BULK PARENT' }] })).toThrow(
      /Duplicate/,
    )
  })
})
