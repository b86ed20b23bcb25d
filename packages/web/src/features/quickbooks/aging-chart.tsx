import type { Aging } from '../../api'
import { agingBars, formatMoney } from './money'

/**
 * The accounts-receivable aging as a bar chart that is also a table: screen readers read the bucket and the
 * amount of each row, the bars are drawn for the eye only.
 */
export const AgingChart = ({ aging }: { aging: Aging }) => {
  const bars = agingBars(aging)
  return (
    <table className="aging-chart">
      <caption>
        Accounts receivable aging <span className="muted small">({aging.currency})</span>
      </caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Days past due</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.bucket} className={`aging-row aging-${bar.bucket}`}>
            <th scope="row">{bar.label}</th>
            <td>
              <span className="aging-track" aria-hidden="true">
                <span className="aging-bar" style={{ width: `${bar.percent}%` }} />
              </span>
              <span className="aging-amount">{bar.text}</span>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total open</th>
          <td>
            <span className="aging-amount">{formatMoney(aging.total, aging.currency)}</span>
          </td>
        </tr>
      </tfoot>
    </table>
  )
}
