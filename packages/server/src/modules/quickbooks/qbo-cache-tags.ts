/**
 * The vocabulary of cache tags: how a cached read says what it depends on, and how a change from QBO (a
 * webhook event or a change-data-capture row) says what it affects. Tags are plain strings within a realm.
 *
 * Webhook events carry ids only (API-NOTES §7), so a new invoice's customer is unknown from the event alone:
 * a document created or merged without a known customer invalidates every read listing that kind of document
 * (`Invoice:*`). Change data capture returns whole objects (§6) and names the customer (`documents-of:42`).
 */

/** Entities whose changes the cached QuickBooks reads depend on. */
export type CachedEntity = 'Customer' | 'Invoice' | 'Estimate' | 'Payment'

export type EntityOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed'

/** One change in a company, from a webhook or change data capture. */
export type EntityChange = {
  realmId: string
  entity: string
  id: string
  operation?: EntityOperation | undefined
  /** The customer a document belongs to, when known (change data capture). */
  customerId?: string | undefined
  /** Merge events name the record merged away (API-NOTES §7). */
  deletedId?: string | undefined
}

const CACHED: ReadonlySet<string> = new Set<CachedEntity>(['Customer', 'Invoice', 'Estimate', 'Payment'])

/** A cached entity's own tag. @example entityTag('Customer', '42') // 'Customer:42' */
export const entityTag = (entity: CachedEntity, id: string) => `${entity}:${id}`

/** Depends on every object of a kind (a search, or a list a new object may join). */
export const anyOfTag = (entity: CachedEntity) => `${entity}:*`

/** Depends on the documents of one customer. */
export const customerDocumentsTag = (customerId: string) => `documents-of:${customerId}`

/** True for the entities cached reads depend on (Vendor, Account… changes invalidate nothing). */
export const isCachedEntity = (entity: string): entity is CachedEntity => CACHED.has(entity)

/**
 * The tags a change invalidates.
 * @example
 * tagsForChange({ realmId: '1', entity: 'Invoice', id: '7', customerId: '42' }) // ['Invoice:7', 'documents-of:42']
 */
export const tagsForChange = (change: EntityChange): string[] => {
  if (!isCachedEntity(change.entity)) return []
  const tags = [entityTag(change.entity, change.id)]
  if (change.deletedId) tags.push(entityTag(change.entity, change.deletedId))
  if (change.entity === 'Customer') {
    // Any customer change may change a search's results (a candidate list of an unlinked record).
    tags.push(anyOfTag('Customer'), customerDocumentsTag(change.id))
    return tags
  }
  if (change.customerId) tags.push(customerDocumentsTag(change.customerId))
  else if (change.operation === undefined || change.operation === 'Create' || change.operation === 'Merge') {
    tags.push(anyOfTag(change.entity))
  }
  return tags
}
