import type { Clock } from './clock'
import type { RateLimitOptions } from './options'

/** QBO's throttles per realm+app: requests per minute, batch requests per minute, and a concurrency gate. */
export interface RateLimiter {
  /** Takes `cost` request tokens (a batch costs one per item). False when the minute's quota is spent. */
  takeRequests(key: string, cost: number): boolean
  /** Takes one batch token (40 per minute, API-NOTES.md §5). */
  takeBatch(key: string): boolean
  /** Enters the concurrency gate; false when `concurrent` requests are already in flight. */
  enter(key: string): boolean
  leave(key: string): void
  reset(): void
}

interface Bucket {
  tokens: number
  at: number
}

/**
 * Token buckets that refill continuously over a minute (capacity = the per-minute limit), timed by the
 * emulator clock so tests can advance time instead of waiting (API-NOTES.md §9).
 *
 * @example
 * const limiter = createRateLimiter(createClock(), () => DEFAULT_RATE_LIMITS)
 * limiter.takeRequests('realm|app', 1) // true until 500 are taken within a minute
 */
export function createRateLimiter(clock: Clock, limits: () => RateLimitOptions | false): RateLimiter {
  const requests = new Map<string, Bucket>()
  const batches = new Map<string, Bucket>()
  const inFlight = new Map<string, number>()

  const take = (buckets: Map<string, Bucket>, key: string, perMinute: number, cost: number): boolean => {
    const now = clock.now()
    let bucket = buckets.get(key)
    if (!bucket) {
      bucket = { tokens: perMinute, at: now }
      buckets.set(key, bucket)
    }
    const elapsed = Math.max(0, now - bucket.at)
    bucket.tokens = Math.min(perMinute, bucket.tokens + (elapsed * perMinute) / 60_000)
    bucket.at = now
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }

  return {
    takeRequests(key, cost) {
      const l = limits()
      return l === false || take(requests, key, l.perMinute, cost)
    },
    takeBatch(key) {
      const l = limits()
      return l === false || take(batches, key, l.batchPerMinute, 1)
    },
    enter(key) {
      const l = limits()
      const n = inFlight.get(key) ?? 0
      if (l !== false && n >= l.concurrent) return false
      inFlight.set(key, n + 1)
      return true
    },
    leave(key) {
      const n = (inFlight.get(key) ?? 1) - 1
      if (n <= 0) inFlight.delete(key)
      else inFlight.set(key, n)
    },
    reset() {
      requests.clear()
      batches.clear()
    },
  }
}
