import type { LinkedQuickbooksDocument } from '../../api'
import { viaText } from './documents-find-form'
import { formatMoney } from './money'
import { DOCUMENT_TYPE_LABELS, documentStatusLabel, formatQuickbooksDate } from './quickbooks-words'

type Props = {
  items: LinkedQuickbooksDocument[]
  caption: string
  /** The key (`invoice:130`) of the row whose Un-link is under way. */
  unlinking: string | null
  onUnlink: (row: LinkedQuickbooksDocument) => void
}

/**
 * The documents of an opportunity or project: what, when, how it is linked (a "Linked" badge for a direct
 * link, "via Acme Corp" for the records it comes through), status and amounts, View and Un-link.
 */
export const DocumentsTable = ({ items, caption, unlinking, onUnlink }: Props) => (
  <div className="table-wrap">
    <table className="data-table qb-documents-table qb-linked-documents-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Number</th>
          <th scope="col">Date</th>
          <th scope="col">Linked</th>
          <th scope="col">Status</th>
          <th scope="col" className="align-end">
            Total
          </th>
          <th scope="col" className="align-end secondary-column">
            Balance
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((row) => (
          <DocumentRow
            key={`${row.type}:${row.qboId}`}
            row={row}
            isUnlinking={unlinking === `${row.type}:${row.qboId}`}
            onUnlink={onUnlink}
          />
        ))}
      </tbody>
    </table>
  </div>
)

const DocumentRow = ({
  row,
  isUnlinking,
  onUnlink,
}: {
  row: LinkedQuickbooksDocument
  isUnlinking: boolean
  onUnlink: (row: LinkedQuickbooksDocument) => void
}) => {
  const typeLabel = DOCUMENT_TYPE_LABELS[row.type]
  const name = `${typeLabel} ${row.number ?? ''}`.trim()
  const via = viaText(row.via.map((record) => record.name))
  const isGone = row.missing === 'deleted'
  return (
    <tr className={isGone || row.status === 'voided' ? 'qb-doc-inactive' : undefined}>
      <td className="doc-type">{typeLabel}</td>
      <th scope="row" className="doc-number">
        {row.number ?? <span className="muted">—</span>}
      </th>
      <td className="nowrap doc-date">{formatQuickbooksDate(row.date)}</td>
      <td className="doc-links">
        {row.direct ? <span className="badge qb-direct-badge">Linked</span> : null}
        {via ? <span className="qb-via">{via}</span> : null}
      </td>
      <td className="doc-state">
        <span className={`badge doc-status doc-status-${row.status}`}>{documentStatusLabel(row.status)}</span>
      </td>
      <td className="align-end nowrap doc-total">{formatMoney(row.total, row.currency)}</td>
      <td className="align-end nowrap secondary-column">
        {row.balance === null ? '' : formatMoney(row.balance, row.currency)}
      </td>
      <td className="align-end doc-view">
        <span className="qb-row-actions">
          {isGone ? null : (
            <a
              className="btn btn-small btn-quiet"
              href={row.viewUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`View ${name} in QuickBooks (opens a new tab)`}
            >
              View
            </a>
          )}
          {row.direct ? (
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              onClick={() => onUnlink(row)}
              disabled={isUnlinking}
              aria-label={`Un-link ${name}`}
            >
              {isUnlinking ? 'Un-linking…' : 'Un-link'}
            </button>
          ) : null}
        </span>
      </td>
    </tr>
  )
}
