/**
 * The tab read (tab-read.ts) through the cache: a warm tab costs no QBO call, concurrent opens of one tab share
 * one batch request, and `refresh` goes to QBO. The snapshot keeps the `readAt` of its QBO read, so the tab's
 * "as of" says how fresh the figures really are (DESIGN.md §1.3).
 */
import { createHash } from 'node:crypto'
import type { QboCompany } from '@ledgerlink/qbo'
import type { QboCache } from './qbo-cache'
import { anyOfTag, customerDocumentsTag, entityTag } from './qbo-cache-tags'
import type { TabReader, TabReadRequest, TabSnapshot } from './tab-read'

/** Options of a cached read; `workspaceId` scopes the entry (without it the entry is shared by the realm). */
export type CachedTabReadOptions = { refresh?: boolean; workspaceId?: string }

/** Reads by a realm shared by every workspace connected to it, when the caller does not name its workspace. */
const REALM_WIDE = '*'

/** The cache key of a tab read. */
export const tabCacheKey = (request: TabReadRequest): string => {
  if (request.kind === 'linked') return `tab:linked:${request.customerId}`
  const plan = createHash('sha256').update(JSON.stringify(request.queries)).digest('base64url')
  return `tab:unlinked:${plan}`
}

/**
 * What a tab snapshot depends on: the customer, its documents (any new one of its kinds), or, for the
 * candidates of an unlinked record, any customer.
 * @example
 * tabSnapshotTags({ kind: 'unlinked', customers: [], readAt }) // ['Customer:*']
 */
export const tabSnapshotTags = (snapshot: TabSnapshot, request: TabReadRequest): string[] => {
  if (snapshot.kind === 'unlinked') {
    return [anyOfTag('Customer'), ...snapshot.customers.map((c) => entityTag('Customer', c.Id ?? ''))]
  }
  const customerId = request.kind === 'linked' ? request.customerId : (snapshot.customer?.Id ?? '')
  return [
    entityTag('Customer', customerId),
    customerDocumentsTag(customerId),
    anyOfTag('Invoice'),
    anyOfTag('Estimate'),
    anyOfTag('Payment'),
    ...snapshot.invoices.map((d) => entityTag('Invoice', d.Id ?? '')),
    ...snapshot.estimates.map((d) => entityTag('Estimate', d.Id ?? '')),
    ...snapshot.payments.map((d) => entityTag('Payment', d.Id ?? '')),
  ]
}

/**
 * Wraps a tab reader with the cache. Pass `workspaceId` in the read options so each workspace has its own
 * entries.
 * @example
 * const reader = createCachedTabReader(cache, createTabReader())
 * await reader(company, { kind: 'linked', realmId, customerId: '42' }, { refresh: false, workspaceId })
 */
export const createCachedTabReader = (cache: QboCache, inner: TabReader): TabReader => {
  return (company: QboCompany, request: TabReadRequest, options: CachedTabReadOptions = {}) => {
    const scope = { workspaceId: options.workspaceId ?? REALM_WIDE, realmId: request.realmId }
    return cache
      .read(scope, tabCacheKey(request), () => inner(company, request, { refresh: true }), {
        bypass: options.refresh === true,
        tags: (snapshot) => tabSnapshotTags(snapshot, request),
      })
      .then((read) => read.value)
  }
}
