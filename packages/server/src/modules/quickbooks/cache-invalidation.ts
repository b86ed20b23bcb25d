/**
 * Cache invalidations shared by every server process of one PostgreSQL database (DESIGN.md §2: PostgreSQL is
 * the one engine needed to scale out). An invalidation is applied to this process's cache at once and written
 * to `qbo_cache_invalidations`; each process polls that table (every second by default) and applies what
 * other processes wrote. On SQLite (one process) invalidations stay in the process.
 *
 * Ids come from a sequence, but on PostgreSQL a row with a smaller id can commit after a larger one was seen:
 * each poll re-reads from the highest id seen a few seconds earlier and skips ids already applied.
 */
import { randomUUID } from 'node:crypto'
import { PostgresAdapter } from 'kysely'
import type { Db } from '../../db'
import type { CacheInvalidation, QboCache } from './qbo-cache'

export type CacheInvalidationLogger = { warn(obj: object, msg: string): void }

export type CacheInvalidationBusOptions = {
  db: Db
  cache: QboCache
  logger: CacheInvalidationLogger
  /** Share through the database (default: on PostgreSQL only). */
  shared?: boolean
  /** Poll interval (default 1 s). */
  pollMs?: number
  /** How far back each poll looks for late commits (default 5 s). */
  lookbackMs?: number
  /** Rows older than this are deleted (default 10 min). */
  retentionMs?: number
  now?: () => number
}

export type CacheInvalidationBus = {
  /** Applies the invalidation here and, when shared, to every other process within about `pollMs`. */
  publish(invalidation: CacheInvalidation): Promise<void>
  /** Reads and applies what other processes published since the last poll; returns how many. */
  poll(): Promise<number>
  /** Starts polling (no-op when not shared). */
  start(): Promise<void>
  /** Stops polling and waits for a poll in progress. */
  stop(): Promise<void>
}

const parseTags = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : []
  } catch {
    return []
  }
}

/**
 * Creates the bus of one process.
 * @example
 * const bus = createCacheInvalidationBus({ db, cache, logger: app.log })
 * await bus.start()
 * await bus.publish({ realmId, tags: ['Customer:42'] })
 */
export const createCacheInvalidationBus = (options: CacheInvalidationBusOptions): CacheInvalidationBus => {
  const { db, cache, logger } = options
  const shared = options.shared ?? db.getExecutor().adapter instanceof PostgresAdapter
  const pollMs = options.pollMs ?? 1_000
  const lookbackMs = options.lookbackMs ?? 5_000
  const retentionMs = options.retentionMs ?? 10 * 60_000
  const now = options.now ?? Date.now
  const origin = randomUUID()

  // (time, highest id seen) of recent polls: the lower bound of a poll is the highest id seen `lookbackMs` ago.
  let marks: Array<{ at: number; id: number }> = []
  let highest = 0
  const applied = new Set<number>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let lastPrune = 0

  const lowerBound = () => {
    const cutoff = now() - lookbackMs
    while (marks.length > 1 && (marks[1]?.at ?? Infinity) <= cutoff) marks.shift()
    return marks[0]?.id ?? highest
  }

  const prune = async () => {
    if (now() - lastPrune < retentionMs / 10) return
    lastPrune = now()
    await db
      .deleteFrom('qbo_cache_invalidations')
      .where('created_at', '<', new Date(now() - retentionMs).toISOString())
      .execute()
  }

  const poll = async (): Promise<number> => {
    if (!shared) return 0
    const from = lowerBound()
    const rows = await db
      .selectFrom('qbo_cache_invalidations')
      .select(['id', 'realm_id', 'workspace_id', 'tags', 'origin'])
      .where('id', '>', from)
      .orderBy('id')
      .limit(10_000)
      .execute()
    let count = 0
    for (const row of rows) {
      const id = Number(row.id)
      highest = Math.max(highest, id)
      if (applied.has(id)) continue
      applied.add(id)
      if (row.origin === origin) continue
      cache.invalidate({ realmId: row.realm_id, workspaceId: row.workspace_id, tags: parseTags(row.tags) })
      count++
    }
    marks.push({ at: now(), id: highest })
    const floor = lowerBound()
    for (const id of applied) if (id <= floor) applied.delete(id)
    await prune()
    return count
  }

  const tick = () => {
    running = running
      .then(poll)
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error)?.message }, 'could not read QuickBooks cache invalidations'),
      )
  }

  return {
    async publish(invalidation) {
      cache.invalidate(invalidation)
      if (!shared) return
      await db
        .insertInto('qbo_cache_invalidations')
        .values({
          realm_id: invalidation.realmId,
          workspace_id: invalidation.workspaceId ?? null,
          tags: JSON.stringify(invalidation.tags),
          origin,
          created_at: new Date(now()).toISOString(),
        })
        .execute()
    },
    poll,
    async start() {
      if (!shared || timer) return
      // Start from what exists now: older invalidations concern entries this process never had.
      const row = await db
        .selectFrom('qbo_cache_invalidations')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst()
      highest = Number(row?.max ?? 0)
      marks = [{ at: now(), id: highest }]
      timer = setInterval(tick, pollMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running
    },
  }
}
