import { useEffect, useId, useRef, useState } from 'react'
import {
  type CustomerRecordType,
  type DocumentFilter,
  listCustomerDocuments,
  type QuickbooksDocumentRow,
} from '../../api'
import { EmptyState, ErrorMessage, LoadingState } from '../../ui'
import { DocumentAmountCells, DocumentLeadCells, ViewInQuickbooks } from './document-cells'
import { DOCUMENT_FILTER_LABELS, formatQuickbooksDate, quickbooksErrorMessage } from './quickbooks-words'

type Page = { items: QuickbooksDocumentRow[]; nextCursor: string | null }

type Props = { type: CustomerRecordType; recordId: string; initial: Page }

/** The customer's estimates, invoices and payments, newest first, with the Show filter and Load more. */
export const CustomerDocuments = ({ type, recordId, initial }: Props) => {
  const [show, setShow] = useState<DocumentFilter>('all')
  const [page, setPage] = useState<Page>(initial)
  const [isLoading, setIsLoading] = useState(false)
  const [isLoadingMore, setIsLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const selectId = useId()
  const isFirstRender = useRef(true)

  useEffect(() => {
    // The first page of "All" came with the tab; any other choice is read now.
    if (isFirstRender.current) {
      isFirstRender.current = false
      return
    }
    const controller = new AbortController()
    setIsLoading(true)
    setError(null)
    listCustomerDocuments(type, recordId, { show }, controller.signal).then(
      (next) => {
        setPage({ items: next.items, nextCursor: next.nextCursor })
        setIsLoading(false)
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return
        setError(quickbooksErrorMessage(failure, 'Could not read the documents.'))
        setIsLoading(false)
      },
    )
    return () => controller.abort()
  }, [type, recordId, show])

  const loadMore = async () => {
    if (!page.nextCursor) return
    setIsLoadingMore(true)
    setError(null)
    try {
      const next = await listCustomerDocuments(type, recordId, { show, cursor: page.nextCursor })
      setPage({ items: [...page.items, ...next.items], nextCursor: next.nextCursor })
    } catch (failure) {
      setError(quickbooksErrorMessage(failure, 'Could not read more documents.'))
    } finally {
      setIsLoadingMore(false)
    }
  }

  const filterLabel = DOCUMENT_FILTER_LABELS[show].toLowerCase()
  return (
    <section className="qb-section qb-documents" aria-labelledby="qb-documents-title">
      <div className="qb-toolbar">
        <h3 id="qb-documents-title" className="qb-section-title">
          Estimates, invoices and payments
        </h3>
        <div className="qb-filter">
          <label htmlFor={selectId}>Show</label>
          <select
            id={selectId}
            className="inline-select"
            value={show}
            onChange={(event) => setShow(event.target.value as DocumentFilter)}
          >
            {(Object.keys(DOCUMENT_FILTER_LABELS) as DocumentFilter[]).map((filter) => (
              <option key={filter} value={filter}>
                {DOCUMENT_FILTER_LABELS[filter]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <ErrorMessage message={error} /> : null}
      {isLoading ? (
        <LoadingState label="Reading documents…" />
      ) : page.items.length === 0 ? (
        <EmptyState
          title={show === 'all' ? 'No estimates, invoices or payments yet.' : `No ${filterLabel}.`}
        />
      ) : (
        <div className="table-wrap">
          <table className="data-table qb-documents-table">
            <caption className="visually-hidden">
              {DOCUMENT_FILTER_LABELS[show]} of this customer, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Number</th>
                <th scope="col">Date</th>
                <th scope="col" className="secondary-column">
                  Due / expires
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="align-end">
                  Total
                </th>
                <th scope="col" className="align-end secondary-column">
                  Balance
                </th>
                <th scope="col">
                  <span className="visually-hidden">View</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => (
                <DocumentRowView key={`${row.type}:${row.qboId}`} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && !isLoading ? (
        <div className="list-footer">
          <span className="muted small">Showing {page.items.length}</span>
          <button type="button" className="btn btn-small" onClick={loadMore} disabled={isLoadingMore}>
            {isLoadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </section>
  )
}

const DocumentRowView = ({ row }: { row: QuickbooksDocumentRow }) => (
  <tr>
    <DocumentLeadCells row={row} />
    <td className="nowrap secondary-column">
      {row.type === 'payment' ? '' : formatQuickbooksDate(row.dueDate)}
    </td>
    <DocumentAmountCells row={row} />
    <td className="align-end doc-view">
      {row.viewUrl ? <ViewInQuickbooks row={row} href={row.viewUrl} /> : null}
    </td>
  </tr>
)
