/**
 * Shared counters behind the per-company limiter. The in-memory store serves one process; several processes
 * calling QBO for the same company must share a store (for example a PostgreSQL table of request timestamps
 * updated under `SELECT … FOR UPDATE`, or rate-limiter-flexible's `RateLimiterPostgres` wrapped to this shape),
 * because QBO counts requests per realm and app, not per process (API-NOTES §9).
 */

/**
 * Outcome of {@link RateLimitStore.consume}.
 * @example
 * const r: RateLimitResult = { allowed: false, retryAfterMs: 1200 }
 */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number }

/**
 * A sliding-window counter store.
 *
 * Contract: `consume` records `cost` requests for `key` at `nowMs` **only if** fewer than `limit - cost + 1`
 * were recorded in the window `(nowMs - windowMs, nowMs]`, and does the check and the write atomically for
 * every process sharing the store. When refused it records nothing and says how long until enough old
 * entries leave the window. A sliding window is at least as strict as QBO's own per-minute accounting,
 * whichever way QBO aligns its minute.
 *
 * @example
 * const store: RateLimitStore = createMemoryRateLimitStore()
 * const result = await store.consume('app:9130357766900456:requests', 1, 500, 60_000, Date.now())
 */
export interface RateLimitStore {
  consume(key: string, cost: number, limit: number, windowMs: number, nowMs: number): Promise<RateLimitResult>
  /**
   * Moves `cost` entries of `key` recorded at `fromMs` to `toMs`. Called when a request finishes: QBO may
   * have counted it at any moment between start and finish, so the client keeps it in the window until
   * `finish + windowMs` to stay strict whatever the latency was. In SQL:
   * `UPDATE … SET at = $toMs WHERE ctid IN (SELECT ctid … WHERE key = $1 AND at = $fromMs LIMIT $cost)`.
   */
  settle(key: string, cost: number, fromMs: number, toMs: number): Promise<void>
}

/**
 * In-memory sliding-window store (one process).
 *
 * @example
 * const store = createMemoryRateLimitStore()
 * await store.consume('k', 1, 2, 1_000, 0) // { allowed: true }
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const logs = new Map<string, number[]>()
  return {
    async consume(key, cost, limit, windowMs, nowMs) {
      if (cost > limit) throw new RangeError(`cost ${cost} exceeds limit ${limit}`)
      const log = logs.get(key) ?? []
      let drop = 0
      while (drop < log.length && (log[drop] ?? 0) <= nowMs - windowMs) drop++
      if (drop > 0) log.splice(0, drop)
      if (log.length + cost <= limit) {
        for (let i = 0; i < cost; i++) log.push(nowMs)
        logs.set(key, log)
        return { allowed: true }
      }
      // The entry that must leave the window before `cost` more fit.
      const blocking = log[log.length + cost - limit - 1] ?? nowMs
      logs.set(key, log)
      return { allowed: false, retryAfterMs: Math.max(1, blocking + windowMs - nowMs) }
    },
    async settle(key, cost, fromMs, toMs) {
      const log = logs.get(key)
      if (!log || toMs <= fromMs) return
      let moved = 0
      for (let i = log.length - 1; i >= 0 && moved < cost; i--) {
        if (log[i] === fromMs) {
          log.splice(i, 1)
          moved++
        }
      }
      // Keep the log sorted: insert the moved entries at their new time.
      let at = log.length
      while (at > 0 && (log[at - 1] ?? 0) > toMs) at--
      log.splice(at, 0, ...Array<number>(moved).fill(toMs))
    },
  }
}
