/**
 * Runs a parsed query over an entity's rows: filter, then sort, then page (or count).
 */
import { entitySchema } from './entity-schema'
import { compilePredicate } from './predicate'
import { sortRows } from './sort'
import type { ParsedQuery } from './validate'

/**
 * A row exactly as QBO spells it in JSON.
 *
 * @example
 * const customer: QboObject = { Id: '1', DisplayName: "Amy's Bird Sanctuary", Active: true, Balance: 274 }
 */
export type QboObject = Record<string, unknown>

/**
 * What a query produced. The route wraps it into `{"QueryResponse": {[entity]: rows, startPosition,
 * maxResults: rows.length}}`, leaving the entity key out when `rows` is empty (API-NOTES.md §3), or
 * `{"QueryResponse": {totalCount}}` for COUNT(*).
 *
 * @example
 * const result: QueryResult = runQuery(parseQuery('select count(*) from Invoice'), invoices)
 * if (result.kind === 'count') result.totalCount
 */
export type QueryResult =
  | { kind: 'rows'; entity: string; rows: QboObject[]; startPosition: number }
  | { kind: 'count'; entity: string; totalCount: number }

/**
 * What fixes the meaning of dates for one run.
 *
 * @example
 * const options: RunQueryOptions = { nowMs: emulator.clock.now(), utcOffsetMinutes: -480 }
 */
export interface RunQueryOptions {
  /** "Now" for `CURRENT_DATE`, epoch ms. Default `Date.now()`; pass the emulator clock's `now()`. */
  nowMs?: number
  /**
   * The company's offset from UTC in minutes (e.g. -480 for US Pacific standard time). Date-only values
   * (`'2024-01-01'`, `TxnDate`) and datetimes without a zone mean that local time; `CURRENT_DATE` is today
   * there. Default 0 (UTC): the emulator has no company time zone of its own.
   */
  utcOffsetMinutes?: number
}

/**
 * Filters, sorts and pages `rows` (all rows of `query.entity`) with a parsed query.
 *
 * - The WHERE clause is compiled once into one predicate; each row is read once, in one pass.
 * - Customer, Vendor and Employee rows need `Active` true (absent counts as true) unless the query filters
 *   on Active (API-NOTES.md §3).
 * - Without ORDERBY, rows come in numeric Id order; every ORDERBY ends with Id ascending as tie-breaker.
 * - The returned rows are the objects passed in, not copies.
 *
 * @example
 * const query = parseQuery("select * from Invoice where CustomerRef IN ('1', '2') and Balance > '0'")
 * const result = runQuery(query, store.list('Invoice'), { nowMs: clock.now() })
 * if (result.kind === 'rows') result.rows // open invoices of customers 1 and 2, ≤ 100 of them
 */
export function runQuery(
  query: ParsedQuery,
  rows: Iterable<QboObject>,
  options: RunQueryOptions = {},
): QueryResult {
  const time = { nowMs: options.nowMs ?? Date.now(), utcOffsetMinutes: options.utcOffsetMinutes ?? 0 }
  const predicate = compilePredicate(query, entitySchema(query.entity).property('Active'), time)
  if (query.projection.kind === 'count') {
    // COUNT(*) ignores ORDERBY, STARTPOSITION and MAXRESULTS (API-NOTES.md §3 response shapes).
    let totalCount = 0
    for (const row of rows) if (predicate(row)) totalCount++
    return { kind: 'count', entity: query.entity, totalCount }
  }
  const matches: QboObject[] = []
  for (const row of rows) if (predicate(row)) matches.push(row)
  sortRows(matches, query.orderBy, time.utcOffsetMinutes)
  const from = query.startPosition - 1
  return {
    kind: 'rows',
    entity: query.entity,
    rows: from >= matches.length ? [] : matches.slice(from, from + query.maxResults),
    startPosition: query.startPosition,
  }
}
