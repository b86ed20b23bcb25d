import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'

for (const dialect of testDatabases()) {
  describe(`links between records on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn
    let organization: { id: string }
    let contact: { id: string }
    let opportunity: { id: string }
    let project: { id: string }

    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: admin.headers, payload })
    const links = async (url: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `${url}/links`,
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(200)
      return response.json().items as {
        id: string
        recordType: string
        recordId: string
        name: string
        role: string | null
      }[]
    }

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      organization = (await post('/api/organizations', { name: 'Linked Org' })).json()
      contact = (
        await post('/api/contacts', { firstName: 'Lin', lastName: 'Ked', organizationId: organization.id })
      ).json()
      opportunity = (await post('/api/opportunities', { name: 'Linked Deal' })).json()
      project = (await post('/api/projects', { name: 'Linked Project' })).json()
    })
    afterAll(async () => t?.close())

    it('links an opportunity to a contact with a role and lists the link from both sides', async () => {
      const created = await post(`/api/opportunities/${opportunity.id}/links`, {
        recordType: 'contact',
        recordId: contact.id,
        role: 'Decision maker',
      })
      expect(created.statusCode).toBe(201)
      expect(created.json()).toMatchObject({
        recordType: 'contact',
        recordId: contact.id,
        name: 'Lin Ked',
        role: 'Decision maker',
      })
      expect(await links(`/api/opportunities/${opportunity.id}`)).toEqual([
        expect.objectContaining({ recordType: 'contact', recordId: contact.id, role: 'Decision maker' }),
      ])
      expect(await links(`/api/contacts/${contact.id}`)).toEqual([
        expect.objectContaining({
          id: created.json().id,
          recordType: 'opportunity',
          recordId: opportunity.id,
          name: 'Linked Deal',
        }),
      ])
    })

    it('accepts a link made from the organization side and refuses a duplicate with 409', async () => {
      const created = await post(`/api/organizations/${organization.id}/links`, {
        recordType: 'project',
        recordId: project.id,
      })
      expect(created.statusCode).toBe(201)
      const again = await post(`/api/projects/${project.id}/links`, {
        recordType: 'organization',
        recordId: organization.id,
      })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('LINK_EXISTS')
      expect(await links(`/api/projects/${project.id}`)).toEqual([
        expect.objectContaining({
          recordType: 'organization',
          recordId: organization.id,
          name: 'Linked Org',
          role: null,
        }),
      ])
    })

    it("lists an organization's contacts as members beside its linked projects", async () => {
      const items = await links(`/api/organizations/${organization.id}`)
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: `contact:${contact.id}`, recordType: 'contact', role: 'member' }),
          expect.objectContaining({ recordType: 'project', recordId: project.id }),
        ]),
      )
    })

    it('refuses links between two contacts or two deals, and to records that do not exist', async () => {
      for (const [url, payload] of [
        [`/api/contacts/${contact.id}/links`, { recordType: 'organization', recordId: organization.id }],
        [`/api/opportunities/${opportunity.id}/links`, { recordType: 'project', recordId: project.id }],
        [`/api/opportunities/${opportunity.id}/links`, { recordType: 'contact', recordId: '0'.repeat(26) }],
        [`/api/opportunities/${opportunity.id}/links`, { recordType: 'contact', recordId: organization.id }],
      ] as const) {
        const response = await post(url, payload)
        expect(response.statusCode, JSON.stringify(payload)).toBe(400)
        expect(response.json().error.code).toBe('BAD_LINK')
      }
    })

    it('removes a link from either side, and removes links when a record is deleted', async () => {
      const link = (
        await post(`/api/projects/${project.id}/links`, { recordType: 'contact', recordId: contact.id })
      ).json()
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/contacts/${contact.id}/links/${link.id}`,
        headers: admin.headers,
      })
      expect(removed.statusCode).toBe(204)
      const missing = await t.app.inject({
        method: 'DELETE',
        url: `/api/contacts/${contact.id}/links/${link.id}`,
        headers: admin.headers,
      })
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('LINK_NOT_FOUND')
      const membership = await t.app.inject({
        method: 'DELETE',
        url: `/api/organizations/${organization.id}/links/contact:${contact.id}`,
        headers: admin.headers,
      })
      expect(membership.statusCode).toBe(400)
      await t.app.inject({
        method: 'DELETE',
        url: `/api/opportunities/${opportunity.id}`,
        headers: admin.headers,
      })
      expect(await links(`/api/contacts/${contact.id}`)).toEqual([])
    })
  })
}
