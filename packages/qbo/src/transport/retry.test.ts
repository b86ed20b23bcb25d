import { describe, expect, it } from 'vitest'
import { backoffDelay, decideRetry, parseRetryAfter, resolveRetryOptions } from './retry'

describe('retry policy', () => {
  it('draws full-jitter delays below an exponentially growing, capped ceiling', () => {
    const top = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 })
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, top))).toEqual([99, 199, 399, 799, 999, 999])
    const bottom = resolveRetryOptions({ baseDelayMs: 100, random: () => 0 })
    expect(backoffDelay(3, bottom)).toBe(0)
  })

  it('waits 60 s after a throttle without Retry-After, as Intuit advises', () => {
    expect(
      decideRetry(
        { attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: undefined },
        resolveRetryOptions(),
      ),
    ).toEqual({
      retry: true,
      delayMs: 60_000,
    })
  })

  it('honours Retry-After when present', () => {
    const policy = resolveRetryOptions()
    expect(decideRetry({ attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: 2_000 }, policy)).toEqual({
      retry: true,
      delayMs: 2_000,
    })
  })

  it('stops after maxAttempts and never starts a wait that would overrun the budget', () => {
    const policy = resolveRetryOptions({ maxAttempts: 3, budgetMs: 10_000, random: () => 0.5 })
    expect(
      decideRetry({ attempt: 3, elapsedMs: 0, throttled: false, retryAfterMs: undefined }, policy),
    ).toEqual({ retry: false })
    expect(
      decideRetry({ attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: undefined }, policy),
    ).toEqual({ retry: false })
    expect(
      decideRetry({ attempt: 1, elapsedMs: 9_900, throttled: false, retryAfterMs: undefined }, policy),
    ).toEqual({ retry: false })
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3_000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
