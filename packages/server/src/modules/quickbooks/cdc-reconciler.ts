/**
 * The safety net under webhooks: on a schedule, for each connected company, change data capture since the
 * connection's checkpoint (API-NOTES §6) says which customers and documents changed, and their cache entries
 * are invalidated. Webhooks can be late, out of order or lost (§7: "reconcile with CDC"); CDC also names the
 * customer of each changed document, which a webhook's ids cannot.
 *
 * One CDC call per company per interval. The checkpoint lives in the database, and a process claims a
 * connection's turn with a compare-and-set on it, so several server processes do not repeat each other's
 * calls. Nothing is written to QBO or to CRM records: CDC results only invalidate.
 */
import type { CdcEntityName, QboCompany } from '@ledgerlink/qbo'
import type { Db } from '../../db'
import type { CacheInvalidationBus } from './cache-invalidation'
import { ALL_ENTRIES_TAG } from './qbo-cache'
import { tagsForChange } from './qbo-cache-tags'

const ENTITIES: readonly CdcEntityName[] = ['Customer', 'Invoice', 'Estimate', 'Payment']

/** QBO looks back at most 30 days (§6); a checkpoint near that age is treated as a gap. */
const MAX_LOOKBACK_MS = 29 * 24 * 3_600_000

/** A CDC response holds at most 1000 objects (§6): at that count, later changes may be missing. */
const CDC_MAX_OBJECTS = 1000

export type CdcReconcilerLogger = {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export type CdcReconcilerDeps = {
  db: Db
  bus: CacheInvalidationBus
  logger: CdcReconcilerLogger
  /** The workspace's company API (throws when it is not connected or needs reconnecting). */
  companyFor: (workspaceId: string) => Promise<{ realmId: string; company: QboCompany }>
  /** Time between ticks; 0 disables the schedule (ticks can still be run by hand). */
  intervalMs: number
  now?: () => number
}

export type ReconcileOutcome = {
  /** Connections whose changes were read. */
  reconciled: number
  /** Changed or deleted objects seen. */
  changes: number
  /** Connections skipped: first seen (checkpoint set), another process's turn, or not reachable. */
  skipped: number
}

export type CdcReconciler = {
  /** One pass over every connected company. */
  tick(): Promise<ReconcileOutcome>
  start(): void
  /** Stops the schedule and waits for a tick in progress. */
  stop(): Promise<void>
}

type Document = { CustomerRef?: { value?: string } }

/**
 * Creates the reconciler.
 * @example
 * const reconciler = createCdcReconciler({ db, bus, logger, intervalMs: 300_000,
 *   companyFor: (workspaceId) => quickbooks.companyFor({ workspaceId, userId: null }) })
 * reconciler.start()
 */
export const createCdcReconciler = (deps: CdcReconcilerDeps): CdcReconciler => {
  const { db, bus, logger } = deps
  const now = deps.now ?? Date.now
  let timer: NodeJS.Timeout | undefined
  let running: Promise<ReconcileOutcome> | undefined

  /** Takes this connection's turn: true when its checkpoint was not moved by another process meanwhile. */
  const claim = async (workspaceId: string, seenUpdatedAt: string, at: string) => {
    const result = await db
      .updateTable('qbo_cdc_checkpoints')
      .set({ updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('updated_at', '=', seenUpdatedAt)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  const reconcile = async (
    workspaceId: string,
    realmId: string,
    outcome: ReconcileOutcome,
  ): Promise<void> => {
    const at = new Date(now()).toISOString()
    const checkpoint = await db
      .selectFrom('qbo_cdc_checkpoints')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!checkpoint || checkpoint.realm_id !== realmId) {
      // A new connection (or another company): cached reads of it are younger than the freshness window.
      await db
        .insertInto('qbo_cdc_checkpoints')
        .values({ workspace_id: workspaceId, realm_id: realmId, changed_since: at, updated_at: at })
        .onConflict((oc) =>
          oc.column('workspace_id').doUpdateSet({ realm_id: realmId, changed_since: at, updated_at: at }),
        )
        .execute()
      outcome.skipped++
      return
    }
    // Another process reconciled this connection less than half an interval ago.
    if (deps.intervalMs > 0 && Date.parse(checkpoint.updated_at) > now() - deps.intervalMs / 2) {
      outcome.skipped++
      return
    }
    if (!(await claim(workspaceId, checkpoint.updated_at, at))) {
      outcome.skipped++
      return
    }
    let access: { realmId: string; company: QboCompany }
    try {
      access = await deps.companyFor(workspaceId)
    } catch {
      outcome.skipped++
      return
    }
    if (access.realmId !== realmId) {
      outcome.skipped++
      return
    }
    const since = Date.parse(checkpoint.changed_since)
    let tags: string[]
    let next = at
    if (!Number.isFinite(since) || now() - since > MAX_LOOKBACK_MS) {
      // Too long a gap for CDC to cover: nothing cached can be trusted.
      tags = [ALL_ENTRIES_TAG]
    } else {
      const result = await access.company.cdc(ENTITIES, checkpoint.changed_since)
      const found = new Set<string>()
      let objects = 0
      for (const entity of ENTITIES) {
        const { changed, deleted } = result.changes[entity]
        objects += changed.length + deleted.length
        for (const object of changed) {
          if (object.Id === undefined) continue
          const customerId = entity === 'Customer' ? undefined : (object as Document).CustomerRef?.value
          for (const tag of tagsForChange({
            realmId,
            entity,
            id: String(object.Id),
            customerId,
            operation: 'Update',
          }))
            found.add(tag)
        }
        for (const gone of deleted) {
          for (const tag of tagsForChange({ realmId, entity, id: gone.Id, operation: 'Delete' }))
            found.add(tag)
        }
      }
      outcome.changes += objects
      tags = objects >= CDC_MAX_OBJECTS ? [ALL_ENTRIES_TAG] : [...found]
      // QBO's own clock decides the next window (§6); overlapping windows only repeat invalidations.
      if (result.time) next = result.time
    }
    if (tags.length > 0) await bus.publish({ realmId, workspaceId, tags })
    await db
      .updateTable('qbo_cdc_checkpoints')
      .set({ changed_since: next, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .execute()
    outcome.reconciled++
  }

  const tick = async (): Promise<ReconcileOutcome> => {
    const outcome: ReconcileOutcome = { reconciled: 0, changes: 0, skipped: 0 }
    const connections = await db
      .selectFrom('qbo_connections')
      .select(['workspace_id', 'realm_id'])
      .where('status', '=', 'connected')
      .where('token_ciphertext', 'is not', null)
      .execute()
    for (const connection of connections) {
      try {
        await reconcile(connection.workspace_id, connection.realm_id, outcome)
      } catch (error) {
        outcome.skipped++
        logger.warn(
          { workspaceId: connection.workspace_id, err: (error as Error)?.message },
          'QuickBooks change data capture failed; the cache relies on webhooks and its freshness window',
        )
      }
    }
    return outcome
  }

  const scheduled = () => {
    if (running) return
    running = tick()
    running
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error)?.message }, 'QuickBooks change data capture failed'),
      )
      .finally(() => {
        running = undefined
      })
  }

  return {
    tick,
    start() {
      if (timer || deps.intervalMs <= 0) return
      timer = setInterval(scheduled, deps.intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}
