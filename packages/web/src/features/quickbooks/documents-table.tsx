import type { LinkedQuickbooksDocument } from '../../api'
import { DocumentAmountCells, DocumentLeadCells, documentName, ViewInQuickbooks } from './document-cells'
import { viaText } from './documents-find-form'

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
  const via = viaText(row.via.map((record) => record.name))
  const isGone = row.missing === 'deleted'
  return (
    <tr className={isGone || row.status === 'voided' ? 'qb-doc-inactive' : undefined}>
      <DocumentLeadCells row={row} />
      <td className="doc-links">
        {row.direct ? <span className="badge qb-direct-badge">Linked</span> : null}
        {via ? <span className="qb-via">{via}</span> : null}
      </td>
      <DocumentAmountCells row={row} />
      <td className="align-end doc-view">
        <span className="qb-row-actions">
          {isGone ? null : <ViewInQuickbooks row={row} href={row.viewUrl} />}
          {row.direct ? (
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              onClick={() => onUnlink(row)}
              disabled={isUnlinking}
              aria-label={`Un-link ${documentName(row)}`}
            >
              {isUnlinking ? 'Un-linking…' : 'Un-link'}
            </button>
          ) : null}
        </span>
      </td>
    </tr>
  )
}
