import { QboRateLimitError } from '../errors'
import type { RateLimitStore } from './rate-limit-store'

/**
 * Per-company limits. Defaults are QBO's (API-NOTES §9): 500 requests/min, 10 concurrent, 40 batch/min,
 * per realm and app. `windowMs` exists so tests can shrink "a minute".
 *
 * @example
 * const limits: RateLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 40 }
 */
export interface RateLimits {
  perMinute?: number
  concurrent?: number
  batchPerMinute?: number
  windowMs?: number
  /**
   * The longest a request may wait for the company's allowance before it is refused with a
   * `QboRateLimitError` (unset: it waits as long as the window needs, up to a minute). Set it when a person is
   * waiting: "QuickBooks is busy, try again in a minute" beats a page that hangs.
   */
  maxWaitMs?: number
}

/**
 * Waits until a request may start for a company, and hands back a release function.
 * @example
 * async function once(limiter: RateLimiter) {
 *   const release = await limiter.acquire('9130357766900456', { batch: false })
 *   try { // …send the request…
 *   } finally { await release() }
 * }
 */
export interface RateLimiter {
  acquire(realmId: string, request: { batch: boolean; cost?: number }): Promise<() => Promise<void>>
}

interface Semaphore {
  active: number
  waiters: Array<() => void>
}

/**
 * Creates the limiter: a FIFO queue per realm, an in-process gate for concurrency, and `store` for the
 * per-minute windows. Only the head of a realm's queue waits on the window, so a burst costs one wait per
 * window rather than one per request. A request stays in the window until a minute after it *finished*
 * (not started): QBO counts it on arrival, which can be any time before the answer comes back.
 *
 * The concurrency gate is per process: when N processes share a company, give each `concurrent / N`.
 *
 * @example
 * const limiter = createRateLimiter({ store: createMemoryRateLimitStore(), keyPrefix: 'my-app', now: Date.now,
 *   sleep: (ms) => new Promise((r) => setTimeout(r, ms)) })
 */
export function createRateLimiter(options: {
  store: RateLimitStore
  keyPrefix: string
  limits?: RateLimits
  now: () => number
  sleep: (ms: number) => Promise<void>
}): RateLimiter {
  const perMinute = options.limits?.perMinute ?? 500
  const concurrent = options.limits?.concurrent ?? 10
  const batchPerMinute = options.limits?.batchPerMinute ?? 40
  const windowMs = options.limits?.windowMs ?? 60_000
  const queues = new Map<string, Promise<void>>()
  const gates = new Map<string, Semaphore>()

  const gate = (realmId: string): Semaphore => {
    let g = gates.get(realmId)
    if (!g) {
      g = { active: 0, waiters: [] }
      gates.set(realmId, g)
    }
    return g
  }

  const enter = (g: Semaphore): Promise<void> => {
    if (g.active < concurrent) {
      g.active++
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => g.waiters.push(resolve))
  }

  const leave = (g: Semaphore) => {
    const next = g.waiters.shift()
    if (next) next()
    else g.active--
  }

  const maxWaitMs = options.limits?.maxWaitMs

  const take = async (key: string, cost: number, limit: number, deadline: number): Promise<number> => {
    for (;;) {
      const at = options.now()
      const result = await options.store.consume(key, cost, limit, windowMs, at)
      if (result.allowed) return at
      if (at + result.retryAfterMs > deadline) {
        throw new QboRateLimitError(
          `The company's QuickBooks allowance is used up for the next ${Math.ceil(result.retryAfterMs / 1000)} s`,
          { retryAfterMs: result.retryAfterMs },
        )
      }
      await options.sleep(result.retryAfterMs)
    }
  }

  return {
    async acquire(realmId, request) {
      const cost = Math.min(request.cost ?? 1, perMinute)
      const deadline = maxWaitMs === undefined ? Number.POSITIVE_INFINITY : options.now() + maxWaitMs
      const previous = queues.get(realmId) ?? Promise.resolve()
      let done!: () => void
      const mine = new Promise<void>((resolve) => {
        done = resolve
      })
      const tail = previous.then(() => mine)
      queues.set(realmId, tail)
      await previous
      const g = gate(realmId)
      let entered = false
      const taken: Array<{ key: string; cost: number; at: number }> = []
      try {
        await enter(g)
        entered = true
        const base = `${options.keyPrefix}:${realmId}`
        if (request.batch)
          taken.push({
            key: `${base}:batch`,
            cost: 1,
            at: await take(`${base}:batch`, 1, batchPerMinute, deadline),
          })
        taken.push({
          key: `${base}:requests`,
          cost,
          at: await take(`${base}:requests`, cost, perMinute, deadline),
        })
      } catch (err) {
        if (entered) leave(g)
        throw err
      } finally {
        done()
        if (queues.get(realmId) === tail) queues.delete(realmId)
      }
      let released = false
      return async () => {
        if (released) return
        released = true
        try {
          const finishedAt = options.now()
          for (const t of taken) await options.store.settle(t.key, t.cost, t.at, finishedAt)
        } catch {
          // A store hiccup must not turn a finished QBO call into a failure; the entry keeps its start time.
        } finally {
          leave(g)
        }
      }
    },
  }
}
