import { randomUUID } from 'node:crypto'
import { signWebhookPayload } from '@ledgerlink/qbo-emulator'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import type { Dialect } from '../../src/db'
import { createQboCacheService, createQuickbooks, type QboCacheService } from '../../src/modules/quickbooks'
import {
  createSignedInWorkspace,
  createTestDatabase,
  type SignedIn,
  testConfig,
  testDatabases,
} from '../helpers'
import {
  connectWorkspace,
  DEMO_REALM_ID,
  startTestEmulator,
  TEST_REDIRECT_URI,
  type TestEmulator,
  testEncryptionKey,
} from '../quickbooks-helpers'
import { tally } from './figures'
import { sized } from './sizes'

const TOKEN = 'reliability-verifier-token'
const EVENTS_PER_DELIVERY = 10

const registerWebhooks = (dialect: Dialect) => {
  describe(`a flood of webhooks on ${dialect}`, () => {
    let emulator: TestEmulator
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let qboCache: QboCacheService
    let app: Awaited<ReturnType<typeof buildApp>>
    let admin: SignedIn

    beforeAll(async () => {
      emulator = await startTestEmulator()
      database = await createTestDatabase(dialect)
      const logger = pino({ level: 'silent' })
      const config = testConfig({
        LEDGERLINK_ENCRYPTION_KEY: testEncryptionKey(),
        QBO_WEBHOOK_VERIFIER_TOKEN: TOKEN,
        QBO_CDC_INTERVAL_SECONDS: '0',
      })
      const quickbooks = createQuickbooks({
        db: database.db,
        config,
        logger,
        clock: emulator.clock,
        emulatorBaseUrl: emulator.url,
        redirectUris: [TEST_REDIRECT_URI],
      })
      qboCache = createQboCacheService({ db: database.db, config, logger, quickbooks })
      app = await buildApp(config, { db: database.db, quickbooks, qboCache })
      await app.ready()
      admin = (await createSignedInWorkspace({ app, db: database.db, config, close: async () => undefined }))
        .admin
      expect((await connectWorkspace({ app }, admin)).outcome).toBe('connected')
    })
    afterAll(async () => {
      await app?.close()
      await database?.close()
      await emulator?.close()
    })

    const deliver = (body: string, signature = signWebhookPayload(body, TOKEN)) =>
      app.inject({
        method: 'POST',
        url: '/api/quickbooks/webhooks',
        headers: { 'content-type': 'application/json; charset=utf-8', 'intuit-signature': signature },
        payload: body,
      })
    const cached = async (key: string, tags: string[]) =>
      (
        await qboCache.cache.read(
          { workspaceId: admin.workspaceId, realmId: DEMO_REALM_ID },
          key,
          async () => key,
          {
            tags: () => tags,
          },
        )
      ).cached

    it('absorbs a flood of notifications without losing any or holding up other requests', async () => {
      const total = sized(1_000, 10_000)
      const deliveries = total / EVENTS_PER_DELIVERY
      const score = tally(`9 webhook flood (${dialect})`)
      // One cache entry per changed customer: each must be gone once the flood is processed.
      const ids = Array.from({ length: total }, (_, index) => String(100_000 + index))
      for (const id of ids) await cached(`customer-${id}`, [`Customer:${id}`])
      const before = Number(
        (
          await database.db
            .selectFrom('qbo_webhook_notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      let flooding = true
      let userRequests = 0
      let slowestUser = 0
      const userFailures: string[] = []
      const user = (async () => {
        while (flooding) {
          const started = performance.now()
          const response = await app.inject({
            method: 'GET',
            url: '/api/organizations',
            headers: { cookie: admin.cookie },
          })
          slowestUser = Math.max(slowestUser, performance.now() - started)
          userRequests++
          if (response.statusCode !== 200) userFailures.push(String(response.statusCode))
          await new Promise((r) => setTimeout(r, 5))
        }
      })()
      let next = 0
      let rejected = 0
      const sender = async () => {
        while (next < deliveries) {
          const batch = next++
          const body = JSON.stringify(
            ids.slice(batch * EVENTS_PER_DELIVERY, (batch + 1) * EVENTS_PER_DELIVERY).map((id) => ({
              specversion: '1.0',
              id: randomUUID(),
              source: 'intuit.reliability',
              type: 'qbo.customer.updated.v1',
              datacontenttype: 'application/json',
              time: new Date().toISOString(),
              intuitentityid: id,
              intuitaccountid: DEMO_REALM_ID,
              data: {},
            })),
          )
          const response = await deliver(body)
          if (response.statusCode === 200) score.add(EVENTS_PER_DELIVERY)
          else {
            rejected++
            score.add(EVENTS_PER_DELIVERY, EVENTS_PER_DELIVERY)
          }
        }
      }
      const started = performance.now()
      await Promise.all(Array.from({ length: 8 }, sender))
      const acceptedIn = performance.now() - started
      await qboCache.webhooks.drain()
      flooding = false
      await user
      expect(rejected).toBe(0)
      expect(userFailures).toEqual([])
      const stored = Number(
        (
          await database.db
            .selectFrom('qbo_webhook_notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      expect(stored - before).toBe(total)
      const stillCached: string[] = []
      for (const id of ids) if (await cached(`customer-${id}`, [`Customer:${id}`])) stillCached.push(id)
      expect(stillCached).toEqual([])
      score.record(
        `${total} notifications in ${deliveries} deliveries accepted in ${Math.round(acceptedIn)} ms, 0 lost; ${userRequests} user requests meanwhile, slowest ${Math.round(slowestUser)} ms`,
      )
    }, 240_000)

    it('rejects forged and replayed deliveries during the flood', async () => {
      const score = tally(`9 forged and replayed (${dialect})`)
      const body = JSON.stringify([
        {
          specversion: '1.0',
          id: randomUUID(),
          source: 'intuit.reliability',
          type: 'qbo.customer.updated.v1',
          datacontenttype: 'application/json',
          time: new Date().toISOString(),
          intuitentityid: '42',
          intuitaccountid: DEMO_REALM_ID,
          data: {},
        },
      ])
      const forged = await deliver(body, signWebhookPayload(body, 'guessed-token'))
      expect(forged.statusCode).toBe(401)
      score.ok()
      expect((await deliver(body)).statusCode).toBe(200)
      await qboCache.webhooks.drain()
      expect(await cached('customer-42', ['Customer:42'])).toBe(false)
      const replay = await deliver(body)
      expect(replay.statusCode).toBe(200)
      await qboCache.webhooks.drain()
      // The replay changed nothing: the entry read after the first delivery is still there.
      expect(await cached('customer-42', ['Customer:42'])).toBe(true)
      score.ok()
      score.record('forged: 401; replayed: accepted and ignored (see routes-webhooks.test.ts for more)')
    })
  })
}

for (const dialect of testDatabases()) registerWebhooks(dialect)
