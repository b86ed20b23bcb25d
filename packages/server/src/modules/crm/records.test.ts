import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'

for (const dialect of testDatabases()) {
  describe(`contacts, opportunities and projects on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: admin.headers, payload })
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })

    it("shows a contact's organization by name and finds contacts by email and phone", async () => {
      const organization = (await post('/api/organizations', { name: 'Kestrel Farms' })).json()
      const response = await post('/api/contacts', {
        firstName: 'Ruth',
        lastName: 'Okoye',
        email: 'Ruth.Okoye@Kestrel.example.com',
        phone: '(555) 010-4242',
        organizationId: organization.id,
      })
      expect(response.statusCode).toBe(201)
      expect(response.json()).toMatchObject({
        email: 'ruth.okoye@kestrel.example.com',
        organization: { id: organization.id, name: 'Kestrel Farms' },
      })
      expect((await get('/api/contacts?q=RUTH.OKOYE@')).json().items).toHaveLength(1)
      expect((await get('/api/contacts?q=010-4242')).json().items).toHaveLength(1)
    })

    it('requires a first or last name for a contact and a valid email', async () => {
      const nameless = await post('/api/contacts', { title: 'Ghost' })
      expect(nameless.statusCode).toBe(400)
      expect(nameless.json().error.fields).toEqual([
        { path: 'lastName', message: 'Enter a first name or a last name' },
      ])
      const badEmail = await post('/api/contacts', { lastName: 'Smith', email: 'not-an-email' })
      expect(badEmail.statusCode).toBe(400)
      expect(badEmail.json().error.fields[0]).toMatchObject({ path: 'email' })
    })

    it('refuses an organization id that is not an organization of this workspace', async () => {
      const contact = (await post('/api/contacts', { lastName: 'Alone' })).json()
      const response = await post('/api/contacts', { lastName: 'Pointer', organizationId: contact.id })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.fields).toEqual([
        { path: 'organizationId', message: 'No such organization in this workspace' },
      ])
    })

    it('creates an opportunity with defaults, an owner and a decimal value', async () => {
      const response = await post('/api/opportunities', {
        name: 'Hedge maze',
        value: '1250.5',
        ownerId: admin.userId,
      })
      expect(response.statusCode).toBe(201)
      expect(response.json()).toMatchObject({
        value: '1250.50',
        currency: 'USD',
        stage: 'prospecting',
        probability: null,
        owner: { id: admin.userId, name: 'Ada Admin' },
      })
      for (const payload of [
        { name: 'x', value: 12.5 },
        { name: 'x', value: '1,250' },
        { name: 'x', probability: 101 },
        { name: 'x', stage: 'closed' },
        { name: 'x', currency: 'usd' },
        { name: 'x', expectedCloseDate: '2026-02-30' },
        { name: 'x', ownerId: '0'.repeat(26) },
      ]) {
        const bad = await post('/api/opportunities', payload)
        expect(bad.statusCode, JSON.stringify(payload)).toBe(400)
        expect(bad.json().error.code).toBe('BAD_INPUT')
      }
    })

    it('refuses a project due before it starts, also when only one date is patched', async () => {
      const bad = await post('/api/projects', {
        name: 'Backwards',
        startDate: '2026-05-10',
        dueDate: '2026-05-01',
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.fields[0].path).toBe('dueDate')
      const project = (
        await post('/api/projects', { name: 'Forwards', startDate: '2026-05-01', dueDate: '2026-05-10' })
      ).json()
      expect(project.status).toBe('not_started')
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/projects/${project.id}`,
        headers: admin.headers,
        payload: { startDate: '2026-06-01' },
      })
      expect(patch.statusCode).toBe(400)
      expect((await get(`/api/projects/${project.id}`)).json().startDate).toBe('2026-05-01')
    })

    it('keeps every field when different fields of one record are edited at the same moment', async () => {
      const organization = (await post('/api/organizations', { name: 'Busy Org' })).json()
      const edits = [
        { phone: '1' },
        { otherPhone: '2' },
        { fax: '3' },
        { website: 'https://busy.example.com' },
        { background: 'Many editors' },
        { emailDomains: ['busy.example.com'] },
      ]
      const responses = await Promise.all(
        edits.map((payload) =>
          t.app.inject({
            method: 'PATCH',
            url: `/api/organizations/${organization.id}`,
            headers: admin.headers,
            payload,
          }),
        ),
      )
      for (const response of responses) expect([200, 409]).toContain(response.statusCode)
      const saved = (await get(`/api/organizations/${organization.id}`)).json()
      edits.forEach((payload, index) => {
        if (responses[index]?.statusCode === 200) expect(saved).toMatchObject(payload)
      })
      const history = (await get(`/api/organizations/${organization.id}/history`)).json()
      expect(history.items).toHaveLength(
        1 + responses.filter((response) => response.statusCode === 200).length,
      )
    })

    it('answers 404 for a record of another type with the same id', async () => {
      const project = (await post('/api/projects', { name: 'Typed' })).json()
      const response = await get(`/api/opportunities/${project.id}`)
      expect(response.statusCode).toBe(404)
      expect(response.json().error.code).toBe('RECORD_NOT_FOUND')
    })

    it('clears the organization of its contacts when an organization is deleted', async () => {
      const organization = (await post('/api/organizations', { name: 'Closing Down Inc' })).json()
      const contact = (
        await post('/api/contacts', { lastName: 'Staff', organizationId: organization.id })
      ).json()
      await t.app.inject({
        method: 'DELETE',
        url: `/api/organizations/${organization.id}`,
        headers: admin.headers,
      })
      expect((await get(`/api/contacts/${contact.id}`)).json()).toMatchObject({
        organizationId: null,
        organization: null,
      })
    })
  })
}
