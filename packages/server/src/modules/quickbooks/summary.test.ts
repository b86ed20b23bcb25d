import type { Customer, Estimate, Invoice, Payment } from '@ledgerlink/qbo'
import { describe, expect, it } from 'vitest'
import { buildFinancialSummary } from './summary'

const today = '2026-06-30'
const customer: Customer = { Id: '10', SyncToken: '0', DisplayName: 'Acme', Balance: '150.00' }

const invoice = (id: string, fields: Partial<Invoice>): Invoice => ({
  Id: id,
  CustomerRef: { value: '10', name: 'Acme' },
  TxnDate: '2026-06-01',
  DueDate: '2026-07-01',
  TotalAmt: '100.00',
  Balance: '100.00',
  ...fields,
})
const payment = (id: string, fields: Partial<Payment>): Payment => ({
  Id: id,
  CustomerRef: { value: '10' },
  TxnDate: '2026-06-10',
  TotalAmt: '50.00',
  UnappliedAmt: '0',
  ...fields,
})
const estimate = (id: string, fields: Partial<Estimate>): Estimate => ({
  Id: id,
  CustomerRef: { value: '10' },
  TxnDate: '2026-06-01',
  TotalAmt: '200.00',
  TxnStatus: 'Pending',
  ...fields,
})

const summarize = (input: Partial<Parameters<typeof buildFinancialSummary>[0]>) =>
  buildFinancialSummary({ customer, invoices: [], payments: [], estimates: [], today, ...input })

describe('buildFinancialSummary', () => {
  it('gives zero figures, no last payment and empty aging for a customer with no documents', () => {
    const summary = summarize({ customer: { Id: '10' } })
    expect(summary).toMatchObject({
      currency: 'USD',
      openBalance: '0.00',
      overdueAmount: '0.00',
      openInvoicesCount: 0,
      openEstimatesTotal: '0.00',
      invoicedLast12Months: '0.00',
      paidLast12Months: '0.00',
      lastPayment: null,
      customerBalance: null,
      period: { from: '2025-07-01', to: '2026-06-30' },
    })
    expect(summary.aging.total).toBe('0.00')
  })

  it('uses the customer currency, else the home currency', () => {
    expect(summarize({ customer: { Id: '10', CurrencyRef: { value: 'EUR' } } }).currency).toBe('EUR')
    expect(summarize({ homeCurrency: 'CAD' }).currency).toBe('CAD')
  })

  it('adds open balances of unpaid and partially paid invoices, and the overdue part of them', () => {
    const summary = summarize({
      invoices: [
        invoice('1', { Balance: '100.00' }),
        invoice('2', { DueDate: '2026-06-29', TotalAmt: '80.10', Balance: '30.05' }),
        invoice('3', { DueDate: '2026-03-01', Balance: '0' }),
      ],
    })
    expect(summary.openBalance).toBe('130.05')
    expect(summary.overdueAmount).toBe('30.05')
    expect(summary.openInvoicesCount).toBe(2)
    expect(summary.overdueInvoicesCount).toBe(1)
    expect(summary.aging.total).toBe(summary.openBalance)
    expect(summary.aging.buckets.map((b) => b.amount)).toEqual(['100.00', '30.05', '0.00', '0.00', '0.00'])
    expect(summary.customerBalance).toBe('150.00')
  })

  it('does not count an invoice due today as overdue', () => {
    const summary = summarize({ invoices: [invoice('1', { DueDate: today })] })
    expect(summary.overdueAmount).toBe('0.00')
  })

  it('excludes voided and deleted documents from every figure', () => {
    const summary = summarize({
      invoices: [
        invoice('1', { TotalAmt: '0', Balance: '0', PrivateNote: 'Voided' }),
        { Id: '2', status: 'Deleted' } as Invoice,
        invoice('3', { TotalAmt: '40.00', Balance: '40.00' }),
      ],
      payments: [payment('4', { TotalAmt: '0', PrivateNote: 'Voided', TxnDate: '2026-06-29' })],
    })
    expect(summary.invoicedLast12Months).toBe('40.00')
    expect(summary.openInvoicesCount).toBe(1)
    expect(summary.paidLast12Months).toBe('0.00')
    expect(summary.lastPayment).toBeNull()
  })

  it('counts pending and accepted-but-not-invoiced estimates as open', () => {
    const summary = summarize({
      estimates: [
        estimate('1', { TotalAmt: '10.00' }),
        estimate('2', { TotalAmt: '20.00', TxnStatus: 'Accepted' }),
        estimate('3', {
          TotalAmt: '40.00',
          TxnStatus: 'Accepted',
          LinkedTxn: [{ TxnId: '9', TxnType: 'Invoice' }],
        }),
        estimate('4', { TotalAmt: '80.00', TxnStatus: 'Closed' }),
        estimate('5', { TotalAmt: '160.00', TxnStatus: 'Rejected' }),
        estimate('6', { TotalAmt: '320.00', TxnStatus: 'Converted' }),
      ],
    })
    expect(summary.openEstimatesTotal).toBe('30.00')
    expect(summary.openEstimatesCount).toBe(2)
  })

  it('sums invoices and payments of the last 12 months only, today included', () => {
    const summary = summarize({
      invoices: [
        invoice('1', { TxnDate: '2025-06-30', TotalAmt: '1.00' }),
        invoice('2', { TxnDate: '2025-07-01', TotalAmt: '2.00' }),
        invoice('3', { TxnDate: today, TotalAmt: '4.00' }),
        invoice('4', { TxnDate: '2026-07-01', TotalAmt: '8.00' }),
      ],
      payments: [
        payment('5', { TxnDate: '2025-06-30', TotalAmt: '16.00' }),
        payment('6', { TxnDate: '2025-07-01', TotalAmt: '32.00' }),
      ],
    })
    expect(summary.invoicedLast12Months).toBe('6.00')
    expect(summary.paidLast12Months).toBe('32.00')
  })

  it('reports the latest payment, the higher Id winning a same-day tie, and ignores future-dated ones', () => {
    const summary = summarize({
      payments: [
        payment('8', { TxnDate: '2026-05-01', TotalAmt: '5.00' }),
        payment('9', { TxnDate: '2026-06-15', TotalAmt: '7.00' }),
        payment('10', { TxnDate: '2026-06-15', TotalAmt: '11.00' }),
        payment('11', { TxnDate: '2026-08-01', TotalAmt: '13.00' }),
      ],
    })
    expect(summary.lastPayment).toEqual({ date: '2026-06-15', amount: '11.00', qboId: '10' })
  })

  it('counts a partial payment towards paid and leaves the rest of the invoice open', () => {
    const summary = summarize({
      invoices: [invoice('1', { TotalAmt: '100.00', Balance: '60.00' })],
      payments: [
        payment('2', {
          TotalAmt: '40.00',
          Line: [{ Amount: '40.00', LinkedTxn: [{ TxnId: '1', TxnType: 'Invoice' }] }],
        }),
      ],
    })
    expect(summary.paidLast12Months).toBe('40.00')
    expect(summary.openBalance).toBe('60.00')
  })

  it('leaves out documents in another currency and counts them', () => {
    const summary = summarize({
      customer: { Id: '10', CurrencyRef: { value: 'EUR' } },
      invoices: [
        invoice('1', { CurrencyRef: { value: 'EUR' }, Balance: '10.00' }),
        invoice('2', { CurrencyRef: { value: 'USD' }, Balance: '99.00' }),
      ],
    })
    expect(summary.openBalance).toBe('10.00')
    expect(summary.otherCurrencyDocumentsCount).toBe(1)
  })

  it('ignores the documents of jobs unless asked, then includes jobs at any depth', () => {
    const jobs: Customer[] = [
      { Id: '11', Job: true, ParentRef: { value: '10' } },
      { Id: '12', Job: true, ParentRef: { value: '11' } },
      { Id: '20', Job: true, ParentRef: { value: '99' } },
    ]
    const invoices = [
      invoice('1', { Balance: '1.00' }),
      invoice('2', { Balance: '2.00', CustomerRef: { value: '11' } }),
      invoice('3', { Balance: '4.00', CustomerRef: { value: '12' } }),
      invoice('4', { Balance: '8.00', CustomerRef: { value: '20' } }),
    ]
    const parent = { ...customer, BalanceWithJobs: '7.00' }
    expect(summarize({ customer: parent, invoices, jobs }).openBalance).toBe('1.00')
    const withJobs = summarize({ customer: parent, invoices, jobs, includeJobs: true })
    expect(withJobs.openBalance).toBe('7.00')
    expect(withJobs.customerBalance).toBe('7.00')
    expect(withJobs.includesJobs).toBe(true)
  })

  it('reads amounts that arrive as JSON numbers exactly', () => {
    const summary = summarize({
      invoices: [
        invoice('1', { TotalAmt: 0.1 as unknown as string, Balance: 0.1 as unknown as string }),
        invoice('2', { TotalAmt: 0.2 as unknown as string, Balance: 0.2 as unknown as string }),
      ],
    })
    expect(summary.openBalance).toBe('0.30')
  })
})
