import { describe, expect, it } from 'vitest'
import { QboRateLimitError } from '../errors'
import { createRateLimiter } from './rate-limit'
import { createMemoryRateLimitStore } from './rate-limit-store'

describe('createRateLimiter', () => {
  it('never lets more than `concurrent` requests run or more than `perMinute` start within a window', async () => {
    let now = 0
    const starts: number[] = []
    let active = 0
    let maxActive = 0
    const limiter = createRateLimiter({
      store: createMemoryRateLimitStore(),
      keyPrefix: 'app',
      limits: { perMinute: 5, concurrent: 2, batchPerMinute: 1, windowMs: 1_000 },
      now: () => now,
      // Virtual time: waiting moves the clock.
      sleep: async (ms) => {
        now += ms
      },
    })
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await limiter.acquire('realm', { batch: false })
        starts.push(now)
        active++
        maxActive = Math.max(maxActive, active)
        await new Promise((resolve) => setImmediate(resolve))
        now += 10
        active--
        await release()
      }),
    )
    expect(maxActive).toBe(2)
    for (const t of starts)
      expect(starts.filter((s) => s > t - 1_000 && s <= t).length).toBeLessThanOrEqual(5)
    expect(starts).toHaveLength(12)
  })

  it('meters batches separately and charges their items as requests', async () => {
    let now = 0
    const waits: number[] = []
    const limiter = createRateLimiter({
      store: createMemoryRateLimitStore(),
      keyPrefix: 'app',
      limits: { perMinute: 100, concurrent: 10, batchPerMinute: 1, windowMs: 1_000 },
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms)
        now += ms
      },
    })
    await (await limiter.acquire('realm', { batch: true, cost: 30 }))()
    await (await limiter.acquire('realm', { batch: true, cost: 30 }))()
    expect(waits).toEqual([1_000])
    await (await limiter.acquire('other-realm', { batch: true, cost: 30 }))()
    expect(waits).toEqual([1_000])
  })

  it('refuses a request that would wait longer than maxWaitMs, and lets one within it wait', async () => {
    let now = 0
    const waits: number[] = []
    const limiterWaiting = (maxWaitMs: number) =>
      createRateLimiter({
        store: createMemoryRateLimitStore(),
        keyPrefix: 'app',
        limits: { perMinute: 1, concurrent: 10, batchPerMinute: 10, windowMs: 1_000, maxWaitMs },
        now: () => now,
        sleep: async (ms) => {
          waits.push(ms)
          now += ms
        },
      })
    const impatient = limiterWaiting(500)
    await (await impatient.acquire('realm', { batch: false }))()
    const refused = await impatient.acquire('realm', { batch: false }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(QboRateLimitError)
    expect((refused as QboRateLimitError).retryAfterMs).toBe(1_000)
    expect(waits).toEqual([])
    // The refusal does not block the queue: once the window has passed, the company is served again.
    now += 1_000
    await (await impatient.acquire('realm', { batch: false }))()

    const patient = limiterWaiting(2_000)
    await (await patient.acquire('realm', { batch: false }))()
    await (await patient.acquire('realm', { batch: false }))()
    expect(waits).toEqual([1_000])
  })
})
