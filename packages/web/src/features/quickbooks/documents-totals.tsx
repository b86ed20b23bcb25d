import type { DocumentTotals } from '../../api'
import { formatMoney } from './money'

/**
 * The financial summary's figures over exactly the documents shown, one block per currency (amounts in
 * different currencies are never added together).
 */
export const DocumentsTotalsView = ({ totals }: { totals: DocumentTotals[] }) => {
  if (totals.length === 0) return null
  return (
    <section className="qb-doc-totals" aria-label="Totals of the documents shown">
      {totals.map((total) => (
        <dl key={total.currency} className="qb-doc-totals-row">
          <div className="qb-doc-total qb-doc-total-currency">
            <dt>Currency</dt>
            <dd>{total.currency}</dd>
          </div>
          <div className="qb-doc-total">
            <dt>Open balance</dt>
            <dd>
              {formatMoney(total.openBalance, total.currency)}
              <span className="muted small"> · {plural(total.openInvoicesCount, 'open invoice')}</span>
            </dd>
          </div>
          <div className="qb-doc-total">
            <dt>Overdue</dt>
            <dd className={total.overdueInvoicesCount > 0 ? 'qb-overdue-amount' : undefined}>
              {formatMoney(total.overdue, total.currency)}
            </dd>
          </div>
          <div className="qb-doc-total">
            <dt>Invoiced</dt>
            <dd>{formatMoney(total.invoiced, total.currency)}</dd>
          </div>
          <div className="qb-doc-total">
            <dt>Paid</dt>
            <dd>{formatMoney(total.paid, total.currency)}</dd>
          </div>
          <div className="qb-doc-total">
            <dt>Open estimates</dt>
            <dd>
              {formatMoney(total.openEstimates, total.currency)}
              <span className="muted small"> · {plural(total.openEstimatesCount, 'estimate')}</span>
            </dd>
          </div>
        </dl>
      ))}
    </section>
  )
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
