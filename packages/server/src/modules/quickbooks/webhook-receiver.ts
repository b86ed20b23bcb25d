/**
 * What happens after a webhook is verified: Intuit wants a 200 within 3 s (API-NOTES §7), so the route only
 * queues the notifications here and answers; this worker then drops notifications already handled (Intuit
 * retries, and a replayed delivery must change nothing), finds the workspaces connected to each realm, and
 * publishes the cache invalidations (to every server process, see cache-invalidation.ts).
 *
 * Webhooks only ever invalidate: they carry ids, never data, and nothing is written to QBO or CRM records.
 */
import type { Db } from '../../db'
import type { CacheInvalidationBus } from './cache-invalidation'
import { isCachedEntity, tagsForChange } from './qbo-cache-tags'
import type { WebhookNotification } from './webhook-payload'

export type WebhookReceiverLogger = {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export type WebhookReceiverDeps = {
  db: Db
  bus: CacheInvalidationBus
  logger: WebhookReceiverLogger
  now?: () => number
  /** Deliveries waiting at most; beyond it the route answers 503 and Intuit retries later (default 1,000). */
  maxPending?: number
  /** How long handled notification ids are remembered (default 7 days, longer than Intuit's retries, §7). */
  retentionMs?: number
}

export type WebhookOutcome = { invalidated: number; replayed: number; unknownRealm: number; ignored: number }

export type WebhookReceiver = {
  /** Queues one delivery's notifications; false when the queue is full. */
  enqueue(notifications: readonly WebhookNotification[]): boolean
  /** Handles one delivery now (the queue calls this). */
  handle(notifications: readonly WebhookNotification[]): Promise<WebhookOutcome>
  /** Resolves once every queued delivery is handled. */
  drain(): Promise<void>
  pending(): number
}

const CHUNK = 500

/**
 * Creates the receiver's worker.
 * @example
 * const receiver = createWebhookReceiver({ db, bus, logger: app.log })
 * if (!receiver.enqueue(parseWebhookPayload(rawBody))) reply.code(503)
 */
export const createWebhookReceiver = (deps: WebhookReceiverDeps): WebhookReceiver => {
  const { db, bus, logger } = deps
  const now = deps.now ?? Date.now
  const maxPending = deps.maxPending ?? 1_000
  const retentionMs = deps.retentionMs ?? 7 * 24 * 3_600_000
  let chain: Promise<void> = Promise.resolve()
  let pending = 0
  let lastPrune = 0

  /** The notifications not seen before; recording them and checking is one statement per chunk. */
  const firstSeen = async (notifications: readonly WebhookNotification[]) => {
    const receivedAt = new Date(now()).toISOString()
    const unique = [...new Map(notifications.map((n) => [n.notificationId, n])).values()]
    const fresh = new Set<string>()
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await db
        .insertInto('qbo_webhook_notifications')
        .values(
          unique
            .slice(i, i + CHUNK)
            .map((n) => ({ notification_id: n.notificationId, received_at: receivedAt })),
        )
        .onConflict((oc) => oc.column('notification_id').doNothing())
        .returning('notification_id')
        .execute()
      for (const row of rows) fresh.add(row.notification_id)
    }
    return unique.filter((n) => fresh.has(n.notificationId))
  }

  const prune = async () => {
    if (now() - lastPrune < 3_600_000) return
    lastPrune = now()
    await db
      .deleteFrom('qbo_webhook_notifications')
      .where('received_at', '<', new Date(now() - retentionMs).toISOString())
      .execute()
  }

  const handle = async (notifications: readonly WebhookNotification[]): Promise<WebhookOutcome> => {
    const relevant = notifications.filter((n) => isCachedEntity(n.entity))
    const outcome: WebhookOutcome = {
      invalidated: 0,
      replayed: 0,
      unknownRealm: 0,
      ignored: notifications.length - relevant.length,
    }
    if (relevant.length === 0) return outcome
    const fresh = await firstSeen(relevant)
    outcome.replayed = new Set(relevant.map((n) => n.notificationId)).size - fresh.length
    const byRealm = new Map<string, WebhookNotification[]>()
    for (const n of fresh) byRealm.set(n.realmId, [...(byRealm.get(n.realmId) ?? []), n])
    if (byRealm.size > 0) {
      const connections = await db
        .selectFrom('qbo_connections')
        .select(['workspace_id', 'realm_id'])
        .where('realm_id', 'in', [...byRealm.keys()])
        .where('status', '!=', 'disconnected')
        .execute()
      for (const [realmId, changes] of byRealm) {
        const workspaces = connections.filter((c) => c.realm_id === realmId).map((c) => c.workspace_id)
        if (workspaces.length === 0) {
          outcome.unknownRealm += changes.length
          continue
        }
        const tags = [...new Set(changes.flatMap((n) => tagsForChange(n)))]
        for (const workspaceId of workspaces) await bus.publish({ realmId, workspaceId, tags })
        outcome.invalidated += changes.length
      }
    }
    await prune()
    return outcome
  }

  return {
    enqueue(notifications) {
      if (pending >= maxPending) return false
      pending++
      chain = chain
        .then(async () => {
          const outcome = await handle(notifications)
          if (outcome.invalidated > 0 || outcome.replayed > 0)
            logger.info({ ...outcome }, 'QuickBooks webhook handled')
        })
        .catch((error: unknown) =>
          logger.warn({ err: (error as Error)?.message }, 'could not handle a QuickBooks webhook'),
        )
        .finally(() => {
          pending--
        })
      return true
    },
    handle,
    drain: async () => {
      // A delivery queued while draining is waited for too.
      let seen: Promise<void> | undefined
      while (seen !== chain) {
        seen = chain
        await chain
      }
    },
    pending: () => pending,
  }
}
