import type { QuickbooksDocumentRow } from '../../api'
import { formatMoney } from './money'
import { DOCUMENT_TYPE_LABELS, documentStatusLabel, formatQuickbooksDate } from './quickbooks-words'

/**
 * The cells every QuickBooks documents table shares (a customer's tab and an opportunity's or project's):
 * what and when first, then status and amounts. Each table puts its own column between them (due date, or how
 * the document is linked) and its own actions after.
 */

/** "Invoice 1042": how a row is named in its buttons' labels. */
export const documentName = (row: QuickbooksDocumentRow): string =>
  `${DOCUMENT_TYPE_LABELS[row.type]} ${row.number ?? ''}`.trim()

/** Type, number (the row's header cell) and date. */
export const DocumentLeadCells = ({ row }: { row: QuickbooksDocumentRow }) => (
  <>
    <td className="doc-type">{DOCUMENT_TYPE_LABELS[row.type]}</td>
    <th scope="row" className="doc-number">
      {row.number ?? <span className="muted">—</span>}
    </th>
    <td className="nowrap doc-date">{formatQuickbooksDate(row.date)}</td>
  </>
)

/** Status badge, total and balance. */
export const DocumentAmountCells = ({ row }: { row: QuickbooksDocumentRow }) => (
  <>
    <td className="doc-state">
      <span className={`badge doc-status doc-status-${row.status}`}>{documentStatusLabel(row.status)}</span>
    </td>
    <td className="align-end nowrap doc-total">{formatMoney(row.total, row.currency)}</td>
    <td className="align-end nowrap secondary-column">
      {row.balance === null ? '' : formatMoney(row.balance, row.currency)}
    </td>
  </>
)

/** View: the document in QuickBooks, in a new tab. */
export const ViewInQuickbooks = ({ row, href }: { row: QuickbooksDocumentRow; href: string }) => (
  <a
    className="btn btn-small btn-quiet"
    href={href}
    target="_blank"
    rel="noopener noreferrer"
    aria-label={`View ${documentName(row)} in QuickBooks (opens a new tab)`}
  >
    View
  </a>
)
