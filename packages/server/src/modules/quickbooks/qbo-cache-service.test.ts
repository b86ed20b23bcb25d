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
  startTestEmulator,
  type TestEmulator,
  testEncryptionKey,
} from '../../../test/quickbooks-helpers'
import { buildApp } from '../../app'

for (const dialect of testDatabases()) {
  describe(`the app's own QuickBooks wiring on ${dialect}`, () => {
    let emulator: TestEmulator
    let t: TestApp
    let admin: SignedIn
    let contactId: string

    beforeAll(async () => {
      emulator = await startTestEmulator()
      const database = await createTestDatabase(dialect)
      // Nothing injected: the app builds its QuickBooks capability, cache and rate-limit store itself.
      const config = testConfig({
        LEDGERLINK_ENCRYPTION_KEY: testEncryptionKey(),
        QBO_EMULATOR_PORT: new URL(emulator.url).port,
      })
      const app = await buildApp(config, { db: database.db })
      await app.ready()
      t = {
        app,
        db: database.db,
        config,
        close: async () => {
          await app.close()
          await database.close()
        },
      }
      ;({ admin } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: admin.headers,
        payload: { firstName: 'Cache', lastName: 'Probe' },
      })
      expect(created.statusCode).toBe(201)
      contactId = created.json().id
      const customer = [...(emulator.emulator.store.get(DEMO_REALM_ID)?.list('Customer') ?? [])][0] as {
        Id: string
      }
      const linked = await t.app.inject({
        method: 'PUT',
        url: `/api/contacts/${contactId}/quickbooks/link`,
        headers: admin.headers,
        payload: { customerId: customer.Id },
      })
      expect(linked.statusCode).toBe(200)
    })
    afterAll(async () => {
      await t?.close()
      await emulator?.close()
    })

    const openTab = async (query = '') => {
      const before = emulator.emulator.stats().total
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/contacts/${contactId}/quickbooks${query}`,
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(200)
      return { calls: emulator.emulator.stats().total - before, asOf: response.json().asOf as string }
    }

    it('serves a warm tab from the cache, with the time of its QuickBooks read, and refreshes on request', async () => {
      const cold = await openTab()
      expect(cold.calls).toBe(1)
      const warm = await openTab()
      expect(warm).toEqual({ calls: 0, asOf: cold.asOf })
      const refreshed = await openTab('?refresh=true')
      expect(refreshed.calls).toBe(1)
    })

    it('counts its QuickBooks calls in the shared database, settled once answered', async () => {
      const rows = await t.db
        .selectFrom('qbo_rate_limit_entries')
        .select(['limit_key', 'in_flight'])
        .execute()
      expect(rows.some((row) => row.limit_key.endsWith(`:${DEMO_REALM_ID}:requests`))).toBe(true)
      expect(rows.every((row) => row.in_flight === 0)).toBe(true)
    })
  })
}
