import { useCallback, useEffect, useState } from 'react'
import { type HistoryEntry, isApiError, listHistory, undoChange } from '../../api'
import { EmptyState, ErrorMessage, LiveStatus, LoadingState } from '../../ui'
import { formatHistoryValue, formatTimestamp } from './format-value'
import { fieldLabel } from './record-fields'
import type { RecordTabProps } from './record-tab-registry'

const ACTION_LABEL: Record<HistoryEntry['action'], string> = {
  create: 'created the record',
  update: 'changed',
  undo: 'undid a change',
  import: 'imported the record',
  copy_from_quickbooks: 'copied from QuickBooks',
}

/** Read-only companions the server may report beside their id field; the id field carries the undo. */
const HIDDEN_FIELDS = new Set(['organization', 'owner', 'updatedAt', 'createdAt'])

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: HistoryEntry[]; nextCursor: string | null }

/** Who changed what and when, newest first, with Undo per changed field. */
export const HistoryTab = ({ type, record, onRecordChange }: RecordTabProps) => {
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [undoing, setUndoing] = useState<string | null>(null)
  const [undoError, setUndoError] = useState<{ key: string; message: string } | null>(null)
  const [status, setStatus] = useState('')
  const [isLoadingMore, setIsLoadingMore] = useState(false)

  const load = useCallback(
    (signal?: AbortSignal) =>
      listHistory(type, record.id, null, signal).then(
        (page) => setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor }),
        (error: unknown) => {
          if (signal?.aborted) return
          setState({
            status: 'error',
            message: isApiError(error) ? error.message : 'Could not load the history.',
          })
        },
      ),
    [type, record.id],
  )

  // The record prop changes after an undo; reload so the new `undo` entry shows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the record's updatedAt moves
  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal)
    return () => controller.abort()
  }, [load, record.updatedAt])

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.nextCursor) return
    setIsLoadingMore(true)
    try {
      const page = await listHistory(type, record.id, state.nextCursor)
      setState({ status: 'ready', items: [...state.items, ...page.items], nextCursor: page.nextCursor })
    } catch (error) {
      setStatus(isApiError(error) ? error.message : 'Could not load older changes.')
    } finally {
      setIsLoadingMore(false)
    }
  }

  const onUndo = async (entry: HistoryEntry, field: string) => {
    const key = `${entry.id}:${field}`
    setUndoing(key)
    setUndoError(null)
    try {
      const updated = await undoChange(type, record.id, entry.id, field)
      setStatus(`Undid the change to ${fieldLabel(type, field).toLowerCase()}.`)
      onRecordChange(updated)
    } catch (error) {
      setUndoError({ key, message: isApiError(error) ? error.message : 'Could not undo that change.' })
    } finally {
      setUndoing(null)
    }
  }

  if (state.status === 'loading') return <LoadingState label="Loading history…" />
  if (state.status === 'error') return <ErrorMessage message={state.message} onRetry={() => load()} />

  return (
    <div className="history">
      <h2 className="section-title">History</h2>
      <LiveStatus message={status} />
      {state.items.length === 0 ? <EmptyState title="No changes recorded yet." /> : null}
      <ol className="history-list">
        {state.items.map((entry) => {
          const changes = entry.changes.filter((c) => !HIDDEN_FIELDS.has(c.field))
          // A record's first values (created or imported) have no "before" and nothing to undo.
          const isFirst = entry.action === 'create' || entry.action === 'import'
          const canUndo = !isFirst
          return (
            <li key={entry.id} className="history-entry">
              <p className="history-summary">
                <strong>{entry.user?.name ?? 'Ledgerlink'}</strong> {ACTION_LABEL[entry.action]}{' '}
                <time dateTime={entry.changedAt} className="muted">
                  {formatTimestamp(entry.changedAt)}
                </time>
              </p>
              {changes.length > 0 ? (
                <table className={`history-changes${isFirst ? ' history-first' : ''}`}>
                  <caption className="visually-hidden">
                    Changes made {formatTimestamp(entry.changedAt)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="history-field">
                        Field
                      </th>
                      {isFirst ? null : <th scope="col">Before</th>}
                      <th scope="col">{isFirst ? 'Value' : 'After'}</th>
                      {canUndo ? (
                        <th scope="col" className="history-undo">
                          <span className="visually-hidden">Undo</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change) => {
                      const key = `${entry.id}:${change.field}`
                      const label = fieldLabel(type, change.field)
                      return (
                        <tr key={change.field}>
                          <th scope="row">{label}</th>
                          {isFirst ? null : (
                            <td className="history-old">
                              {formatHistoryValue(type, change.field, change.oldValue)}
                            </td>
                          )}
                          <td className="history-new">
                            {formatHistoryValue(type, change.field, change.newValue)}
                          </td>
                          {canUndo ? (
                            <td className="history-undo">
                              <button
                                type="button"
                                className="btn btn-small btn-quiet"
                                onClick={() => onUndo(entry, change.field)}
                                disabled={undoing !== null}
                                aria-label={`Undo change to ${label}`}
                              >
                                {undoing === key ? 'Undoing…' : 'Undo'}
                              </button>
                              {undoError?.key === key ? (
                                <p className="field-error" role="alert">
                                  {undoError.message}
                                </p>
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              ) : null}
            </li>
          )
        })}
      </ol>
      {state.nextCursor ? (
        <button type="button" className="btn" onClick={loadMore} disabled={isLoadingMore}>
          {isLoadingMore ? 'Loading…' : 'Show older changes'}
        </button>
      ) : null}
    </div>
  )
}
