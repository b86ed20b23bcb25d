import { type EntityTypes, pickKey } from './entities/names'
import type { CallOptions, Send } from './entities/operations'
import { QboError } from './errors'
import {
  type CountQuery,
  MAX_RESULTS_LIMIT,
  type QueryBuilder,
  type QueryEntityName,
  type SortableField,
} from './query'
import type { QboResponse } from './transport/request'

/** Queries longer than this are POSTed as `application/text` instead of sent in the URL (API-NOTES §3). */
const MAX_GET_QUERY_LENGTH = 2000

/**
 * Runs built queries against one company.
 * @example
 * async function openCount(runner: QueryRunner) {
 *   return runner.count(select('Invoice').where('Balance', '>', '0').count())
 * }
 */
export interface QueryRunner {
  /** One page of rows (no rows → `[]`; QBO omits the entity key then). */
  query<E extends QueryEntityName>(
    query: QueryBuilder<E>,
    options?: CallOptions,
  ): Promise<Array<EntityTypes[E]>>
  /**
   * Runs a statement as written and returns the raw `QueryResponse` object (for entities or clauses the
   * builder does not cover). Every literal must be escaped with `quoteQueryLiteral`; prefer `select()`.
   */
  queryRaw(statement: string, options?: CallOptions): Promise<Record<string, unknown>>
  /** `SELECT COUNT(*)` total. */
  count<E extends QueryEntityName>(query: CountQuery<E>, options?: CallOptions): Promise<number>
  /**
   * Every row, page by page (STARTPOSITION/MAXRESULTS, `pageSize` ≤ 1000). Adds `ORDERBY Id` when the query
   * has no order, because QBO's default order is unspecified and paging needs a stable one.
   */
  queryAll<E extends QueryEntityName>(
    query: QueryBuilder<E>,
    options?: CallOptions & { pageSize?: number },
  ): AsyncIterable<EntityTypes[E]>
}

/** Builds the query runner over a realm-bound `send`. */
export function createQueryRunner(send: Send): QueryRunner {
  const run = async (statement: string, signal: AbortSignal | undefined): Promise<QboResponse> =>
    statement.length > MAX_GET_QUERY_LENGTH
      ? send({ method: 'POST', path: 'query', body: { text: statement }, isWrite: false, signal })
      : send({ method: 'GET', path: 'query', params: { query: statement }, isWrite: false, signal })

  const query = async <E extends QueryEntityName>(q: QueryBuilder<E>, options?: CallOptions) => {
    const response = await run(q.toString(), options?.signal)
    const rows = pickKey(pickKey(response.body, 'QueryResponse'), q.entity)
    return (Array.isArray(rows) ? rows : []) as Array<EntityTypes[E]>
  }

  return {
    query,
    async queryRaw(statement, options) {
      const response = await run(statement, options?.signal)
      const qr = pickKey(response.body, 'QueryResponse')
      return qr !== null && typeof qr === 'object' ? (qr as Record<string, unknown>) : {}
    },
    async count(q, options) {
      const response = await run(q.toString(), options?.signal)
      const total = pickKey(pickKey(response.body, 'QueryResponse'), 'totalCount')
      if (typeof total !== 'number') throw new QboError('QBO count response has no totalCount')
      return total
    },
    async *queryAll(q, options) {
      const pageSize = options?.pageSize ?? MAX_RESULTS_LIMIT
      const ordered = q.isOrdered ? q : q.orderBy('Id' as SortableField<typeof q.entity>)
      for (let start = q.paging.startPosition ?? 1; ; start += pageSize) {
        const rows = await query(ordered.page({ startPosition: start, maxResults: pageSize }), options)
        yield* rows
        // QBO: a short page (or the entity key missing) is the last page (API-NOTES §3).
        if (rows.length < pageSize) return
      }
    },
  }
}
