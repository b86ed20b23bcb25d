import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabases } from '../../../test/helpers'
import { type CacheInvalidationBus, createCacheInvalidationBus } from './cache-invalidation'
import { createQboCache, type QboCache } from './qbo-cache'

const silent = { warn: () => {} }
const scope = { workspaceId: 'w1', realmId: 'r1' }

for (const dialect of testDatabases()) {
  describe(`cache invalidations shared through ${dialect}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    const buses: CacheInvalidationBus[] = []

    beforeAll(async () => {
      database = await createTestDatabase(dialect)
    })
    afterAll(async () => {
      for (const bus of buses) await bus.stop()
      await database?.close()
    })

    /** One server process: its cache and its bus (polled by hand; the timer is too slow for a test). */
    const serverProcess = async (): Promise<{ cache: QboCache; bus: CacheInvalidationBus }> => {
      const cache = createQboCache()
      const bus = createCacheInvalidationBus({
        db: database.db,
        cache,
        logger: silent,
        shared: true,
        pollMs: 60_000,
      })
      await bus.start()
      buses.push(bus)
      return { cache, bus }
    }

    const warm = (cache: QboCache, key: string, tag: string) =>
      cache.read(scope, key, async () => key, { tags: () => [tag] })

    it('reach another process on its next poll', async () => {
      const a = await serverProcess()
      const b = await serverProcess()
      await warm(a.cache, 'k', 'Customer:1')
      await warm(b.cache, 'k', 'Customer:1')
      await a.bus.publish({ realmId: 'r1', tags: ['Customer:1'] })
      expect(a.cache.stats().entries).toBe(0)
      expect(b.cache.stats().entries).toBe(1)
      expect(await b.bus.poll()).toBe(1)
      expect(b.cache.stats().entries).toBe(0)
      // Applied once: the next poll finds nothing new, and the publisher does not apply its own again.
      expect(await b.bus.poll()).toBe(0)
      expect(await a.bus.poll()).toBe(0)
    })

    it('keep the workspace an invalidation names', async () => {
      const a = await serverProcess()
      const b = await serverProcess()
      await b.cache.read({ workspaceId: 'w1', realmId: 'r1' }, 'k', async () => 1, {
        tags: () => ['Invoice:*'],
      })
      await b.cache.read({ workspaceId: 'w2', realmId: 'r1' }, 'k', async () => 1, {
        tags: () => ['Invoice:*'],
      })
      await a.bus.publish({ realmId: 'r1', workspaceId: 'w2', tags: ['Invoice:*'] })
      await b.bus.poll()
      expect(b.cache.stats().entries).toBe(1)
    })

    it('are not missed when a row with a smaller id commits after a larger one was read', async () => {
      const b = await serverProcess()
      await warm(b.cache, 'late', 'Customer:77')
      const insert = (id: number, tag: string) =>
        database.db
          .insertInto('qbo_cache_invalidations')
          .values({
            id,
            realm_id: 'r1',
            workspace_id: null,
            tags: JSON.stringify([tag]),
            origin: 'elsewhere',
            created_at: new Date().toISOString(),
          })
          .execute()
      await insert(1_000_002, 'Customer:nothing-cached')
      await b.bus.poll()
      await insert(1_000_001, 'Customer:77')
      expect(await b.bus.poll()).toBe(1)
      expect(b.cache.stats().entries).toBe(0)
    })

    it('stay in the process when not shared', async () => {
      const cache = createQboCache()
      const bus = createCacheInvalidationBus({ db: database.db, cache, logger: silent, shared: false })
      const before = await database.db
        .selectFrom('qbo_cache_invalidations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await warm(cache, 'k', 'Customer:5')
      await bus.publish({ realmId: 'r1', tags: ['Customer:5'] })
      const after = await database.db
        .selectFrom('qbo_cache_invalidations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(cache.stats().entries).toBe(0)
      expect(Number(after.n)).toBe(Number(before.n))
    })
  })
}
