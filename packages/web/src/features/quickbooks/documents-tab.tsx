import './quickbooks.css'
import './documents-tab.css'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import {
  type DocumentFilter,
  type DocumentRecordType,
  type LinkedDocumentsPage,
  type LinkedQuickbooksDocument,
  listLinkedDocuments,
  type QuickbooksDocumentType,
  unlinkQuickbooksDocument,
} from '../../api'
import { EmptyState, ErrorMessage, LiveStatus, LoadingState, MenuButton } from '../../ui'
import type { RecordTabProps } from '../crm'
import { rememberIsConnected } from './connection-store'
import { DocumentsFindDialog } from './documents-find-dialog'
import { NeedsReconnect, NotConnected } from './documents-tab-notices'
import { DocumentsTable } from './documents-table'
import { DocumentsTotalsView } from './documents-totals'
import { refreshRecordLink } from './link-state-store'
import {
  DOCUMENT_FILTER_LABELS,
  DOCUMENT_TYPE_LABELS,
  errorCodeOf,
  formatAsOf,
  quickbooksErrorMessage,
} from './quickbooks-words'

type LoadState =
  | { status: 'loading' }
  | { status: 'not_connected' }
  | { status: 'needs_reconnect' }
  | { status: 'error'; message: string }
  | { status: 'ready'; page: LinkedDocumentsPage }

const ACTION_MENUS: { kind: QuickbooksDocumentType; label: string; find: string }[] = [
  { kind: 'invoice', label: 'Invoice actions', find: 'Find invoices…' },
  { kind: 'payment', label: 'Payment actions', find: 'Find payments…' },
  { kind: 'estimate', label: 'Estimate actions', find: 'Find estimates…' },
]

const keyOf = (row: { type: QuickbooksDocumentType; qboId: string }) => `${row.type}:${row.qboId}`

/**
 * The QuickBooks tab of an opportunity or project (DESIGN.md §1.2): documents linked directly (Find → Link,
 * Un-link) and those of the customers of its organizations and contacts ("via Acme Corp"), with the Show
 * filter and totals per currency over exactly the documents shown.
 */
export const DocumentsTab = ({ type, record }: RecordTabProps) => {
  const recordType = type as DocumentRecordType
  const recordName = 'name' in record && record.name ? record.name : 'this record'
  const [show, setShow] = useState<DocumentFilter>('all')
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [isReloading, setIsReloading] = useState(false)
  const [isFiltering, setIsFiltering] = useState(false)
  const [isLoadingMore, setIsLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)
  const [findKind, setFindKind] = useState<QuickbooksDocumentType | null>(null)
  const [unlinking, setUnlinking] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const selectId = useId()
  // The Un-link button goes away with its row; focus moves to the list's heading rather than to the page's top.
  const headingRef = useRef<HTMLHeadingElement>(null)

  const load = useCallback(
    async (signal?: AbortSignal, refresh = false) => {
      try {
        const page = await listLinkedDocuments(recordType, record.id, { show, refresh }, signal)
        rememberIsConnected(true)
        setState({ status: 'ready', page })
      } catch (error) {
        if (signal?.aborted) return
        const code = errorCodeOf(error)
        if (code === 'quickbooks_not_connected') {
          rememberIsConnected(false)
          setState({ status: 'not_connected' })
        } else if (code === 'quickbooks_needs_reconnect') setState({ status: 'needs_reconnect' })
        else
          setState({
            status: 'error',
            message: quickbooksErrorMessage(error, 'Could not read the QuickBooks documents.'),
          })
      }
    },
    [recordType, record.id, show],
  )

  useEffect(() => {
    const controller = new AbortController()
    // A new Show choice keeps the toolbar and reads the list again in place.
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }))
    setIsFiltering(true)
    setMoreError(null)
    load(controller.signal).finally(() => {
      if (!controller.signal.aborted) setIsFiltering(false)
    })
    return () => controller.abort()
  }, [load])

  /** Reads the list again in place (after a link, an un-link or Refresh) and updates the tab's icon. */
  const reload = async () => {
    setIsReloading(true)
    await Promise.all([
      load(undefined, true),
      refreshRecordLink(recordType, record.id).catch(() => undefined),
    ])
    setIsReloading(false)
  }

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.page.nextCursor) return
    setIsLoadingMore(true)
    setMoreError(null)
    try {
      const next = await listLinkedDocuments(recordType, record.id, { show, cursor: state.page.nextCursor })
      setState({
        status: 'ready',
        page: { ...next, items: [...state.page.items, ...next.items] },
      })
    } catch (error) {
      setMoreError(quickbooksErrorMessage(error, 'Could not read more documents.'))
    } finally {
      setIsLoadingMore(false)
    }
  }

  const unlink = async (row: LinkedQuickbooksDocument) => {
    const name = `${DOCUMENT_TYPE_LABELS[row.type]} ${row.number ?? row.qboId}`
    setUnlinking(keyOf(row))
    setMessage('')
    try {
      await unlinkQuickbooksDocument(recordType, record.id, { kind: row.type, documentId: row.qboId })
      setMessage(`${name} un-linked from ${recordName}.`)
      await reload()
      headingRef.current?.focus()
    } catch (error) {
      if (errorCodeOf(error) === 'not_linked') await reload()
      else setMessage(quickbooksErrorMessage(error, `Could not un-link ${name}.`))
    } finally {
      setUnlinking(null)
    }
  }

  if (state.status === 'loading') return <LoadingState label="Reading QuickBooks…" />
  if (state.status === 'not_connected') return <NotConnected />
  if (state.status === 'needs_reconnect') return <NeedsReconnect />
  if (state.status === 'error') return <ErrorMessage message={state.message} onRetry={() => reload()} />

  const { page } = state
  const linkedKeys = new Set(page.items.filter((row) => row.direct).map(keyOf))
  const filterLabel = DOCUMENT_FILTER_LABELS[show].toLowerCase()
  return (
    <div className="qb-deal-documents">
      <div className="qb-toolbar qb-deal-toolbar">
        <div className="qb-action-menus">
          {ACTION_MENUS.map((menu) => (
            <MenuButton
              key={menu.kind}
              align="start"
              items={[{ id: `find-${menu.kind}`, label: menu.find, onSelect: () => setFindKind(menu.kind) }]}
            >
              {menu.label}
              <span aria-hidden="true" className="qb-menu-caret">
                ▾
              </span>
            </MenuButton>
          ))}
        </div>
        <div className="qb-asof">
          <span className="muted small">Read from QuickBooks {formatAsOf(page.asOf)}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setMessage('')
              reload()
            }}
            disabled={isReloading}
          >
            {isReloading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <LiveStatus message={message} />

      <section className="qb-section qb-documents" aria-labelledby="qb-deal-documents-title">
        <div className="qb-toolbar">
          <h3 id="qb-deal-documents-title" className="qb-section-title" ref={headingRef} tabIndex={-1}>
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
        {isFiltering ? (
          <LoadingState label="Reading documents…" />
        ) : (
          <DocumentsTotalsView totals={page.totals} />
        )}
        {isFiltering ? null : page.items.length === 0 ? (
          show === 'all' ? (
            <EmptyState title="No QuickBooks documents yet.">
              <p>
                Use <strong>Find</strong> in the actions menus above to link an invoice, payment or estimate.
                The documents of QuickBooks customers linked to this{' '}
                {recordType === 'projects' ? 'project' : 'opportunity'}
                ’s organizations and contacts appear here too.
              </p>
            </EmptyState>
          ) : (
            <EmptyState title={`No ${filterLabel}.`} />
          )
        ) : (
          <DocumentsTable
            items={page.items}
            caption={`${DOCUMENT_FILTER_LABELS[show]} linked to ${recordName}, newest first`}
            unlinking={unlinking}
            onUnlink={unlink}
          />
        )}
        {moreError ? <ErrorMessage message={moreError} /> : null}
        {page.nextCursor && !isFiltering ? (
          <div className="list-footer">
            <span className="muted small">
              Showing {page.items.length} of {page.total}
            </span>
            <button type="button" className="btn btn-small" onClick={loadMore} disabled={isLoadingMore}>
              {isLoadingMore ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </section>

      {findKind ? (
        <DocumentsFindDialog
          key={findKind}
          kind={findKind}
          type={recordType}
          recordId={record.id}
          recordName={recordName}
          linkedKeys={linkedKeys}
          onLinked={() => reload()}
          onClose={() => setFindKind(null)}
        />
      ) : null}
    </div>
  )
}
