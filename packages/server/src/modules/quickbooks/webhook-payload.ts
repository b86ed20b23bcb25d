/**
 * Reads both webhook payload formats Intuit delivers (API-NOTES §7) into one list of notifications:
 * - legacy: `{"eventNotifications": [{ realmId, dataChangeEvent: { entities: [{ name, id, operation,
 *   lastUpdated, deletedId? }] } }]}` — no notification id, so one is derived from the event's content;
 * - CloudEvents: a JSON array of `{ id, type: "qbo.<entity>.<verb>.v1", intuitaccountid (realm),
 *   intuitentityid, time }`.
 * Anything else is refused (the caller answers 400).
 */
import { createHash } from 'node:crypto'
import type { EntityOperation } from './qbo-cache-tags'

/** One entity change a webhook reported. */
export type WebhookNotification = {
  /** The CloudEvents id, or a digest of a legacy event's content (a retried delivery gives the same). */
  notificationId: string
  realmId: string
  /** QBO's entity name, capitalised as in the Accounting API (`Customer`, `Invoice`, …). */
  entity: string
  id: string
  operation: EntityOperation | undefined
  deletedId: string | undefined
  occurredAt: string | undefined
}

export class WebhookPayloadError extends Error {
  override name = 'WebhookPayloadError'
}

const OPERATIONS: ReadonlySet<string> = new Set<EntityOperation>([
  'Create',
  'Update',
  'Delete',
  'Merge',
  'Void',
  'Emailed',
])

/** CloudEvents verbs (`qbo.invoice.created.v1`); only `created` is verified, the rest follow its pattern (§7). */
const VERBS: Record<string, EntityOperation> = {
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  merged: 'Merge',
  voided: 'Void',
  emailed: 'Emailed',
}

/** CloudEvents name entities in lower case; the cache speaks the Accounting API's names. */
const ENTITY_NAMES: Record<string, string> = {
  customer: 'Customer',
  invoice: 'Invoice',
  estimate: 'Estimate',
  payment: 'Payment',
  vendor: 'Vendor',
  employee: 'Employee',
}

const MAX_ID_LENGTH = 200

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: unknown): string | undefined =>
  (typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH) || typeof value === 'number'
    ? String(value)
    : undefined

const capitalised = (name: string) =>
  ENTITY_NAMES[name.toLowerCase()] ?? name.charAt(0).toUpperCase() + name.slice(1)

const digest = (parts: ReadonlyArray<string | undefined>) =>
  `legacy:${createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('base64url')}`

const fromLegacy = (body: Record<string, unknown>): WebhookNotification[] => {
  const notifications = body.eventNotifications
  if (!Array.isArray(notifications)) throw new WebhookPayloadError('eventNotifications must be an array')
  const result: WebhookNotification[] = []
  for (const notification of notifications) {
    if (!isRecord(notification)) throw new WebhookPayloadError('each event notification must be an object')
    const realmId = text(notification.realmId)
    if (!realmId) throw new WebhookPayloadError('an event notification has no realmId')
    const change = notification.dataChangeEvent
    const entities = isRecord(change) ? change.entities : undefined
    if (!Array.isArray(entities)) throw new WebhookPayloadError('dataChangeEvent.entities must be an array')
    for (const entity of entities) {
      if (!isRecord(entity)) throw new WebhookPayloadError('each changed entity must be an object')
      const name = text(entity.name)
      const id = text(entity.id)
      if (!name || !id) throw new WebhookPayloadError('a changed entity has no name or id')
      const operation =
        typeof entity.operation === 'string' && OPERATIONS.has(entity.operation)
          ? entity.operation
          : undefined
      const lastUpdated = text(entity.lastUpdated)
      // The merged-away record's casing is unverified (§7): accept either.
      const deletedId = text(entity.deletedId) ?? text(entity.deletedID)
      result.push({
        notificationId: digest([realmId, name, id, text(entity.operation), lastUpdated, deletedId]),
        realmId,
        entity: capitalised(name),
        id,
        operation: operation as EntityOperation | undefined,
        deletedId,
        occurredAt: lastUpdated,
      })
    }
  }
  return result
}

const fromCloudEvents = (events: unknown[]): WebhookNotification[] =>
  events.map((event) => {
    if (!isRecord(event)) throw new WebhookPayloadError('each CloudEvent must be an object')
    const id = text(event.id)
    const realmId = text(event.intuitaccountid)
    const entityId = text(event.intuitentityid)
    const type = typeof event.type === 'string' ? /^qbo\.([a-z_]+)\.([a-z_]+)\.v\d+$/i.exec(event.type) : null
    if (!id || !realmId || !entityId || !type) {
      throw new WebhookPayloadError('a CloudEvent lacks id, type, intuitaccountid or intuitentityid')
    }
    return {
      notificationId: `cloudevent:${id}`,
      realmId,
      entity: capitalised(type[1] ?? ''),
      id: entityId,
      operation: VERBS[(type[2] ?? '').toLowerCase()],
      deletedId: undefined,
      occurredAt: text(event.time),
    }
  })

/**
 * Parses a verified webhook body.
 * @example
 * parseWebhookPayload(Buffer.from('[{"id":"e1","type":"qbo.customer.updated.v1","intuitaccountid":"1","intuitentityid":"5"}]'))
 * // [{ notificationId: 'cloudevent:e1', realmId: '1', entity: 'Customer', id: '5', operation: 'Update', … }]
 */
export const parseWebhookPayload = (rawBody: Buffer): WebhookNotification[] => {
  let body: unknown
  try {
    body = JSON.parse(rawBody.toString('utf8'))
  } catch {
    throw new WebhookPayloadError('the body is not JSON')
  }
  // An array means CloudEvents; an object with eventNotifications means the legacy format (§7).
  if (Array.isArray(body)) return fromCloudEvents(body)
  if (isRecord(body) && 'eventNotifications' in body) return fromLegacy(body)
  throw new WebhookPayloadError(
    'the body is neither a CloudEvents array nor a legacy eventNotifications object',
  )
}
