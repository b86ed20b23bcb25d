import { describe, expect, it } from 'vitest'
import { createMemoryRateLimitStore } from './rate-limit-store'

describe('createMemoryRateLimitStore', () => {
  it('allows up to the limit within a sliding window and says when the next slot frees', async () => {
    const store = createMemoryRateLimitStore()
    expect(await store.consume('k', 1, 2, 1_000, 0)).toEqual({ allowed: true })
    expect(await store.consume('k', 1, 2, 1_000, 400)).toEqual({ allowed: true })
    expect(await store.consume('k', 1, 2, 1_000, 500)).toEqual({ allowed: false, retryAfterMs: 500 })
    expect(await store.consume('k', 1, 2, 1_000, 1_000)).toEqual({ allowed: true })
    expect(await store.consume('k', 1, 2, 1_000, 1_001)).toEqual({ allowed: false, retryAfterMs: 399 })
  })

  it('charges a cost of several requests at once and keeps keys apart', async () => {
    const store = createMemoryRateLimitStore()
    expect(await store.consume('a', 3, 4, 1_000, 0)).toEqual({ allowed: true })
    expect(await store.consume('a', 2, 4, 1_000, 10)).toEqual({ allowed: false, retryAfterMs: 990 })
    expect(await store.consume('b', 4, 4, 1_000, 10)).toEqual({ allowed: true })
    await expect(store.consume('c', 5, 4, 1_000, 0)).rejects.toThrow(RangeError)
  })
})

describe('settle', () => {
  it('keeps a finished request in the window until a window after it finished', async () => {
    const store = createMemoryRateLimitStore()
    await store.consume('k', 1, 1, 1_000, 0)
    await store.settle('k', 1, 0, 700)
    expect(await store.consume('k', 1, 1, 1_000, 1_000)).toEqual({ allowed: false, retryAfterMs: 700 })
    expect(await store.consume('k', 1, 1, 1_000, 1_700)).toEqual({ allowed: true })
  })
})
