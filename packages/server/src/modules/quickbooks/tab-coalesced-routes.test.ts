import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'

for (const dialect of testDatabases()) {
  describe(`QuickBooks tabs opened at the same time on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    const contacts: Array<{ id: string; customerId: string }> = []

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      const customers = [...(t.emulator.store.get(DEMO_REALM_ID)?.list('Customer') ?? [])].slice(0, 4)
      for (const [n, customer] of customers.entries()) {
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/contacts',
          headers: admin.headers,
          payload: { firstName: 'Shared', lastName: `Read ${n}` },
        })
        expect(created.statusCode, created.body).toBe(201)
        const id = (created.json() as { id: string }).id
        const linked = await t.app.inject({
          method: 'PUT',
          url: `/api/contacts/${id}/quickbooks/link`,
          headers: admin.headers,
          payload: { customerId: String(customer.Id) },
        })
        expect(linked.statusCode, linked.body).toBe(200)
        contacts.push({ id, customerId: String(customer.Id) })
      }
    })
    afterEach(() => t.emulator.configure({ latencyMs: 0, faults: null }))
    afterAll(async () => t?.close())

    const openAll = () =>
      Promise.all(
        contacts.map((contact) =>
          t.app.inject({
            method: 'GET',
            url: `/api/contacts/${contact.id}/quickbooks?refresh=true`,
            headers: { cookie: admin.cookie },
          }),
        ),
      )

    it('reads the cold tabs of different customers with shared batch requests, each with its own customer', async () => {
      // QBO's answer takes a while, so the tabs that arrive meanwhile wait for the next read together.
      t.emulator.configure({ latencyMs: 150 })
      t.emulator.resetStats()
      const responses = await openAll()
      for (const [index, response] of responses.entries()) {
        expect(response.statusCode, response.body).toBe(200)
        const body = response.json() as { state: string; customer: { id: string } }
        expect(body.state).toBe('linked')
        expect(body.customer.id).toBe(contacts[index]?.customerId)
      }
      const batches = t.emulator.stats().byEndpoint.batch ?? 0
      expect(batches).toBeGreaterThanOrEqual(1)
      expect(batches).toBeLessThanOrEqual(2)
    })

    it('answers every waiting tab with 503 when QBO fails the shared read, and serves them once QBO is back', async () => {
      t.emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'accounting' } })
      const failed = await openAll()
      for (const response of failed) {
        expect(response.statusCode, response.body).toBe(503)
        expect(response.json()).toMatchObject({ error: { code: 'quickbooks_unavailable' } })
      }
      t.emulator.configure({ faults: null })
      for (const response of await openAll()) expect(response.statusCode, response.body).toBe(200)
    })
  })
}
