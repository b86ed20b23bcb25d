import { type FormEvent, useState } from 'react'
import { type CustomerCandidate, searchQuickbooksCustomers } from '../../api'
import { ErrorMessage, LoadingState } from '../../ui'
import { CandidateList } from './candidate-list'
import { quickbooksErrorMessage } from './quickbooks-words'

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; query: string; items: CustomerCandidate[]; nextCursor: string | null }

type Props = { linkingId: string | null; onLink: (candidate: CustomerCandidate) => void }

/** Searches QuickBooks customers by any part of a name or an email address. */
export const CustomerSearch = ({ linkingId, onLink }: Props) => {
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Results>({ status: 'idle' })
  const [isLoadingMore, setIsLoadingMore] = useState(false)

  const search = async (event: FormEvent) => {
    event.preventDefault()
    const q = query.trim()
    if (!q) return
    setResults({ status: 'loading' })
    try {
      const page = await searchQuickbooksCustomers(q)
      setResults({ status: 'ready', query: q, items: page.items, nextCursor: page.nextCursor })
    } catch (error) {
      setResults({ status: 'error', message: quickbooksErrorMessage(error, 'Could not search QuickBooks.') })
    }
  }

  const loadMore = async () => {
    if (results.status !== 'ready' || !results.nextCursor) return
    setIsLoadingMore(true)
    try {
      const page = await searchQuickbooksCustomers(results.query, results.nextCursor)
      setResults({ ...results, items: [...results.items, ...page.items], nextCursor: page.nextCursor })
    } catch (error) {
      setResults({ status: 'error', message: quickbooksErrorMessage(error, 'Could not search QuickBooks.') })
    } finally {
      setIsLoadingMore(false)
    }
  }

  return (
    <section className="qb-section" aria-labelledby="qb-search-title">
      <h3 id="qb-search-title" className="qb-section-title">
        Search QuickBooks customers
      </h3>
      <form className="qb-search" onSubmit={search}>
        <label htmlFor="qb-search-input" className="visually-hidden">
          Search QuickBooks customers by name or email
        </label>
        <input
          id="qb-search-input"
          type="search"
          value={query}
          maxLength={100}
          placeholder="Part of a name or an email address"
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="btn" disabled={!query.trim() || results.status === 'loading'}>
          Search
        </button>
      </form>
      {results.status === 'loading' ? <LoadingState label="Searching QuickBooks…" /> : null}
      {results.status === 'error' ? <ErrorMessage message={results.message} /> : null}
      {results.status === 'ready' && results.items.length === 0 ? (
        <p className="muted qb-no-results">No QuickBooks customer matches “{results.query}”.</p>
      ) : null}
      {results.status === 'ready' && results.items.length > 0 ? (
        <>
          <CandidateList
            candidates={results.items}
            linkingId={linkingId}
            onLink={onLink}
            label={`QuickBooks customers matching “${results.query}”`}
          />
          {results.nextCursor ? (
            <button type="button" className="btn btn-small" onClick={loadMore} disabled={isLoadingMore}>
              {isLoadingMore ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
