import { useEffect, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { type AnyRecord, isApiError, listRecords, type RecordType, type SortKey } from '../../api'
import {
  EmptyState,
  ErrorMessage,
  LoadingState,
  PageHeader,
  SelectField,
  TextField,
  useDebouncedValue,
  useDocumentTitle,
} from '../../ui'
import { LIST_COLUMNS, type ListColumn } from './list-columns'
import { isRecordType, RECORD_TYPES, recordPath, recordTitle } from './record-types'

const SORT_OPTIONS: { value: SortKey; label: string }[] = [
  { value: 'name', label: 'Name (A to Z)' },
  { value: '-name', label: 'Name (Z to A)' },
  { value: '-updatedAt', label: 'Recently updated' },
  { value: 'updatedAt', label: 'Least recently updated' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
]

const PAGE_SIZE = 25

/** `/:type`: search, sort and page through one kind of record. */
export const RecordListPage = () => {
  const { type } = useParams()
  if (!isRecordType(type)) return <ErrorMessage message="There is no such kind of record." />
  return <RecordList key={type} type={type} />
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready'
      items: AnyRecord[]
      nextCursor: string | null
      isLoadingMore: boolean
      moreError?: string
    }

const RecordList = ({ type }: { type: RecordType }) => {
  const info = RECORD_TYPES[type]
  useDocumentTitle(info.plural)
  const [searchParams, setSearchParams] = useSearchParams()
  const [query, setQuery] = useState(searchParams.get('q') ?? '')
  const sortParam = searchParams.get('sort')
  const sort: SortKey = SORT_OPTIONS.some((o) => o.value === sortParam) ? (sortParam as SortKey) : 'name'
  const debouncedQuery = useDebouncedValue(query.trim(), 300)
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    setSearchParams(
      (params) => {
        if (debouncedQuery) params.set('q', debouncedQuery)
        else params.delete('q')
        return params
      },
      { replace: true },
    )
  }, [debouncedQuery, setSearchParams])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    listRecords(type, { q: debouncedQuery, sort, limit: PAGE_SIZE }, controller.signal).then(
      (page) =>
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, isLoadingMore: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({
          status: 'error',
          message: isApiError(error) ? error.message : `Could not load ${info.plural.toLowerCase()}.`,
        })
      },
    )
    return () => controller.abort()
  }, [type, debouncedQuery, sort, attempt, info.plural])

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.nextCursor) return
    setState({ ...state, isLoadingMore: true, moreError: undefined })
    try {
      const page = await listRecords(type, {
        q: debouncedQuery,
        sort,
        limit: PAGE_SIZE,
        cursor: state.nextCursor,
      })
      setState({
        status: 'ready',
        items: [...state.items, ...page.items],
        nextCursor: page.nextCursor,
        isLoadingMore: false,
      })
    } catch (error) {
      setState({
        ...state,
        isLoadingMore: false,
        moreError: isApiError(error) ? error.message : 'Could not load more.',
      })
    }
  }

  const columns = LIST_COLUMNS[type] as ListColumn<AnyRecord>[]
  const countText =
    state.status === 'ready'
      ? `${state.items.length}${state.nextCursor ? '+' : ''} ${state.items.length === 1 ? info.noun : info.plural.toLowerCase()}${debouncedQuery ? ` matching “${debouncedQuery}”` : ''}`
      : ''

  return (
    <div className="page">
      <PageHeader
        title={info.plural}
        actions={
          <>
            {info.canImport ? (
              <Link to={`/import?type=${info.kind}`} className="btn">
                Import CSV
              </Link>
            ) : null}
            <Link to={`/${type}/new`} className="btn btn-primary">
              New {info.noun}
            </Link>
          </>
        }
      />
      <search className="list-toolbar">
        <TextField
          label={`Search ${info.plural.toLowerCase()}`}
          type="search"
          value={query}
          onChange={setQuery}
          placeholder={
            type === 'contacts'
              ? 'Name, email or phone'
              : type === 'organizations'
                ? 'Name or email domain'
                : 'Name'
          }
          className="toolbar-search"
        />
        <SelectField
          label="Sort by"
          value={sort}
          onChange={(value) =>
            setSearchParams(
              (params) => {
                params.set('sort', value)
                return params
              },
              { replace: true },
            )
          }
          options={SORT_OPTIONS}
          className="toolbar-sort"
        />
      </search>
      <p className="visually-hidden" role="status" aria-live="polite">
        {state.status === 'loading' ? 'Loading…' : countText}
      </p>
      {state.status === 'loading' ? <LoadingState label={`Loading ${info.plural.toLowerCase()}…`} /> : null}
      {state.status === 'error' ? (
        <ErrorMessage message={state.message} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        debouncedQuery ? (
          <EmptyState title={`No ${info.plural.toLowerCase()} match “${debouncedQuery}”.`}>
            <p>Try fewer letters, or another part of the name.</p>
          </EmptyState>
        ) : (
          <EmptyState title={`No ${info.plural.toLowerCase()} yet.`}>
            <p>
              <Link to={`/${type}/new`}>Create the first {info.noun}</Link>
              {info.canImport ? (
                <>
                  {' '}
                  or <Link to={`/import?type=${info.kind}`}>import them from a CSV file</Link>
                </>
              ) : null}
              .
            </p>
          </EmptyState>
        )
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{countText}</caption>
              <thead>
                <tr>
                  <th
                    scope="col"
                    aria-sort={sort === 'name' ? 'ascending' : sort === '-name' ? 'descending' : undefined}
                  >
                    Name
                  </th>
                  {columns.map((column) => (
                    <th
                      key={column.header}
                      scope="col"
                      className={`${column.isSecondary ? 'secondary-column' : ''} ${column.align === 'end' ? 'align-end' : ''}`}
                    >
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.items.map((record) => (
                  <tr key={record.id}>
                    <th scope="row">
                      <Link to={recordPath(type, record.id)}>{recordTitle(type, record)}</Link>
                    </th>
                    {columns.map((column) => (
                      <td
                        key={column.header}
                        className={`${column.isSecondary ? 'secondary-column' : ''} ${column.align === 'end' ? 'align-end' : ''}`}
                      >
                        {column.render(record) || <span className="muted">—</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="list-footer">
            <span className="muted">{countText}</span>
            {state.nextCursor ? (
              <button type="button" className="btn" onClick={loadMore} disabled={state.isLoadingMore}>
                {state.isLoadingMore ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </div>
          {state.moreError ? <ErrorMessage message={state.moreError} onRetry={loadMore} /> : null}
        </>
      ) : null}
    </div>
  )
}
