import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createEmulator, signWebhookPayload } from '@ledgerlink/qbo-emulator'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSignedInWorkspace,
  createTestDatabase,
  type SignedIn,
  type TestApp,
  testConfig,
  testDatabases,
} from '../../../test/helpers'
import {
  connectWorkspace,
  DEMO_REALM_ID,
  SECOND_REALM_ID,
  startTestEmulator,
  TEST_REDIRECT_URI,
  type TestEmulator,
  testEncryptionKey,
} from '../../../test/quickbooks-helpers'
import { buildApp } from '../../app'
import { openDatabase } from '../../db'
import { registerErrorHandler } from '../../http/error-handler'
import { createQuickbooks } from './gateway'
import { createQboCacheService, type QboCacheService } from './qbo-cache-service'
import { quickbooksWebhookRoutes } from './routes-webhooks'

const TOKEN = 'test-verifier-token'
const logger = pino({ level: 'silent' })

type WebhookTestApp = TestApp & {
  qboCache: QboCacheService
  emulator: TestEmulator
  quickbooks: ReturnType<typeof createQuickbooks>
  databaseUrl: string | undefined
}

/** The real app with its QuickBooks cache in reach, connected to an in-process emulator. */
const buildWebhookTestApp = async (dialect: 'sqlite' | 'postgres'): Promise<WebhookTestApp> => {
  const emulator = await startTestEmulator()
  const database = await createTestDatabase(dialect)
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
  const qboCache = createQboCacheService({ db: database.db, config, logger, quickbooks })
  const app = await buildApp(config, { db: database.db, quickbooks, qboCache })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    qboCache,
    emulator,
    quickbooks,
    databaseUrl: database.url,
    close: async () => {
      await app.close()
      await database.close()
      await emulator.close()
    },
  }
}

const legacyBody = (realmId: string, entities: Array<{ name: string; id: string; operation: string }>) =>
  JSON.stringify({
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: entities.map((e) => ({ ...e, lastUpdated: '2026-11-24T10:00:00.000Z' })),
        },
      },
    ],
  })

const cloudEventsBody = (events: Array<{ id: string; type: string; realmId: string; entityId: string }>) =>
  JSON.stringify(
    events.map((e) => ({
      specversion: '1.0',
      id: e.id,
      source: 'intuit.test',
      type: e.type,
      datacontenttype: 'application/json',
      time: '2026-11-24T10:00:00.000Z',
      intuitentityid: e.entityId,
      intuitaccountid: e.realmId,
      data: {},
    })),
  )

for (const dialect of testDatabases()) {
  describe(`the QuickBooks webhook receiver on ${dialect}`, () => {
    let t: WebhookTestApp
    let admin: SignedIn
    let otherAdmin: SignedIn

    beforeAll(async () => {
      t = await buildWebhookTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      ;({ admin: otherAdmin } = await createSignedInWorkspace(t, 'Other workspace'))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      expect((await connectWorkspace(t, otherAdmin)).outcome).toBe('connected')
    })
    afterAll(async () => t?.close())

    /** Sends a delivery signed with the right token, `signature` instead, or none when `null`. */
    const deliver = (body: string, signature: string | null = signWebhookPayload(body, TOKEN)) =>
      t.app.inject({
        method: 'POST',
        url: '/api/quickbooks/webhooks',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(signature === null ? {} : { 'intuit-signature': signature }),
        },
        payload: body,
      })

    /** Puts an entry in the cache for the workspace; true when it was still there (served without a load). */
    const cached = async (who: SignedIn, key: string, tags: string[], realmId = DEMO_REALM_ID) =>
      (
        await t.qboCache.cache.read({ workspaceId: who.workspaceId, realmId }, key, async () => key, {
          tags: () => tags,
        })
      ).cached

    const notificationCount = async () =>
      Number(
        (
          await t.db
            .selectFrom('qbo_webhook_notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('invalidates the changed customer in every workspace connected to the realm (legacy format)', async () => {
      await cached(admin, 'customer-1', ['Customer:1'])
      await cached(admin, 'customer-2', ['Customer:2'])
      await cached(otherAdmin, 'customer-1', ['Customer:1'])
      const response = await deliver(
        legacyBody(DEMO_REALM_ID, [{ name: 'Customer', id: '1', operation: 'Update' }]),
      )
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ received: 1 })
      await t.qboCache.webhooks.drain()
      expect(await cached(admin, 'customer-1', ['Customer:1'])).toBe(false)
      expect(await cached(otherAdmin, 'customer-1', ['Customer:1'])).toBe(false)
      expect(await cached(admin, 'customer-2', ['Customer:2'])).toBe(true)
    })

    it('invalidates every list of a kind when a document is created (CloudEvents format)', async () => {
      await cached(admin, 'tab-7', ['Customer:7', 'Invoice:*'])
      await cached(admin, 'search', ['Customer:*'])
      const body = cloudEventsBody([
        { id: 'ev-invoice-1', type: 'qbo.invoice.created.v1', realmId: DEMO_REALM_ID, entityId: '901' },
      ])
      expect((await deliver(body)).statusCode).toBe(200)
      await t.qboCache.webhooks.drain()
      expect(await cached(admin, 'tab-7', ['Customer:7', 'Invoice:*'])).toBe(false)
      expect(await cached(admin, 'search', ['Customer:*'])).toBe(true)
    })

    it('drops an opportunity’s cached documents list when one of its invoices changes, and only then reads QuickBooks again', async () => {
      const store = t.emulator.emulator.store.get(DEMO_REALM_ID)
      if (!store) throw new Error('no demo company')
      const customerId = String(store.create('Customer', { DisplayName: 'Webhook Deal Customer' }).Id)
      const invoiceId = String(
        store.create('Invoice', {
          CustomerRef: { value: customerId },
          DocNumber: 'WH-DEAL-1',
          TxnDate: '2019-10-01',
          Line: [
            {
              Amount: 90,
              DetailType: 'SalesItemLineDetail',
              SalesItemLineDetail: { ItemRef: { value: '1' } },
            },
          ],
        }).Id,
      )
      const post = async (url: string, payload: object) => {
        const response = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload })
        expect(response.statusCode, response.body).toBe(201)
        return response.json().id as string
      }
      const contactId = await post('/api/contacts', { lastName: 'Webhook' })
      const linked = await t.app.inject({
        method: 'PUT',
        url: `/api/contacts/${contactId}/quickbooks/link`,
        headers: admin.headers,
        payload: { customerId },
      })
      expect(linked.statusCode, linked.body).toBe(200)
      const dealId = await post('/api/opportunities', { name: 'Webhook deal' })
      await post(`/api/opportunities/${dealId}/links`, { recordType: 'contact', recordId: contactId })
      const list = async () => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/opportunities/${dealId}/quickbooks/documents`,
          headers: { cookie: admin.cookie },
        })
        expect(response.statusCode, response.body).toBe(200)
        return response.json() as { items: Array<{ number: string; total: string }>; asOf: string }
      }

      t.emulator.emulator.resetStats()
      const first = await list()
      expect(first.items.map((item) => item.number)).toEqual(['WH-DEAL-1'])
      expect((await list()).asOf).toBe(first.asOf)
      expect(t.emulator.emulator.stats().byEndpoint).toEqual({ batch: 1 })

      // Someone changes the invoice in QuickBooks; Intuit tells us.
      const current = store.read('Invoice', invoiceId)
      store.update(
        'Invoice',
        {
          Id: invoiceId,
          SyncToken: String(current?.SyncToken ?? '0'),
          Line: [
            {
              Amount: 120,
              DetailType: 'SalesItemLineDetail',
              SalesItemLineDetail: { ItemRef: { value: '1' } },
            },
          ],
        },
        { sparse: true },
      )
      const body = legacyBody(DEMO_REALM_ID, [{ name: 'Invoice', id: invoiceId, operation: 'Update' }])
      expect((await deliver(body)).statusCode).toBe(200)
      await t.qboCache.webhooks.drain()
      const after = await list()
      expect(t.emulator.emulator.stats().byEndpoint).toEqual({ batch: 2 })
      expect(after.items[0]?.total).toBe('120.00')
    })

    it('ignores a replayed notification', async () => {
      const body = cloudEventsBody([
        { id: 'ev-replayed', type: 'qbo.customer.updated.v1', realmId: DEMO_REALM_ID, entityId: '3' },
      ])
      await cached(admin, 'customer-3', ['Customer:3'])
      expect((await deliver(body)).statusCode).toBe(200)
      await t.qboCache.webhooks.drain()
      expect(await cached(admin, 'customer-3', ['Customer:3'])).toBe(false)
      // The same delivery again (Intuit retries): the entry read since then stays.
      expect((await deliver(body)).statusCode).toBe(200)
      await t.qboCache.webhooks.drain()
      expect(await cached(admin, 'customer-3', ['Customer:3'])).toBe(true)
    })

    it('answers 401 to a forged or missing signature, and nothing happens', async () => {
      await cached(admin, 'customer-4', ['Customer:4'])
      const before = await notificationCount()
      const body = legacyBody(DEMO_REALM_ID, [{ name: 'Customer', id: '4', operation: 'Update' }])
      const forged = await deliver(body, signWebhookPayload(body, 'not-the-verifier-token'))
      const missing = await deliver(body, null)
      const tampered = await deliver(body.replace('"4"', '"5"'), signWebhookPayload(body, TOKEN))
      for (const response of [forged, missing, tampered]) {
        expect(response.statusCode).toBe(401)
        expect(response.json().error.code).toBe('webhook_signature_invalid')
      }
      await t.qboCache.webhooks.drain()
      expect(await notificationCount()).toBe(before)
      expect(await cached(admin, 'customer-4', ['Customer:4'])).toBe(true)
    })

    it('answers 400 to a signed body it cannot read, and nothing happens', async () => {
      const before = await notificationCount()
      for (const body of ['{"eventNotifications": [', '{"something": "else"}', '']) {
        const response = await deliver(body)
        expect(response.statusCode).toBe(400)
        expect(response.json().error.code).toBe('webhook_payload_invalid')
      }
      expect(await notificationCount()).toBe(before)
    })

    it('leaves the cache alone for a realm no workspace is connected to', async () => {
      await cached(admin, 'elsewhere', ['Customer:1'], SECOND_REALM_ID)
      const body = legacyBody(SECOND_REALM_ID, [{ name: 'Customer', id: '1', operation: 'Update' }])
      expect((await deliver(body)).statusCode).toBe(200)
      await t.qboCache.webhooks.drain()
      expect(await cached(admin, 'elsewhere', ['Customer:1'], SECOND_REALM_ID)).toBe(true)
    })

    // Several server processes share invalidations through PostgreSQL only (on SQLite there is one process).
    if (dialect === 'postgres') {
      it('invalidates the cache of another server process on its next poll', async () => {
        const otherPool = openDatabase({ databaseUrl: t.databaseUrl })
        const other = createQboCacheService({
          db: otherPool.db,
          config: t.config,
          logger,
          quickbooks: t.quickbooks,
        })
        try {
          await other.start()
          const scope = { workspaceId: admin.workspaceId, realmId: DEMO_REALM_ID }
          const warm = () =>
            other.cache.read(scope, 'customer-6', async () => 'v', { tags: () => ['Customer:6'] })
          await warm()
          const body = legacyBody(DEMO_REALM_ID, [{ name: 'Customer', id: '6', operation: 'Update' }])
          expect((await deliver(body)).statusCode).toBe(200)
          await t.qboCache.webhooks.drain()
          expect((await warm()).cached).toBe(true)
          expect(await other.bus.poll()).toBeGreaterThan(0)
          expect((await warm()).cached).toBe(false)
        } finally {
          await other.stop()
          await otherPool.close()
        }
      })
    }

    it('takes deliveries signed by the emulator’s own webhook dispatcher', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      const address = t.app.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      // A second emulator of the same demo company, delivering its changes to this app like Intuit would.
      const notifier = createEmulator({
        testMode: true,
        seed: 'demo',
        webhooks: {
          url: `http://127.0.0.1:${port}/api/quickbooks/webhooks`,
          verifierToken: TOKEN,
          format: 'cloudevents',
        },
      })
      try {
        const company = notifier.store.get(DEMO_REALM_ID)
        const customer = [...(company?.list('Customer') ?? [])][0] as { Id: string; SyncToken: string }
        const tags = [`Customer:${customer.Id}`]
        await cached(admin, 'notified', tags)
        company?.update(
          'Customer',
          { Id: customer.Id, SyncToken: customer.SyncToken, Notes: 'changed' },
          { sparse: true },
        )
        let stillCached = true
        for (let i = 0; i < 60 && stillCached; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50))
          await t.qboCache.webhooks.drain()
          stillCached = await isStillCached()
        }
        expect(stillCached).toBe(false)
      } finally {
        await notifier.close()
      }

      async function isStillCached() {
        const read = await t.qboCache.cache.read(
          { workspaceId: admin.workspaceId, realmId: DEMO_REALM_ID },
          'notified',
          async () => 'reloaded',
        )
        return read.value === 'notified'
      }
    })
  })
}

const fixtures = process.env.QBO_FIXTURES_DIR

describe.skipIf(!fixtures)('the webhook receiver with Intuit’s published test vector', () => {
  it('accepts the vector’s body and signature with its verifier token', async () => {
    const vector = JSON.parse(
      readFileSync(join(fixtures ?? '', 'webhook-signature-test-vector.json'), 'utf8'),
    ) as {
      verifierToken: string
      intuitSignatureHeader: string
      rawBody: string
    }
    const database = await createTestDatabase('sqlite')
    const config = testConfig({ QBO_WEBHOOK_VERIFIER_TOKEN: vector.verifierToken })
    const qboCache = createQboCacheService({
      db: database.db,
      config,
      logger,
      quickbooks: { companyFor: async () => Promise.reject(new Error('not used')) },
    })
    const app = Fastify()
    app.setValidatorCompiler(validatorCompiler)
    app.setSerializerCompiler(serializerCompiler)
    registerErrorHandler(app)
    await app.register(quickbooksWebhookRoutes, { prefix: '/api', qboCache })
    try {
      const send = (signature: string) =>
        app.inject({
          method: 'POST',
          url: '/api/quickbooks/webhooks',
          headers: { 'content-type': 'application/json', 'intuit-signature': signature },
          payload: vector.rawBody,
        })
      const accepted = await send(vector.intuitSignatureHeader)
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json()).toEqual({ received: 2 })
      expect((await send(signWebhookPayload(vector.rawBody, 'other'))).statusCode).toBe(401)
      await qboCache.webhooks.drain()
    } finally {
      await app.close()
      await database.close()
    }
  })
})
