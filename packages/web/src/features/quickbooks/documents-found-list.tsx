import type { FoundQuickbooksDocument } from '../../api'
import { formatMoney } from './money'
import { documentStatusLabel, formatQuickbooksDate } from './quickbooks-words'

type Props = {
  items: FoundQuickbooksDocument[]
  kindLabel: string
  recordName: string
  /** Whether the document (`invoice:130`) is already linked directly to the record. */
  isLinked: (key: string) => boolean
  /** The key of the document being linked, if any. */
  linking: string | null
  onLink: (document: FoundQuickbooksDocument) => void
}

/** Find's results: each document with its date, customer, status and total, View and Link (or "Linked"). */
export const FoundDocumentsList = ({ items, kindLabel, recordName, isLinked, linking, onLink }: Props) => (
  <ul className="qb-found-list" aria-label={`${kindLabel} results`}>
    {items.map((document) => {
      const key = `${document.kind}:${document.id}`
      const name = `${kindLabel} ${document.number ?? document.id}`
      return (
        <li key={key} className="qb-found-item">
          <div className="qb-found-main">
            <span className="qb-found-title">
              {kindLabel} {document.number ?? <span className="muted">(no number)</span>}
            </span>
            <span className="muted small">
              {formatQuickbooksDate(document.date)} · {document.customer.name ?? 'No customer'}
            </span>
          </div>
          <div className="qb-found-side">
            <span className={`badge doc-status doc-status-${document.status}`}>
              {documentStatusLabel(document.status)}
            </span>
            <span className="qb-found-total">{formatMoney(document.total, document.currency)}</span>
            <a
              className="btn btn-small btn-quiet"
              href={document.viewUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`View ${name} in QuickBooks (opens a new tab)`}
            >
              View
            </a>
            {isLinked(key) ? (
              <span className="badge qb-direct-badge">Linked</span>
            ) : (
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => onLink(document)}
                disabled={linking !== null}
                aria-label={`Link ${name} to ${recordName}`}
              >
                {linking === key ? 'Linking…' : 'Link'}
              </button>
            )}
          </div>
        </li>
      )
    })}
  </ul>
)
