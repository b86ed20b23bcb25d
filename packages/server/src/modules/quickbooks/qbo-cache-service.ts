/**
 * The QuickBooks read cache of one server process, with what keeps it honest: the invalidation bus shared
 * through the database, the webhook receiver's worker, and the change-data-capture reconciler. Built once in
 * app.ts; started when the app is ready and stopped when it closes.
 */
import type { Config } from '../../config'
import type { Db } from '../../db'
import { type CacheInvalidationBus, createCacheInvalidationBus } from './cache-invalidation'
import { type CdcReconciler, createCdcReconciler } from './cdc-reconciler'
import type { Quickbooks } from './gateway'
import { createQboCache, type QboCache } from './qbo-cache'
import { createCachedTabReader } from './qbo-cache-tab-reader'
import type { TabReader } from './tab-read'
import { createWebhookReceiver, type WebhookReceiver } from './webhook-receiver'

export type QboCacheServiceLogger = {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export type QboCacheServiceDeps = {
  db: Db
  config: Pick<Config, 'qboCache'>
  logger: QboCacheServiceLogger
  quickbooks: Pick<Quickbooks, 'companyFor'>
  now?: () => number
  /** Share invalidations through the database (default: on PostgreSQL). */
  shared?: boolean
}

export type QboCacheService = {
  readonly cache: QboCache
  readonly bus: CacheInvalidationBus
  readonly webhooks: WebhookReceiver
  readonly reconciler: CdcReconciler
  /** The verifier token of Intuit webhooks, when configured. */
  readonly webhookVerifierToken: string | undefined
  /** Wraps the tab's QBO read with the cache (pass `workspaceId` in its read options). */
  cachedTabReader(inner: TabReader): TabReader
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * @example
 * const qboCache = createQboCacheService({ db, config, logger: app.log, quickbooks })
 * app.addHook('onReady', () => qboCache.start())
 * app.addHook('onClose', () => qboCache.stop())
 */
export const createQboCacheService = (deps: QboCacheServiceDeps): QboCacheService => {
  const { db, config, logger } = deps
  const now = deps.now ?? Date.now
  const cache = createQboCache({ freshnessMs: config.qboCache.freshnessMs, now })
  const bus = createCacheInvalidationBus({
    db,
    cache,
    logger,
    now,
    ...(deps.shared === undefined ? {} : { shared: deps.shared }),
  })
  const webhooks = createWebhookReceiver({ db, bus, logger, now })
  const reconciler = createCdcReconciler({
    db,
    bus,
    logger,
    now,
    intervalMs: config.qboCache.reconcileIntervalMs,
    companyFor: (workspaceId) => deps.quickbooks.companyFor({ workspaceId, userId: null }),
  })
  return {
    cache,
    bus,
    webhooks,
    reconciler,
    webhookVerifierToken: config.qboCache.webhookVerifierToken,
    cachedTabReader: (inner) => createCachedTabReader(cache, inner),
    async start() {
      await bus.start()
      reconciler.start()
    },
    async stop() {
      await reconciler.stop()
      await webhooks.drain()
      await bus.stop()
    },
  }
}
