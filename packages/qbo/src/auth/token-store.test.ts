import { describe, expect, it } from 'vitest'
import { createMemoryTokenStore, type QboTokens } from './token-store'

const tokens = (n: number): QboTokens => ({
  accessToken: `at${n}`,
  refreshToken: `rt${n}`,
  accessTokenExpiresAt: n,
})

describe('createMemoryTokenStore', () => {
  it('saves only against the version it was given and bumps the version', async () => {
    const store = createMemoryTokenStore()
    const first = await store.save('1', tokens(1), null)
    expect(first).toMatchObject({ saved: true, record: { version: 1, needsReconnect: false } })
    expect(await store.save('1', tokens(2), null)).toMatchObject({ saved: false, current: { version: 1 } })
    expect(await store.save('1', tokens(2), 1)).toMatchObject({ saved: true, record: { version: 2 } })
    expect(await store.save('1', tokens(3), 1)).toMatchObject({
      saved: false,
      current: { tokens: { accessToken: 'at2' } },
    })
  })

  it('marks needs-reconnect only at the expected version, and a save clears it', async () => {
    const store = createMemoryTokenStore()
    await store.save('1', tokens(1), null)
    expect(await store.markNeedsReconnect('1', 7, 'invalid_grant')).toBe(false)
    expect((await store.load('1'))?.needsReconnect).toBe(false)
    expect(await store.markNeedsReconnect('1', 1, 'invalid_grant')).toBe(true)
    expect(await store.load('1')).toMatchObject({ needsReconnect: true, reconnectReason: 'invalid_grant' })
    await store.save('1', tokens(2), 1)
    expect((await store.load('1'))?.needsReconnect).toBe(false)
  })

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = createMemoryTokenStore()
    await store.save('1', tokens(1), null)
    const loaded = await store.load('1')
    if (loaded) loaded.tokens.accessToken = 'tampered'
    expect((await store.load('1'))?.tokens.accessToken).toBe('at1')
  })

  it('runs refresh sections one at a time per realm and releases the lock after a failure', async () => {
    const store = createMemoryTokenStore()
    const order: string[] = []
    const section = (name: string, fail = false) =>
      store.withRefreshLock('1', async () => {
        order.push(`${name}:start`)
        await new Promise((resolve) => setTimeout(resolve, 5))
        order.push(`${name}:end`)
        if (fail) throw new Error(name)
        return name
      })
    const results = await Promise.allSettled([section('a', true), section('b'), section('c')])
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end'])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
  })

  it('removes a record', async () => {
    const store = createMemoryTokenStore()
    await store.save('1', tokens(1), null)
    await store.remove('1')
    expect(await store.load('1')).toBeUndefined()
  })
})
