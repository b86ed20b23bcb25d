/**
 * Reads the documents of an opportunity's or project's list economically: every directly linked document by
 * id and every document of the indirectly linked customers with IN-list queries (`Id IN (…)`, `CustomerRef
 * IN (…)`, API-NOTES.md §3), all sent together as QBO batch requests (≤ 30 items each, API-NOTES.md §5) —
 * never one query per customer. With up to 900 customers and 100 direct links per kind, that is one HTTP
 * request; a query that fills a whole page (1,000 rows) asks for its next page in a following batch.
 */
import { type AnyQueryBuilder, BATCH_LIMIT, type BatchItem, MAX_RESULTS_LIMIT, select } from '@ledgerlink/qbo'
import { DOCUMENT_KINDS, type QboAccess, type QboDocument } from './document-kinds'
import type { DocumentType } from './documents'

/** Ids per IN list: short enough for any statement length QBO accepts, long enough to keep batches few. */
export const IN_LIST_SIZE = 100
/** Follow-up rounds at most (each page is 1,000 rows), so that a runaway company cannot loop forever. */
const MAX_ROUNDS = 20

/** What to read: document ids per kind, and the customers whose documents are wanted. */
export type DocumentWants = { ids: Record<DocumentType, readonly string[]>; customerIds: readonly string[] }

/** The documents read, per kind and by id. A directly linked document QBO no longer has is absent. */
export type FetchedDocuments = Record<DocumentType, Map<string, QboDocument>>

type Pending = { kind: DocumentType; query: (start: number) => AnyQueryBuilder; start: number }

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const result: T[][] = []
  for (let index = 0; index < list.length; index += size) result.push(list.slice(index, index + size))
  return result
}

function byIds(kind: DocumentType, ids: string[]): (start: number) => AnyQueryBuilder {
  const page = (start: number) => ({ startPosition: start, maxResults: MAX_RESULTS_LIMIT })
  if (kind === 'invoice')
    return (start) => select('Invoice').where('Id', 'in', ids).orderBy('Id').page(page(start))
  if (kind === 'estimate')
    return (start) => select('Estimate').where('Id', 'in', ids).orderBy('Id').page(page(start))
  return (start) => select('Payment').where('Id', 'in', ids).orderBy('Id').page(page(start))
}

function byCustomers(kind: DocumentType, ids: string[]): (start: number) => AnyQueryBuilder {
  const page = (start: number) => ({ startPosition: start, maxResults: MAX_RESULTS_LIMIT })
  if (kind === 'invoice')
    return (start) => select('Invoice').where('CustomerRef', 'in', ids).orderBy('Id').page(page(start))
  if (kind === 'estimate')
    return (start) => select('Estimate').where('CustomerRef', 'in', ids).orderBy('Id').page(page(start))
  return (start) => select('Payment').where('CustomerRef', 'in', ids).orderBy('Id').page(page(start))
}

/** The queries of the first round: direct ids first, then each chunk of customers for every kind. */
export function plannedQueries(wants: DocumentWants): Pending[] {
  const pending: Pending[] = []
  for (const kind of DOCUMENT_KINDS)
    for (const ids of chunks([...new Set(wants.ids[kind])], IN_LIST_SIZE))
      pending.push({ kind, query: byIds(kind, ids), start: 1 })
  for (const ids of chunks([...new Set(wants.customerIds)], IN_LIST_SIZE))
    for (const kind of DOCUMENT_KINDS) pending.push({ kind, query: byCustomers(kind, ids), start: 1 })
  return pending
}

/**
 * Reads everything `wants` names with as few QBO requests as batching allows; throws the first item's fault
 * (the caller translates it with `toAppError`).
 * @example
 * const docs = await fetchDocuments(access, { ids: { invoice: ['130'], estimate: [], payment: [] }, customerIds: ['58'] })
 */
export async function fetchDocuments(access: QboAccess, wants: DocumentWants): Promise<FetchedDocuments> {
  const found: FetchedDocuments = { invoice: new Map(), estimate: new Map(), payment: new Map() }
  let pending = plannedQueries(wants)
  for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
    const next: Pending[] = []
    // Whole batches per round: the client splits longer lists into requests of BATCH_LIMIT items.
    const items: BatchItem[] = pending.map((item) => ({ query: item.query(item.start) }))
    const results = await access.company.batch(items)
    results.forEach((result, index) => {
      const item = pending[index]
      if (!item) return
      if (!result.ok) throw result.error
      const rows = 'rows' in result ? (result.rows as QboDocument[]) : []
      for (const row of rows) if (row.Id) found[item.kind].set(row.Id, row)
      if (rows.length >= MAX_RESULTS_LIMIT) next.push({ ...item, start: item.start + MAX_RESULTS_LIMIT })
    })
    pending = next
  }
  return found
}

/** How many batch requests the first round of `wants` takes (the bound the list documents and tests). */
export const firstRoundRequests = (wants: DocumentWants): number =>
  Math.ceil(plannedQueries(wants).length / BATCH_LIMIT)
