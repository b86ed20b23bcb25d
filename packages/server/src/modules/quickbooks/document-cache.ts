/**
 * The documents of an opportunity's or project's list (document-fetch.ts) through the QBO read cache: opening
 * the tab again, paging or changing Show within the freshness window costs no QBO call, and concurrent opens
 * share one read. What is read depends only on the direct links and the linked customers, so those make the
 * key; a webhook or change-data-capture notice about any of the documents or customers drops the entry
 * (qbo-cache-tags.ts), and Refresh reads QBO again.
 */
import { createHash } from 'node:crypto'
import { type DocumentWants, type FetchedDocuments, fetchDocuments } from './document-fetch'
import type { QboAccess, QboDocument } from './document-kinds'
import type { DocumentType } from './documents'
import type { QboCache } from './qbo-cache'
import { anyOfTag, customerDocumentsTag, entityTag } from './qbo-cache-tags'

/** What the list reads, with the time QBO was read (the list's "as of"). */
export type DocumentsRead = { fetched: FetchedDocuments; asOf: string }

/** Reads the documents `wants` names for a workspace; `refresh` goes to QBO whatever the cache holds. */
export type DocumentReader = (
  workspaceId: string,
  access: QboAccess,
  wants: DocumentWants,
  options: { refresh: boolean; now: Date },
) => Promise<DocumentsRead>

const KINDS: readonly DocumentType[] = ['invoice', 'estimate', 'payment']
const ENTITY = { invoice: 'Invoice', estimate: 'Estimate', payment: 'Payment' } as const

/** Cached as plain lists (a Map has no JSON text, which the cache measures its size by). */
type CachedDocuments = Record<DocumentType, QboDocument[]>

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort()

/** The cache key: the same direct links and customers, in any order, are the same read. */
export const documentsCacheKey = (wants: DocumentWants): string => {
  const canonical = JSON.stringify({
    ids: KINDS.map((kind) => sorted(wants.ids[kind])),
    customers: sorted(wants.customerIds),
  })
  return `documents:${createHash('sha256').update(canonical).digest('base64url')}`
}

/**
 * What the entry depends on: each document read or asked for by id, the customers' documents, and any new
 * document whose customer a notice does not name.
 * @example
 * documentsCacheTags({ ids: { invoice: ['130'], estimate: [], payment: [] }, customerIds: [] }, { invoice: [], estimate: [], payment: [] })
 * // ['Invoice:*', 'Estimate:*', 'Payment:*', 'Invoice:130']
 */
export const documentsCacheTags = (wants: DocumentWants, read: CachedDocuments): string[] => {
  const tags = new Set<string>(KINDS.map((kind) => anyOfTag(ENTITY[kind])))
  for (const kind of KINDS) {
    for (const id of wants.ids[kind]) tags.add(entityTag(ENTITY[kind], id))
    for (const document of read[kind]) tags.add(entityTag(ENTITY[kind], document.Id ?? ''))
  }
  for (const customerId of wants.customerIds) tags.add(customerDocumentsTag(customerId))
  return [...tags]
}

const toLists = (fetched: FetchedDocuments): CachedDocuments => ({
  invoice: [...fetched.invoice.values()],
  estimate: [...fetched.estimate.values()],
  payment: [...fetched.payment.values()],
})

const toMaps = (lists: CachedDocuments): FetchedDocuments => {
  const maps: FetchedDocuments = { invoice: new Map(), estimate: new Map(), payment: new Map() }
  for (const kind of KINDS) for (const document of lists[kind]) maps[kind].set(document.Id ?? '', document)
  return maps
}

/**
 * @example
 * const read = createCachedDocumentReader(cache)
 * const { fetched, asOf } = await read(workspaceId, access, wants, { refresh: false, now: new Date() })
 */
export const createCachedDocumentReader =
  (cache: QboCache): DocumentReader =>
  async (workspaceId, access, wants, { refresh }) => {
    const read = await cache.read(
      { workspaceId, realmId: access.realmId },
      documentsCacheKey(wants),
      async () => toLists(await fetchDocuments(access, wants)),
      { bypass: refresh, tags: (lists) => documentsCacheTags(wants, lists) },
    )
    return { fetched: toMaps(read.value), asOf: read.asOf }
  }

/** Straight to QBO every time (no cache configured). */
export const directDocumentReader: DocumentReader = async (_workspaceId, access, wants, { now }) => ({
  fetched: await fetchDocuments(access, wants),
  asOf: now.toISOString(),
})
