import {
  createMemoryRateLimitStore,
  createQboClient,
  isQboRateLimitError,
  type QboClient,
  type RateLimitStore,
} from '@ledgerlink/qbo'
import {
  type ControllableClock,
  createClock,
  createEmulator,
  DEMO_REALM_ID,
  type Emulator,
} from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabases } from '../../../test/helpers'
import { type Db, openDatabase } from '../../db'
import { createDbRateLimitStore } from './rate-limit-store-db'

const PER_MINUTE = 12
const CONCURRENT = 3

for (const dialect of testDatabases()) {
  describe(`the database rate-limit store on ${dialect}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    /** A second connection pool on the same database: another server process, as far as PostgreSQL can tell. */
    let other: { db: Db; close: () => Promise<void> }

    beforeAll(async () => {
      database = await createTestDatabase(dialect)
      other = database.url
        ? openDatabase({ databaseUrl: database.url })
        : { db: database.db, close: async () => {} }
    })
    afterAll(async () => {
      await other?.close()
      await database?.close()
    })

    it('refuses a request beyond the limit and says when the oldest entry leaves the window', async () => {
      const store = createDbRateLimitStore({ db: database.db })
      expect(await store.consume('k1', 1, 2, 1_000, 10_000)).toEqual({ allowed: true })
      expect(await store.consume('k1', 1, 2, 1_000, 10_100)).toEqual({ allowed: true })
      expect(await store.consume('k1', 1, 2, 1_000, 10_400)).toEqual({ allowed: false, retryAfterMs: 600 })
      // The first entry has left the window (10_000 + 1_000 <= 11_000).
      expect(await store.consume('k1', 1, 2, 1_000, 11_000)).toEqual({ allowed: true })
    })

    it('counts what another store instance recorded on the same database', async () => {
      const first = createDbRateLimitStore({ db: database.db })
      const second = createDbRateLimitStore({ db: other.db })
      expect(await first.consume('k2', 2, 3, 60_000, 1_000)).toEqual({ allowed: true })
      expect(await second.consume('k2', 2, 3, 60_000, 1_500)).toEqual({
        allowed: false,
        retryAfterMs: 59_500,
      })
      expect(await second.consume('k2', 1, 3, 60_000, 1_500)).toEqual({ allowed: true })
    })

    it('keeps a settled request in the window until a window after it finished', async () => {
      const store = createDbRateLimitStore({ db: database.db })
      expect(await store.consume('k3', 1, 1, 1_000, 5_000)).toEqual({ allowed: true })
      await store.settle('k3', 1, 5_000, 5_800)
      expect(await store.consume('k3', 1, 1, 1_000, 6_500)).toEqual({ allowed: false, retryAfterMs: 300 })
      expect(await store.consume('k3', 1, 1, 1_000, 6_800)).toEqual({ allowed: true })
    })

    it('refuses a cost larger than the limit', async () => {
      const store = createDbRateLimitStore({ db: database.db })
      await expect(store.consume('k4', 5, 4, 1_000, 0)).rejects.toThrow(RangeError)
    })

    it('holds requests in flight across instances to the concurrency limit until one settles', async () => {
      const concurrency = { limit: 2, pollMs: 40 }
      const first = createDbRateLimitStore({ db: database.db, concurrency })
      const second = createDbRateLimitStore({ db: other.db, concurrency })
      expect(await first.consume('app:r1:requests', 1, 100, 60_000, 1_000)).toEqual({ allowed: true })
      expect(await second.consume('app:r1:requests', 1, 100, 60_000, 1_001)).toEqual({ allowed: true })
      expect(await second.consume('app:r1:requests', 1, 100, 60_000, 1_002)).toEqual({
        allowed: false,
        retryAfterMs: 40,
      })
      // Other keys (batch windows) are not gated.
      expect(await second.consume('app:r1:batch', 1, 100, 60_000, 1_002)).toEqual({ allowed: true })
      await first.settle('app:r1:requests', 1, 1_000, 1_050)
      expect(await second.consume('app:r1:requests', 1, 100, 60_000, 1_060)).toEqual({ allowed: true })
    })

    it('stops counting a request in flight that was never settled after the stale time', async () => {
      const store = createDbRateLimitStore({
        db: database.db,
        concurrency: { limit: 1, staleAfterMs: 5_000 },
      })
      expect(await store.consume('app:r2:requests', 1, 100, 1_000, 1_000)).toEqual({ allowed: true })
      expect((await store.consume('app:r2:requests', 1, 100, 1_000, 3_000)).allowed).toBe(false)
      expect(await store.consume('app:r2:requests', 1, 100, 1_000, 6_001)).toEqual({ allowed: true })
    })

    it('never lets two concurrent consumers take the last slot', async () => {
      const first = createDbRateLimitStore({ db: database.db })
      const second = createDbRateLimitStore({ db: other.db })
      const attempts = Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? first : second).consume('k5', 1, 7, 60_000, 2_000 + i),
      )
      const results = await Promise.all(attempts)
      expect(results.filter((r) => r.allowed)).toHaveLength(7)
    })

    describe('two QBO clients of one company, each with its own store on this database', () => {
      let emulator: Emulator
      let clock: ControllableClock
      let baseUrl: string

      beforeAll(async () => {
        clock = createClock()
        emulator = createEmulator({
          testMode: true,
          seed: 'demo',
          clock,
          latencyMs: 15,
          rateLimits: { perMinute: PER_MINUTE, concurrent: CONCURRENT, batchPerMinute: 40 },
        })
        baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
      })
      afterAll(async () => emulator?.close())

      const clientWith = async (store: RateLimitStore): Promise<QboClient> => {
        const client = createQboClient({
          environment: 'emulator',
          emulatorBaseUrl: baseUrl,
          clientId: 'ledgerlink-dev',
          clientSecret: 'ledgerlink-dev-secret',
          redirectUri: 'http://localhost:3000/api/quickbooks/callback',
          clock,
          // Waiting for the window moves the shared clock instead of real time; the emulator meters by it too.
          sleep: async (ms) => {
            clock.advance(ms)
            await new Promise((resolve) => setTimeout(resolve, 1))
          },
          rateLimitStore: store,
          // The in-process gate is wider than QBO's: only the shared store can keep the two clients within it.
          rateLimits: { perMinute: PER_MINUTE, concurrent: 10, batchPerMinute: 40 },
          // A 429 must surface, not be retried away.
          retry: { maxAttempts: 1 },
        })
        await client.oauth.connectWithTokens(DEMO_REALM_ID, { ...emulator.issueTokens(DEMO_REALM_ID) })
        return client
      }

      /** Both clients send `perClient` reads at once; returns how many QBO throttled. */
      const burst = async (clients: QboClient[], perClient: number) => {
        emulator.resetStats()
        const calls = clients.flatMap((client) =>
          Array.from({ length: perClient }, () => client.company(DEMO_REALM_ID).companyInfo()),
        )
        const results = await Promise.allSettled(calls)
        const throttled = results.filter((r) => r.status === 'rejected' && isQboRateLimitError(r.reason))
        const otherFailures = results.filter((r) => r.status === 'rejected' && !isQboRateLimitError(r.reason))
        return { throttled: throttled.length, otherFailures, sent: emulator.stats().total }
      }

      it('stay within the per-minute and concurrency limits together: QBO never answers 429', async () => {
        const concurrency = { limit: CONCURRENT, staleAfterMs: 600_000 }
        const clients = [
          await clientWith(createDbRateLimitStore({ db: database.db, concurrency })),
          await clientWith(createDbRateLimitStore({ db: other.db, concurrency })),
        ]
        const result = await burst(clients, PER_MINUTE)
        expect(result.otherFailures).toEqual([])
        expect(result.throttled).toBe(0)
        // Twice the per-minute limit went through, so the clients did wait for the window to move on.
        expect(result.sent).toBe(2 * PER_MINUTE)
      })

      it('are throttled by QBO when each keeps its counters to itself (the failure the shared store prevents)', async () => {
        clock.advance(120_000)
        const clients = [
          await clientWith(createMemoryRateLimitStore()),
          await clientWith(createMemoryRateLimitStore()),
        ]
        const result = await burst(clients, PER_MINUTE)
        expect(result.otherFailures).toEqual([])
        expect(result.throttled).toBeGreaterThan(0)
      })
    })
  })
}
