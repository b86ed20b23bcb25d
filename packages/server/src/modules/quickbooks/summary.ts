/**
 * The financial summary of a linked customer (DESIGN.md §1.1 point 5), computed from the customer's QBO
 * invoices, payments and estimates. Every figure is in the customer's currency (QBO fixes a customer's
 * currency, API-NOTES.md §2.1) as an exact decimal string. The open balance is the sum of open invoice
 * balances, so the aging buckets always add up to it; QBO's own `Balance` (which also nets unapplied payments
 * and credits) is reported beside it as `customerBalance`.
 */
import type { Customer, Estimate, Invoice, Payment } from '@ledgerlink/qbo'
import { type Aging, addDays, addMonths, buildAging, decimalOf, sumAmounts, toCurrencyScale } from './aging'
import { buildDocumentTotals, compareDocuments, type DocumentRow, toDocumentRows } from './documents'

/** What the summary is computed from. */
export interface FinancialSummaryInput {
  customer: Customer
  invoices: readonly Invoice[]
  payments: readonly Payment[]
  estimates: readonly Estimate[]
  /** Calendar date `YYYY-MM-DD` in the QBO company's time zone. */
  today: string
  /** Currency when the customer has no `CurrencyRef` (multicurrency off). Default `USD`. */
  homeCurrency?: string
  /** Also count the documents of the customer's jobs (sub-customers). Default false. */
  includeJobs?: boolean
  /** The customer's sub-customers at any depth (QBO `Job: true` with `ParentRef`), used when `includeJobs`. */
  jobs?: readonly Customer[]
}

/** The figures of the financial summary. Amounts are decimal strings in `currency`. */
export interface FinancialSummary {
  currency: string
  openBalance: string
  overdueAmount: string
  openInvoicesCount: number
  overdueInvoicesCount: number
  /** Pending estimates plus accepted ones not yet invoiced (see `isOpenEstimate` in documents.ts). */
  openEstimatesTotal: string
  openEstimatesCount: number
  /** Invoice totals dated within `period` (the last 12 months up to and including today). */
  invoicedLast12Months: string
  /** Payment totals dated within `period`. */
  paidLast12Months: string
  period: { from: string; to: string }
  lastPayment: { date: string; amount: string; qboId: string } | null
  aging: Aging
  /** QBO's `Balance` (or `BalanceWithJobs` with jobs), null when QBO did not send it. */
  customerBalance: string | null
  includesJobs: boolean
  /** Documents left out because they are in another currency than the customer's (should not happen in QBO). */
  otherCurrencyDocumentsCount: number
}

/** Ids of the customer and, when asked, of every job below it (following ParentRef up to the customer). */
function customerIdsOf(customer: Customer, jobs: readonly Customer[], includeJobs: boolean): Set<string> {
  const ids = new Set([customer.Id ?? ''])
  if (!includeJobs) return ids
  const parentOf = new Map(jobs.map((job) => [job.Id ?? '', job.ParentRef?.value ?? '']))
  for (const job of jobs) {
    let parent = job.ParentRef?.value
    // QBO allows at most 5 levels (API-NOTES.md §2.1); the bound also stops a malformed cycle.
    for (let depth = 0; parent !== undefined && depth < 6; depth += 1) {
      if (parent === customer.Id) {
        ids.add(job.Id ?? '')
        break
      }
      parent = parentOf.get(parent)
    }
  }
  return ids
}

/**
 * Builds the financial summary. Voided and deleted documents count for nothing; documents of other
 * customers (or of jobs, unless `includeJobs`) are ignored.
 * @example
 * buildFinancialSummary({ customer: { Id: '1' }, invoices: [], payments: [], estimates: [], today: '2026-05-01' }).openBalance // '0.00'
 */
export function buildFinancialSummary(input: FinancialSummaryInput): FinancialSummary {
  const { customer, today } = input
  const includesJobs = input.includeJobs ?? false
  const currency = customer.CurrencyRef?.value ?? input.homeCurrency ?? 'USD'
  const customerIds = customerIdsOf(customer, input.jobs ?? [], includesJobs)
  const all = toDocumentRows(input, { today, homeCurrency: input.homeCurrency })
  const ofCustomer = all.filter(
    (row) => row.status !== 'voided' && (row.customer.qboId === null || customerIds.has(row.customer.qboId)),
  )
  const rows = ofCustomer.filter((row) => row.currency === currency)
  const totals = buildDocumentTotals(rows)[0]
  const zero = toCurrencyScale('0', currency)

  const period = { from: addDays(addMonths(today, -12), 1), to: today }
  const inPeriod = (row: DocumentRow) => row.date !== null && row.date >= period.from && row.date <= period.to
  const totalOf = (type: DocumentRow['type']) =>
    sumAmounts(
      rows.filter((row) => row.type === type && inPeriod(row)).map((row) => row.total),
      currency,
    )

  const lastPayment = rows
    .filter((row) => row.type === 'payment' && row.date !== null && row.date <= today)
    .sort(compareDocuments)
    .at(0)
  const openInvoices = rows.filter((row) => row.type === 'invoice' && row.isOpen)
  const qboBalance = includesJobs ? (customer.BalanceWithJobs ?? customer.Balance) : customer.Balance

  return {
    currency,
    openBalance: totals?.openBalance ?? zero,
    overdueAmount: totals?.overdue ?? zero,
    openInvoicesCount: totals?.openInvoicesCount ?? 0,
    overdueInvoicesCount: totals?.overdueInvoicesCount ?? 0,
    openEstimatesTotal: totals?.openEstimates ?? zero,
    openEstimatesCount: totals?.openEstimatesCount ?? 0,
    invoicedLast12Months: totalOf('invoice'),
    paidLast12Months: totalOf('payment'),
    period,
    lastPayment: lastPayment
      ? { date: lastPayment.date ?? '', amount: lastPayment.total, qboId: lastPayment.qboId }
      : null,
    aging: buildAging(
      openInvoices.map((row) => ({ dueDate: row.dueDate ?? row.date, balance: row.balance ?? '0' })),
      currency,
      today,
    ),
    customerBalance: qboBalance === undefined ? null : toCurrencyScale(decimalOf(qboBalance), currency),
    includesJobs,
    otherCurrencyDocumentsCount: ofCustomer.length - rows.length,
  }
}
