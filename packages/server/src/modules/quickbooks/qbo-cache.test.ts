import { describe, expect, it } from 'vitest'
import { createQboCache } from './qbo-cache'
import { customerDocumentsTag, entityTag, tagsForChange } from './qbo-cache-tags'

const scope = { workspaceId: 'w1', realmId: 'r1' }

/** A clock the test moves by hand. */
const manualClock = (start = 1_700_000_000_000) => {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

/** A loader that counts its calls and answers when released. */
const gatedLoader = <T>(value: T) => {
  let calls = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  return {
    load: async () => {
      calls++
      await gate
      return value
    },
    calls: () => calls,
    release: () => release(),
  }
}

describe('the QuickBooks read cache', () => {
  it('serves a fresh entry without loading again, and says when it was read', async () => {
    const clock = manualClock()
    const cache = createQboCache({ freshnessMs: 60_000, now: clock.now })
    let loads = 0
    const load = async () => ({ n: ++loads })
    const first = await cache.read(scope, 'k', load)
    clock.advance(59_000)
    const second = await cache.read(scope, 'k', load)
    expect(first).toEqual({
      value: { n: 1 },
      asOf: new Date(clock.now() - 59_000).toISOString(),
      cached: false,
    })
    expect(second).toEqual({ value: { n: 1 }, asOf: first.asOf, cached: true })
    expect(loads).toBe(1)
  })

  it('loads again once the freshness window has passed', async () => {
    const clock = manualClock()
    const cache = createQboCache({ freshnessMs: 60_000, now: clock.now })
    let loads = 0
    await cache.read(scope, 'k', async () => ++loads)
    clock.advance(60_000)
    const again = await cache.read(scope, 'k', async () => ++loads)
    expect(again.value).toBe(2)
    expect(again.cached).toBe(false)
  })

  it('shares one load between concurrent misses for the same key', async () => {
    const cache = createQboCache()
    const loader = gatedLoader('customer')
    const reads = Array.from({ length: 25 }, () => cache.read(scope, 'k', loader.load))
    loader.release()
    const results = await Promise.all(reads)
    expect(loader.calls()).toBe(1)
    expect(results.every((r) => r.value === 'customer')).toBe(true)
    expect(cache.stats().loads).toBe(1)
  })

  it('keeps keys of different workspaces and realms apart', async () => {
    const cache = createQboCache()
    await cache.read({ workspaceId: 'w1', realmId: 'r1' }, 'k', async () => 'w1r1')
    const other = await cache.read({ workspaceId: 'w2', realmId: 'r1' }, 'k', async () => 'w2r1')
    const otherRealm = await cache.read({ workspaceId: 'w1', realmId: 'r2' }, 'k', async () => 'w1r2')
    expect([other.value, otherRealm.value]).toEqual(['w2r1', 'w1r2'])
  })

  it('goes to QBO on bypass and keeps the new value', async () => {
    const cache = createQboCache()
    let loads = 0
    await cache.read(scope, 'k', async () => ++loads)
    const refreshed = await cache.read(scope, 'k', async () => ++loads, { bypass: true })
    const after = await cache.read(scope, 'k', async () => ++loads)
    expect(refreshed).toMatchObject({ value: 2, cached: false })
    expect(after).toMatchObject({ value: 2, cached: true })
  })

  it('drops the entries carrying an invalidated tag, and only those', async () => {
    const cache = createQboCache()
    const tags = (id: string) => () => [entityTag('Customer', id), customerDocumentsTag(id)]
    await cache.read(scope, 'c42', async () => 'a', { tags: tags('42') })
    await cache.read(scope, 'c43', async () => 'b', { tags: tags('43') })
    const dropped = cache.invalidate({
      realmId: 'r1',
      tags: tagsForChange({ realmId: 'r1', entity: 'Invoice', id: '9', customerId: '42' }),
    })
    expect(dropped).toBe(1)
    expect((await cache.read(scope, 'c42', async () => 'a2')).value).toBe('a2')
    expect((await cache.read(scope, 'c43', async () => 'b2')).value).toBe('b')
  })

  it('limits an invalidation to one workspace when it names one', async () => {
    const cache = createQboCache()
    const tags = () => ['Customer:1']
    await cache.read({ workspaceId: 'w1', realmId: 'r1' }, 'k', async () => 1, { tags })
    await cache.read({ workspaceId: 'w2', realmId: 'r1' }, 'k', async () => 1, { tags })
    expect(cache.invalidate({ realmId: 'r1', workspaceId: 'w2', tags: ['Customer:1'] })).toBe(1)
    expect(cache.invalidate({ realmId: 'r2', tags: ['Customer:1'] })).toBe(0)
    expect(cache.stats().entries).toBe(1)
  })

  it('does not keep a value whose load began before an invalidation of its realm', async () => {
    const cache = createQboCache()
    const loader = gatedLoader('old')
    const pending = cache.read(scope, 'k', loader.load, { tags: () => ['Customer:1'] })
    cache.invalidate({ realmId: 'r1', tags: ['Customer:1'] })
    loader.release()
    expect((await pending).value).toBe('old')
    expect((await cache.read(scope, 'k', async () => 'new')).value).toBe('new')
  })

  it('caches no failure: every waiter gets the error and the next read loads again', async () => {
    const cache = createQboCache()
    let calls = 0
    const failing = async () => {
      calls++
      throw new Error('QBO is down')
    }
    const reads = await Promise.allSettled([cache.read(scope, 'k', failing), cache.read(scope, 'k', failing)])
    expect(reads.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(calls).toBe(1)
    expect((await cache.read(scope, 'k', async () => 'ok')).value).toBe('ok')
  })

  it('evicts the least recently used entry beyond its entry limit', async () => {
    const cache = createQboCache({ maxEntries: 2 })
    await cache.read(scope, 'a', async () => 'a')
    await cache.read(scope, 'b', async () => 'b')
    await cache.read(scope, 'a', async () => 'unused') // a is now the most recently used
    await cache.read(scope, 'c', async () => 'c')
    expect((await cache.read(scope, 'a', async () => 'a2')).cached).toBe(true)
    expect((await cache.read(scope, 'b', async () => 'b2')).value).toBe('b2')
  })

  it('stays within its byte budget, measuring each entry just after its read is answered', async () => {
    const cache = createQboCache({ maxBytes: 250 })
    const measured = () => new Promise((resolve) => setImmediate(resolve))
    for (let i = 0; i < 10; i++) {
      await cache.read(scope, `k${i}`, async () => 'x'.repeat(98))
      await measured()
    }
    const stats = cache.stats()
    expect(stats.bytes).toBeLessThanOrEqual(250)
    expect(stats.bytes).toBe(200)
    expect(stats.entries).toBe(2)
    // A value larger than the whole budget is returned but not kept.
    const huge = await cache.read(scope, 'huge', async () => 'y'.repeat(1_000))
    expect(huge.value).toHaveLength(1_000)
    await measured()
    expect(cache.stats().entries).toBe(2)
    expect(cache.stats().bytes).toBe(200)
  })

  it('drops a whole realm', async () => {
    const cache = createQboCache()
    await cache.read({ workspaceId: 'w1', realmId: 'r1' }, 'a', async () => 1)
    await cache.read({ workspaceId: 'w2', realmId: 'r1' }, 'b', async () => 1)
    await cache.read({ workspaceId: 'w1', realmId: 'r2' }, 'c', async () => 1)
    expect(cache.invalidateRealm('r1')).toBe(2)
    expect(cache.stats().entries).toBe(1)
  })
})

describe('the tags a change invalidates', () => {
  it('name a customer, every search over customers and the customer’s documents', () => {
    expect(tagsForChange({ realmId: 'r', entity: 'Customer', id: '5', operation: 'Update' })).toEqual([
      'Customer:5',
      'Customer:*',
      'documents-of:5',
    ])
  })

  it('name every list of a document kind when a webhook creates a document of an unknown customer', () => {
    expect(tagsForChange({ realmId: 'r', entity: 'Invoice', id: '7', operation: 'Create' })).toEqual([
      'Invoice:7',
      'Invoice:*',
    ])
    expect(tagsForChange({ realmId: 'r', entity: 'Invoice', id: '7', operation: 'Update' })).toEqual([
      'Invoice:7',
    ])
  })

  it('include the merged-away record and ignore entities no read depends on', () => {
    expect(
      tagsForChange({ realmId: 'r', entity: 'Estimate', id: '3', operation: 'Merge', deletedId: '2' }),
    ).toEqual(['Estimate:3', 'Estimate:2', 'Estimate:*'])
    expect(tagsForChange({ realmId: 'r', entity: 'Vendor', id: '40', operation: 'Update' })).toEqual([])
  })
})
