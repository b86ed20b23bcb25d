/**
 * Find in QuickBooks (DESIGN.md §1.2): invoices, estimates or payments by number and/or date range, newest
 * first, one page at a time. Numbers are matched exactly (`=`), the one operator QBO documents for DocNumber
 * and PaymentRefNum; dates are the transaction date (API-NOTES.md §3).
 */
import { select } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import { isoToday, type QboAccess, type QboDocument, toRow, viewUrlOf } from './document-kinds'
import type { DocumentStatus, DocumentType } from './documents'

/** What Find searches by: at least one of number, from, to (checked by {@link findDocuments}). */
export type FindQuery = {
  kind: DocumentType
  number?: string | undefined
  from?: string | undefined
  to?: string | undefined
  cursor?: string | undefined
}

/** One document Find found. Amounts are decimal strings in `currency`. */
export type FoundDocument = {
  kind: DocumentType
  id: string
  number: string | null
  date: string | null
  customer: { id: string | null; name: string | null }
  total: string
  balance: string | null
  status: DocumentStatus
  currency: string
  viewUrl: string
}

/** Results per page of Find. */
export const FIND_PAGE_SIZE = 20
/** The furthest Find pages (STARTPOSITION); a person never reads 5,000 search results one page at a time. */
const MAX_START = 5000

const badCursor = () =>
  badInput('This page link is no longer valid. Search again.', [
    { path: 'cursor', message: 'Not a valid cursor' },
  ])

/** The opaque cursor of the page starting at `start` (QBO's 1-based STARTPOSITION). */
export const encodeFindCursor = (start: number): string =>
  Buffer.from(JSON.stringify({ start }), 'utf8').toString('base64url')

const decodeFindCursor = (cursor: string): number => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { start?: unknown }
    const start = value?.start
    if (typeof start === 'number' && Number.isInteger(start) && start >= 1 && start <= MAX_START) return start
  } catch {
    // falls through to the error below
  }
  throw badCursor()
}

/** Refuses a search without any criterion, or a range that ends before it starts. */
export function checkFindQuery(query: FindQuery): void {
  if (!query.number && !query.from && !query.to)
    throw badInput('Enter a number or a date range to search.', [
      { path: 'number', message: 'Enter a number, a start date or an end date' },
    ])
  if (query.from && query.to && query.from > query.to)
    throw badInput('The start date must be on or before the end date.', [
      { path: 'to', message: 'Must be on or after the start date' },
    ])
}

type DatedQuery<B> = { where(field: 'TxnDate', op: '>=' | '<=', value: string): B }

const inRange = <B extends DatedQuery<B>>(q: B, query: FindQuery): B => {
  let ranged = q
  if (query.from) ranged = ranged.where('TxnDate', '>=', query.from)
  if (query.to) ranged = ranged.where('TxnDate', '<=', query.to)
  return ranged
}

/** One Find page from QBO: newest first, one row more than a page to know whether more follow. */
async function findPage(access: QboAccess, query: FindQuery, start: number): Promise<QboDocument[]> {
  const page = { startPosition: start, maxResults: FIND_PAGE_SIZE + 1 }
  const { company } = access
  if (query.kind === 'payment') {
    let q = select('Payment')
    if (query.number) q = q.where('PaymentRefNum', '=', query.number)
    return company.query(inRange(q, query).orderBy('TxnDate', 'desc').orderBy('Id', 'desc').page(page))
  }
  if (query.kind === 'invoice') {
    let q = select('Invoice')
    if (query.number) q = q.where('DocNumber', '=', query.number)
    return company.query(inRange(q, query).orderBy('TxnDate', 'desc').orderBy('Id', 'desc').page(page))
  }
  let q = select('Estimate')
  if (query.number) q = q.where('DocNumber', '=', query.number)
  return company.query(inRange(q, query).orderBy('TxnDate', 'desc').orderBy('Id', 'desc').page(page))
}

/**
 * One page of documents of `query.kind` matching the number and/or the date range. One QBO request.
 * @example
 * const { items, nextCursor } = await findDocuments(access, { kind: 'invoice', number: '1037' }, new Date())
 */
export async function findDocuments(
  access: QboAccess,
  query: FindQuery,
  now: Date,
): Promise<{ items: FoundDocument[]; nextCursor: string | null }> {
  checkFindQuery(query)
  const start = query.cursor ? decodeFindCursor(query.cursor) : 1
  const rows = await findPage(access, query, start)
  const options = { today: isoToday(now) }
  const items = rows.slice(0, FIND_PAGE_SIZE).map((entity): FoundDocument => {
    const row = toRow(query.kind, entity, options)
    return {
      kind: row.type,
      id: row.qboId,
      number: row.number,
      date: row.date,
      customer: { id: row.customer.qboId, name: row.customer.name },
      total: row.total,
      balance: row.balance,
      status: row.status,
      currency: row.currency,
      viewUrl: viewUrlOf(access.deepLinks, row.type, row.qboId),
    }
  })
  const next = start + FIND_PAGE_SIZE
  return {
    items,
    nextCursor: rows.length > FIND_PAGE_SIZE && next <= MAX_START ? encodeFindCursor(next) : null,
  }
}
