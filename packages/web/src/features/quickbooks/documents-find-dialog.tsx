import { type FormEvent, useEffect, useRef, useState } from 'react'
import {
  type DocumentRecordType,
  type FindDocumentsQuery,
  type FoundQuickbooksDocument,
  findQuickbooksDocuments,
  linkQuickbooksDocument,
  type QuickbooksDocumentType,
} from '../../api'
import { Dialog, EmptyState, ErrorMessage, LoadingState, TextField } from '../../ui'
import {
  DATE_LABELS,
  emptyFindDraft,
  type FindDraft,
  type FindProblems,
  NUMBER_LABELS,
  toFindQuery,
} from './documents-find-form'
import { FoundDocumentsList } from './documents-found-list'
import { DOCUMENT_TYPE_LABELS, errorCodeOf, quickbooksErrorMessage } from './quickbooks-words'

const PLURAL: Record<QuickbooksDocumentType, string> = {
  invoice: 'invoices',
  payment: 'payments',
  estimate: 'estimates',
}

/** "1 invoice found.", "20+ payments found." */
const foundText = (kind: QuickbooksDocumentType, count: number, hasMore: boolean): string => {
  if (count === 0) return `No ${PLURAL[kind]} found.`
  const noun = count === 1 && !hasMore ? DOCUMENT_TYPE_LABELS[kind].toLowerCase() : PLURAL[kind]
  return `${count}${hasMore ? '+' : ''} ${noun} found.`
}

type Results = { query: FindDocumentsQuery; items: FoundQuickbooksDocument[]; nextCursor: string | null }

type Props = {
  kind: QuickbooksDocumentType
  type: DocumentRecordType
  recordId: string
  recordName: string
  /** `invoice:130` keys of the documents already linked directly. */
  linkedKeys: ReadonlySet<string>
  onLinked: () => void
  onClose: () => void
}

/**
 * Find in QuickBooks: a number and/or a date range, the matching documents a page at a time, each with Link
 * (to this record) and View (in QuickBooks). The dialog stays open after a link so several can be linked.
 */
export const DocumentsFindDialog = ({
  kind,
  type,
  recordId,
  recordName,
  linkedKeys,
  onLinked,
  onClose,
}: Props) => {
  const [draft, setDraft] = useState<FindDraft>(emptyFindDraft)
  const [problems, setProblems] = useState<FindProblems>({})
  const [results, setResults] = useState<Results | null>(null)
  const [isSearching, setIsSearching] = useState(false)
  const [isLoadingMore, setIsLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [justLinked, setJustLinked] = useState<ReadonlySet<string>>(new Set())
  const [linking, setLinking] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const controller = useRef<AbortController | null>(null)

  // Leaving the dialog drops a search still under way.
  useEffect(() => () => controller.current?.abort(), [])

  const kindLabel = DOCUMENT_TYPE_LABELS[kind]
  const search = async (event: FormEvent) => {
    event.preventDefault()
    const checked = toFindQuery(kind, draft)
    if ('problems' in checked) {
      setProblems(checked.problems)
      return
    }
    setProblems({})
    setError(null)
    setStatus('')
    setIsSearching(true)
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    try {
      const page = await findQuickbooksDocuments(checked.query, current.signal)
      setResults({ query: checked.query, ...page })
      setStatus(foundText(kind, page.items.length, page.nextCursor !== null))
    } catch (failure) {
      if (current.signal.aborted) return
      setResults(null)
      setError(quickbooksErrorMessage(failure, `Could not search the ${PLURAL[kind]}.`))
    } finally {
      if (!current.signal.aborted) setIsSearching(false)
    }
  }

  const loadMore = async () => {
    if (!results?.nextCursor) return
    setIsLoadingMore(true)
    setError(null)
    try {
      const page = await findQuickbooksDocuments({ ...results.query, cursor: results.nextCursor })
      setResults({ ...results, items: [...results.items, ...page.items], nextCursor: page.nextCursor })
    } catch (failure) {
      setError(quickbooksErrorMessage(failure, `Could not read more ${PLURAL[kind]}.`))
    } finally {
      setIsLoadingMore(false)
    }
  }

  const link = async (document: FoundQuickbooksDocument) => {
    const key = `${document.kind}:${document.id}`
    const name = `${kindLabel} ${document.number ?? document.id}`
    setLinking(key)
    setError(null)
    try {
      await linkQuickbooksDocument(type, recordId, { kind: document.kind, documentId: document.id })
      setJustLinked(new Set([...justLinked, key]))
      setStatus(`${name} linked to ${recordName}.`)
      onLinked()
    } catch (failure) {
      if (errorCodeOf(failure) === 'already_linked') {
        setJustLinked(new Set([...justLinked, key]))
        setStatus(`${name} was already linked to ${recordName}.`)
      } else setError(quickbooksErrorMessage(failure, `Could not link ${name}.`))
    } finally {
      setLinking(null)
    }
  }

  const set = (field: keyof FindDraft) => (value: string) => setDraft({ ...draft, [field]: value })
  return (
    <Dialog
      title={`Find ${PLURAL[kind]} in QuickBooks`}
      isOpen
      onClose={onClose}
      size="medium"
      actions={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <form className="qb-find-form" onSubmit={search} noValidate>
        <p className="muted small qb-find-hint">
          Enter a number, a date range, or both. Numbers must match exactly.
        </p>
        <div className="qb-find-fields">
          <TextField
            label={NUMBER_LABELS[kind]}
            value={draft.number}
            onChange={set('number')}
            error={problems.number}
            autoComplete="off"
            autoFocus
          />
          <TextField
            label={`${DATE_LABELS[kind]} from`}
            type="date"
            value={draft.from}
            onChange={set('from')}
            error={problems.from}
          />
          <TextField
            label={`${DATE_LABELS[kind]} to`}
            type="date"
            value={draft.to}
            onChange={set('to')}
            error={problems.to}
          />
          <button type="submit" className="btn btn-primary qb-find-submit" disabled={isSearching}>
            {isSearching ? 'Searching…' : 'Search'}
          </button>
        </div>
        {problems.form ? (
          <p className="field-error" role="alert">
            {problems.form}
          </p>
        ) : null}
      </form>
      <p className="live-status" role="status" aria-live="polite">
        {status}
      </p>
      {error ? <ErrorMessage message={error} /> : null}
      {isSearching ? (
        <LoadingState label={`Searching QuickBooks ${PLURAL[kind]}…`} />
      ) : results === null ? null : results.items.length === 0 ? (
        <EmptyState title={`No ${PLURAL[kind]} match.`}>
          <p>Check the number, or widen the date range.</p>
        </EmptyState>
      ) : (
        <FoundDocumentsList
          items={results.items}
          kindLabel={kindLabel}
          recordName={recordName}
          isLinked={(key) => linkedKeys.has(key) || justLinked.has(key)}
          linking={linking}
          onLink={link}
        />
      )}
      {results?.nextCursor && !isSearching ? (
        <div className="list-footer">
          <span className="muted small">Showing {results.items.length}</span>
          <button type="button" className="btn btn-small" onClick={loadMore} disabled={isLoadingMore}>
            {isLoadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </Dialog>
  )
}
