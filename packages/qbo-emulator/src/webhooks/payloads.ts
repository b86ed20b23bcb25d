import { createHash, randomUUID } from 'node:crypto'
import type { ChangeEvent } from '../store'

/** The two payload formats Intuit delivers (API-NOTES.md §7). */
export type WebhookFormat = 'legacy' | 'cloudevents'

/** The CloudEvents verb of each operation: `qbo.<entity>.<verb>.v1` (§7; verbs other than created unverified). */
const VERBS: Record<ChangeEvent['operation'], string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Void: 'voided',
  Merge: 'merged',
}

/**
 * A legacy payload: one `eventNotifications` element per realm, entities in the order they changed.
 *
 * @example
 * legacyPayload('9130357766900456', [{ realmId: '9130357766900456', entity: 'Customer', id: '1', operation: 'Create', lastUpdated: '2026-11-24T16:15:00.000Z' }])
 * // { eventNotifications: [{ realmId: '9130357766900456', dataChangeEvent: { entities: [{ name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2026-11-24T16:15:00.000Z' }] } }] }
 */
export function legacyPayload(realmId: string, events: readonly ChangeEvent[]) {
  return {
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: events.map((e) => ({
            name: e.entity,
            id: e.id,
            operation: e.operation,
            lastUpdated: e.lastUpdated,
          })),
        },
      },
    ],
  }
}

/**
 * The opaque `source` of CloudEvents (`intuit.<opaque>`): a stable base64 digest, so one emulator always
 * sends the same source, like one Intuit app does.
 *
 * @example
 * cloudEventsSource('ledgerlink-qbo-emulator') // 'intuit.' + 44 base64 characters
 */
export function cloudEventsSource(seed: string): string {
  return `intuit.${createHash('sha256').update(seed).digest('base64')}`
}

/**
 * A CloudEvents payload: a JSON array with one event per change (`intuitaccountid` = realmId,
 * `intuitentityid` = entity Id, `data` = `{}`).
 *
 * @example
 * cloudEventsPayload(events, { source: cloudEventsSource('x') })[0]?.type // 'qbo.customer.created.v1'
 */
export function cloudEventsPayload(
  events: readonly ChangeEvent[],
  opts: { source: string; newId?: () => string },
) {
  const newId = opts.newId ?? randomUUID
  return events.map((e) => ({
    specversion: '1.0',
    id: newId(),
    source: opts.source,
    type: `qbo.${e.entity.toLowerCase()}.${VERBS[e.operation]}.v1`,
    datacontenttype: 'application/json',
    time: e.lastUpdated,
    intuitentityid: e.id,
    intuitaccountid: e.realmId,
    data: {},
  }))
}

/**
 * The raw body of one delivery, in the chosen format (the signature covers exactly these bytes).
 *
 * @example
 * webhookBody('legacy', '9130357766900456', events, { source: 'intuit.x' })
 */
export function webhookBody(
  format: WebhookFormat,
  realmId: string,
  events: readonly ChangeEvent[],
  opts: { source: string; newId?: () => string },
): string {
  return JSON.stringify(
    format === 'legacy' ? legacyPayload(realmId, events) : cloudEventsPayload(events, opts),
  )
}
