/**
 * Retry policy for QBO calls: exponential backoff with full jitter for 5xx, network errors and timeouts; on
 * 429 a wait of `Retry-After` when sent, else Intuit's guidance of 60 s (API-NOTES §9); everything bounded by
 * a number of attempts and a total time budget.
 */

/**
 * Retry settings. Defaults: 4 attempts, 500 ms base, 20 s cap, 60 s throttle wait, 90 s budget.
 *
 * @example
 * const fast: RetryOptions = { maxAttempts: 3, baseDelayMs: 5, throttleDelayMs: 20, budgetMs: 1_000 }
 */
export interface RetryOptions {
  /** Attempts in total, including the first (≥ 1). */
  maxAttempts?: number
  /** Base of the exponential backoff for 5xx/network/timeouts. */
  baseDelayMs?: number
  /** Cap of a single backoff wait. */
  maxDelayMs?: number
  /** Wait after a 429 without `Retry-After`; Intuit says wait 60 s (API-NOTES §9). */
  throttleDelayMs?: number
  /** Upper bound for all attempts and waits of one call; no wait is started that would overrun it. */
  budgetMs?: number
  /** Source of randomness for jitter, in [0, 1). */
  random?: () => number
}

/**
 * Retry settings with every default filled in.
 * @example
 * const policy: ResolvedRetryOptions = resolveRetryOptions({ maxAttempts: 2 })
 */
export type ResolvedRetryOptions = Required<RetryOptions>

/**
 * Fills in defaults.
 * @example
 * resolveRetryOptions({}).throttleDelayMs // 60000
 */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 4)),
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    throttleDelayMs: options.throttleDelayMs ?? 60_000,
    budgetMs: options.budgetMs ?? 90_000,
    random: options.random ?? Math.random,
  }
}

/**
 * Full-jitter backoff: a uniform wait in [0, min(maxDelay, base · 2^retry)) for retry number `retry` (0-based).
 *
 * @example
 * backoffDelay(3, resolveRetryOptions({ baseDelayMs: 100, random: () => 0.5 })) // 400
 */
export function backoffDelay(retry: number, policy: ResolvedRetryOptions): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(policy.random() * ceiling)
}

/**
 * Parses a `Retry-After` header (seconds or HTTP date) into milliseconds from `nowMs`; `undefined` when absent
 * or unreadable.
 *
 * @example
 * parseRetryAfter('2', Date.now()) // 2000
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/**
 * What a failed attempt allows: retry after a wait, or stop.
 * @example
 * const d: RetryDecision = { retry: true, delayMs: 250 }
 */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false }

/**
 * Decides whether attempt number `attempt` (1-based) may be followed by another, given how long the call has
 * run (`elapsedMs`) and whether the failure was a throttle (with an optional `Retry-After` wait).
 *
 * @example
 * decideRetry({ attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: undefined }, resolveRetryOptions({}))
 * // { retry: true, delayMs: 60000 }
 */
export function decideRetry(
  failure: { attempt: number; elapsedMs: number; throttled: boolean; retryAfterMs: number | undefined },
  policy: ResolvedRetryOptions,
): RetryDecision {
  if (failure.attempt >= policy.maxAttempts) return { retry: false }
  const delayMs = failure.throttled
    ? (failure.retryAfterMs ?? policy.throttleDelayMs)
    : backoffDelay(failure.attempt - 1, policy)
  if (failure.elapsedMs + delayMs >= policy.budgetMs) return { retry: false }
  return { retry: true, delayMs }
}
