/**
 * The per-company rate-limit counters in the database, so that every server process sharing it keeps a QBO
 * company within QBO's limits together (API-NOTES §9: 500 requests a minute and 10 at a time, per realm and
 * app, whichever process sends them; DESIGN.md §2).
 *
 * One row per request (or batch) counted against a limiter key. `consume` checks and records under a lock on
 * the key (a transaction-scoped advisory lock on PostgreSQL; SQLite transactions are serialised already), so
 * two processes can never both take the last slot.
 *
 * Concurrency: the client's limiter gates concurrency only within its process. The store sees each request
 * start (`consume`) and finish (`settle`), so it can also count requests in flight across processes: a row
 * stays `in_flight` until settled, and is no longer counted after `staleAfterMs` (QBO gives up on a request
 * after 120 s, §9; a crashed process never settles its rows).
 *
 * A key's old rows are deleted by its next `consume`, so a company no longer called keeps at most its last
 * window's rows (at most the per-minute limit).
 */
import { randomUUID } from 'node:crypto'
import type { RateLimitResult, RateLimitStore } from '@ledgerlink/qbo'
import { PostgresAdapter, sql } from 'kysely'
import type { Db } from '../../db'

/** QBO abandons a request after 120 s (API-NOTES §9): a row in flight longer than that is a lost settle. */
const DEFAULT_STALE_AFTER_MS = 120_000

export type DbRateLimitStoreOptions = {
  db: Db
  /**
   * A limit on requests in flight at once across every process, for keys ending in `keySuffix` (default
   * `':requests'`, the key @ledgerlink/qbo's limiter consumes once per HTTP request). When full, `consume`
   * answers "retry after `pollMs`" (default 25 ms).
   */
  concurrency?: { limit: number; keySuffix?: string; pollMs?: number; staleAfterMs?: number }
  /** Names this store's rows (default: a random id per instance, i.e. per process). */
  owner?: string
}

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter

/**
 * The RateLimitStore of @ledgerlink/qbo on the application database.
 * @example
 * const store = createDbRateLimitStore({ db, concurrency: { limit: 10 } })
 * const client = createQboClient({ ...options, rateLimitStore: store })
 */
export const createDbRateLimitStore = (options: DbRateLimitStoreOptions): RateLimitStore => {
  const { db } = options
  const owner = options.owner ?? randomUUID()
  const postgres = isPostgres(db)
  const concurrency = options.concurrency
  const suffix = concurrency?.keySuffix ?? ':requests'
  const pollMs = concurrency?.pollMs ?? 25
  const staleAfterMs = concurrency?.staleAfterMs ?? DEFAULT_STALE_AFTER_MS

  return {
    async consume(key, cost, limit, windowMs, nowMs): Promise<RateLimitResult> {
      if (cost > limit) throw new RangeError(`cost ${cost} exceeds limit ${limit}`)
      const gated = concurrency !== undefined && key.endsWith(suffix)
      return db.transaction().execute(async (trx) => {
        if (postgres) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx)
        const windowStart = nowMs - windowMs
        await trx
          .deleteFrom('qbo_rate_limit_entries')
          .where('limit_key', '=', key)
          .where((eb) =>
            eb.or([
              eb.and([eb('in_flight', '=', 0), eb('at_ms', '<=', windowStart)]),
              eb('at_ms', '<=', nowMs - Math.max(windowMs, staleAfterMs)),
            ]),
          )
          .execute()
        if (gated) {
          const running = await trx
            .selectFrom('qbo_rate_limit_entries')
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .where('limit_key', '=', key)
            .where('in_flight', '=', 1)
            .where('at_ms', '>', nowMs - staleAfterMs)
            .executeTakeFirstOrThrow()
          if (Number(running.count) >= concurrency.limit) return { allowed: false, retryAfterMs: pollMs }
        }
        const rows = await trx
          .selectFrom('qbo_rate_limit_entries')
          .select(['at_ms', 'cost'])
          .where('limit_key', '=', key)
          .where('at_ms', '>', windowStart)
          .orderBy('at_ms')
          .execute()
        const used = rows.reduce((sum, row) => sum + Number(row.cost), 0)
        if (used + cost <= limit) {
          await trx
            .insertInto('qbo_rate_limit_entries')
            .values({ limit_key: key, at_ms: nowMs, cost, owner, in_flight: 1 })
            .execute()
          return { allowed: true }
        }
        // The oldest entries must leave the window until `cost` more fit: the last of those decides the wait.
        let freed = 0
        let blocking = nowMs
        for (const row of rows) {
          freed += Number(row.cost)
          blocking = Number(row.at_ms)
          if (used - freed + cost <= limit) break
        }
        return { allowed: false, retryAfterMs: Math.max(1, blocking + windowMs - nowMs) }
      })
    },

    async settle(key, cost, fromMs, toMs) {
      // The request finished: it no longer runs, and it stays in the window until `toMs + window` (QBO may
      // have counted it at any moment before its answer came back).
      const entry = await db
        .selectFrom('qbo_rate_limit_entries')
        .select('id')
        .where('limit_key', '=', key)
        .where('owner', '=', owner)
        .where('at_ms', '=', fromMs)
        .where('cost', '=', cost)
        .where('in_flight', '=', 1)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
      if (!entry) return
      await db
        .updateTable('qbo_rate_limit_entries')
        .set({ at_ms: Math.max(fromMs, toMs), in_flight: 0 })
        .where('id', '=', entry.id)
        .execute()
    },
  }
}
