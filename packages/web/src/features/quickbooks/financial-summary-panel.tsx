import type { FinancialSummary } from '../../api'
import { AgingChart } from './aging-chart'
import { formatMoney, isPositive } from './money'
import { formatQuickbooksDate } from './quickbooks-words'

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The customer's figures, every amount in the customer's currency, and the aging chart. */
export const FinancialSummaryPanel = ({ summary }: { summary: FinancialSummary }) => {
  const money = (amount: string) => formatMoney(amount, summary.currency)
  const figures: { label: string; value: string; note?: string; isAlert?: boolean }[] = [
    { label: 'Open balance', value: money(summary.openBalance) },
    {
      label: 'Overdue',
      value: money(summary.overdueAmount),
      note: summary.overdueInvoicesCount
        ? count(summary.overdueInvoicesCount, 'invoice', 'invoices')
        : undefined,
      isAlert: isPositive(summary.overdueAmount),
    },
    { label: 'Open invoices', value: String(summary.openInvoicesCount) },
    {
      label: 'Open estimates',
      value: money(summary.openEstimatesTotal),
      note: count(summary.openEstimatesCount, 'estimate', 'estimates'),
    },
    { label: 'Invoiced, last 12 months', value: money(summary.invoicedLast12Months) },
    { label: 'Paid, last 12 months', value: money(summary.paidLast12Months) },
    {
      label: 'Last payment',
      value: summary.lastPayment ? money(summary.lastPayment.amount) : 'None',
      note: summary.lastPayment ? formatQuickbooksDate(summary.lastPayment.date) : undefined,
    },
  ]
  return (
    <section className="qb-panel" aria-labelledby="qb-summary-title">
      <h4 id="qb-summary-title" className="qb-panel-title">
        Financial summary <span className="muted small">({summary.currency})</span>
      </h4>
      <dl className="qb-figures">
        {figures.map((figure) => (
          <div key={figure.label} className={`qb-figure${figure.isAlert ? ' qb-figure-alert' : ''}`}>
            <dt>{figure.label}</dt>
            <dd>
              <span className="qb-figure-value">{figure.value}</span>
              {figure.note ? <span className="muted small"> · {figure.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <AgingChart aging={summary.aging} />
      {summary.otherCurrencyDocumentsCount > 0 ? (
        <p className="muted small">
          {count(summary.otherCurrencyDocumentsCount, 'document', 'documents')} in another currency are not
          counted.
        </p>
      ) : null}
    </section>
  )
}
