import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { QboFault } from '../faults'
import { money } from './company-state'
import { invoiceBody, testCompany } from './test-company'
import type { QboObject } from './types'

type Company = ReturnType<typeof testCompany>['company']

const op = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    customer: fc.nat(3),
    amount: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    customer: fc.nat(3),
    total: fc.integer({ min: 0, max: 600 }),
    pick: fc.nat(20),
    share: fc.double({ min: 0, max: 1.2, noNaN: true }),
  }),
  fc.record({
    kind: fc.constantFrom(
      'voidInvoice' as const,
      'deleteInvoice' as const,
      'voidPayment' as const,
      'deletePayment' as const,
    ),
    pick: fc.nat(20),
  }),
  fc.record({
    kind: fc.constant('reapply' as const),
    pick: fc.nat(20),
    target: fc.nat(20),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
)

const rows = (company: Company, entity: 'Invoice' | 'Payment') => [...company.list(entity)]
const at = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined)
const linesOf = (p: QboObject) =>
  (p.Line as QboObject[]).map((l) => ({
    amount: l.Amount as number,
    invoiceId: (l.LinkedTxn as QboObject[])[0]!.TxnId as string,
  }))

type Step = typeof op extends fc.Arbitrary<infer T> ? T : never

function run(company: Company, customers: string[], step: Step): void {
  const invoices = rows(company, 'Invoice')
  const payments = rows(company, 'Payment')
  try {
    if (step.kind === 'invoice')
      company.create('Invoice', invoiceBody(customers[step.customer]!, step.amount))
    else if (step.kind === 'payment') {
      const customerId = customers[step.customer]!
      const target = at(
        invoices.filter((i) => (i.CustomerRef as QboObject).value === customerId),
        step.pick,
      )
      const amount = target ? money((target.Balance as number) * step.share) : 0
      const Line =
        target && amount > 0
          ? [{ Amount: amount, LinkedTxn: [{ TxnId: target.Id, TxnType: 'Invoice' }] }]
          : []
      company.create('Payment', { CustomerRef: { value: customerId }, TotalAmt: step.total, Line })
    } else if (step.kind === 'reapply') {
      const payment = at(payments, step.pick)
      const target = at(invoices, step.target)
      if (!payment || !target) return
      const amount = money((payment.TotalAmt as number) * step.share)
      company.update(
        'Payment',
        {
          Id: payment.Id,
          SyncToken: payment.SyncToken,
          sparse: true,
          Line: [{ Amount: amount, LinkedTxn: [{ TxnId: target.Id, TxnType: 'Invoice' }] }],
        },
        { sparse: true },
      )
    } else {
      const list = step.kind.endsWith('Invoice') ? invoices : payments
      const row = at(list, step.pick)
      if (!row) return
      const body = { Id: row.Id as string, SyncToken: row.SyncToken as string }
      const entity = step.kind.endsWith('Invoice') ? 'Invoice' : 'Payment'
      if (step.kind.startsWith('void')) company.voidTxn(entity, body)
      else company.remove(entity, body)
    }
  } catch (err) {
    // Refused writes (over-application, other customer's invoice…) must be QBO faults and change nothing.
    if (!(err instanceof QboFault)) throw err
  }
}

function checkInvariants(company: Company, customers: string[]): void {
  const invoices = rows(company, 'Invoice')
  const payments = rows(company, 'Payment')
  const applied = new Map<string, number>()
  const payers = new Map<string, Set<string>>()
  for (const p of payments) {
    const lines = linesOf(p)
    const sum = lines.reduce((s, l) => s + l.amount, 0)
    expect(p.UnappliedAmt).toBeCloseTo((p.TotalAmt as number) - sum, 2)
    expect(p.UnappliedAmt as number).toBeGreaterThanOrEqual(0)
    for (const l of lines) {
      applied.set(l.invoiceId, (applied.get(l.invoiceId) ?? 0) + l.amount)
      payers.set(l.invoiceId, (payers.get(l.invoiceId) ?? new Set()).add(p.Id as string))
    }
  }
  for (const inv of invoices) {
    const id = inv.Id as string
    expect(inv.Balance).toBeCloseTo((inv.TotalAmt as number) - (applied.get(id) ?? 0), 2)
    expect(inv.Balance as number).toBeGreaterThanOrEqual(0)
    const linked = (inv.LinkedTxn as QboObject[]).filter((l) => l.TxnType === 'Payment').map((l) => l.TxnId)
    expect(new Set(linked)).toEqual(payers.get(id) ?? new Set())
  }
  for (const customerId of customers) {
    const own = (e: QboObject) => (e.CustomerRef as QboObject).value === customerId
    const expected =
      invoices.filter(own).reduce((s, i) => s + (i.Balance as number), 0) -
      payments.filter(own).reduce((s, p) => s + (p.UnappliedAmt as number), 0)
    expect(company.read('Customer', customerId)?.Balance).toBeCloseTo(expected, 2)
  }
  const [top, job, sub] = customers.map((id) => company.read('Customer', id)!)
  expect(sub!.BalanceWithJobs).toBeCloseTo(sub!.Balance as number, 2)
  expect(job!.BalanceWithJobs).toBeCloseTo((job!.Balance as number) + (sub!.BalanceWithJobs as number), 2)
  expect(top!.BalanceWithJobs).toBeCloseTo((top!.Balance as number) + (job!.BalanceWithJobs as number), 2)
}

describe('balance invariants', () => {
  it('keeps invoice, payment and customer balances consistent through any sequence of writes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (steps) => {
        const { company } = testCompany()
        const top = company.create('Customer', { DisplayName: 'Top' }).Id as string
        const job = company.create('Customer', { DisplayName: 'Job', ParentRef: { value: top } }).Id as string
        const sub = company.create('Customer', { DisplayName: 'Sub', ParentRef: { value: job } }).Id as string
        const other = company.create('Customer', { DisplayName: 'Other' }).Id as string
        const customers = [top, job, sub, other]
        for (const step of steps) {
          run(company, customers, step)
          checkInvariants(company, customers)
        }
      }),
      { numRuns: 150 },
    )
  })
})
