import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'

for (const dialect of testDatabases()) {
  describe(`organizations on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const create = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: admin.headers,
        payload: payload as object,
      })

    it('creates an organization and reads it back with defaults filled in', async () => {
      const response = await create({
        name: '  Acme Landscaping ',
        emailDomains: ['Acme.example.com'],
        billingAddress: { city: 'Springfield' },
      })
      expect(response.statusCode).toBe(201)
      const created = response.json()
      expect(created).toMatchObject({
        name: 'Acme Landscaping',
        emailDomains: ['acme.example.com'],
        phone: null,
        billingAddress: { street: null, city: 'Springfield', region: null, postalCode: null, country: null },
        shippingAddress: null,
        createdBy: { id: admin.userId, name: 'Ada Admin' },
      })
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/organizations/${created.id}`,
        headers: { cookie: admin.cookie },
      })
      expect(read.statusCode).toBe(200)
      expect(read.json()).toEqual(created)
    })

    it('rejects an organization without a name with a field error', async () => {
      const response = await create({ phone: '123' })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'BAD_INPUT', fields: [{ path: 'name' }] })
    })

    it('updates some fields, clears one with null, and leaves the others alone', async () => {
      const created = (
        await create({ name: 'Patchable Co', phone: '555', website: 'https://p.example.com' })
      ).json()
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/organizations/${created.id}`,
        headers: admin.headers,
        payload: { phone: null, name: 'Patched Co' },
      })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        name: 'Patched Co',
        phone: null,
        website: 'https://p.example.com',
      })
    })

    it('deletes an organization, after which it is not found', async () => {
      const created = (await create({ name: 'Short-lived Ltd' })).json()
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/organizations/${created.id}`,
        headers: admin.headers,
      })
      expect(deleted.statusCode).toBe(204)
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/organizations/${created.id}`,
        headers: { cookie: admin.cookie },
      })
      expect(read.statusCode).toBe(404)
      expect(read.json().error.code).toBe('RECORD_NOT_FOUND')
    })

    it('searches names and email domains case-insensitively', async () => {
      await create({ name: 'Zebra Crossing Café' })
      await create({ name: 'Other Thing', emailDomains: ['zebracrossing.example.com'] })
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/organizations?q=ZEBRA',
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(200)
      expect(
        response
          .json()
          .items.map((item: { name: string }) => item.name)
          .sort(),
      ).toEqual(['Other Thing', 'Zebra Crossing Café'])
    })

    it('treats LIKE wildcards in the search as plain text', async () => {
      await create({ name: '100% Organic Lawns' })
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/organizations?q=0%25%20O',
        headers: { cookie: admin.cookie },
      })
      expect(response.json().items.map((item: { name: string }) => item.name)).toEqual(['100% Organic Lawns'])
      const none = await t.app.inject({
        method: 'GET',
        url: '/api/organizations?q=_',
        headers: { cookie: admin.cookie },
      })
      expect(none.json().items).toEqual([])
    })
  })
}
