import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'
import { createCrmService } from './record-service'

type Entry = {
  id: string
  action: string
  user: { id: string; name: string } | null
  changes: { field: string; oldValue: unknown; newValue: unknown }[]
}

for (const dialect of testDatabases()) {
  describe(`history and undo on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn
    let member: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const create = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/organizations',
          headers: admin.headers,
          payload: { name: 'Historic Ltd', phone: '111', billingAddress: { city: 'Old Town' } },
        })
      ).json() as { id: string }
    const patch = (id: string, payload: object, who = admin) =>
      t.app.inject({ method: 'PATCH', url: `/api/organizations/${id}`, headers: who.headers, payload })
    const history = async (id: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/organizations/${id}/history`,
          headers: { cookie: admin.cookie },
        })
      ).json().items as Entry[]
    const undo = (id: string, changeId: string, field: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/organizations/${id}/history/${changeId}/undo`,
        headers: admin.headers,
        payload: { field },
      })

    it('records the creation and every update with who, which fields, and old and new values, newest first', async () => {
      const { id } = await create()
      await patch(id, { phone: '222', website: 'https://h.example.com', name: 'Historic Ltd' }, member)
      const entries = await history(id)
      expect(entries).toHaveLength(2)
      expect(entries[0]).toMatchObject({
        action: 'update',
        user: { id: member.userId, name: 'Max Member' },
        changes: [
          { field: 'phone', oldValue: '111', newValue: '222' },
          { field: 'website', oldValue: null, newValue: 'https://h.example.com' },
        ],
      })
      expect(entries[1]).toMatchObject({ action: 'create', user: { id: admin.userId } })
      expect(entries[1]?.changes).toEqual(
        expect.arrayContaining([
          { field: 'name', oldValue: null, newValue: 'Historic Ltd' },
          {
            field: 'billingAddress',
            oldValue: null,
            newValue: { street: null, city: 'Old Town', region: null, postalCode: null, country: null },
          },
        ]),
      )
    })

    it('writes no entry when an update changes nothing', async () => {
      const { id } = await create()
      await patch(id, { phone: '111' })
      expect(await history(id)).toHaveLength(1)
    })

    it('undoes one field of a change, writing an undo entry and leaving the other fields', async () => {
      const { id } = await create()
      await patch(id, { phone: '333', billingAddress: null })
      const [change] = await history(id)
      const response = await undo(id, change?.id ?? '', 'billingAddress')
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ phone: '333', billingAddress: { city: 'Old Town' } })
      const [latest] = await history(id)
      expect(latest).toMatchObject({
        action: 'undo',
        changes: [
          {
            field: 'billingAddress',
            oldValue: null,
            newValue: expect.objectContaining({ city: 'Old Town' }),
          },
        ],
      })
    })

    it('refuses with 409 UNDO_CONFLICT when the field changed again since', async () => {
      const { id } = await create()
      await patch(id, { phone: '444' })
      const [first] = await history(id)
      await patch(id, { phone: '555' })
      const response = await undo(id, first?.id ?? '', 'phone')
      expect(response.statusCode).toBe(409)
      expect(response.json().error).toMatchObject({
        code: 'UNDO_CONFLICT',
        message: expect.stringContaining('changed again'),
      })
      expect((await history(id))[0]?.changes).toEqual([{ field: 'phone', oldValue: '444', newValue: '555' }])
    })

    it('answers 404 for an unknown change or a field the change did not touch', async () => {
      const { id } = await create()
      const [entry] = await history(id)
      expect((await undo(id, '0'.repeat(26), 'phone')).statusCode).toBe(404)
      const untouched = await undo(id, entry?.id ?? '', 'fax')
      expect(untouched.statusCode).toBe(404)
      expect(untouched.json().error.code).toBe('CHANGE_NOT_FOUND')
    })

    it('keeps the action given to updateRecordFields, for copies from QuickBooks', async () => {
      const { id } = await create()
      const crm = createCrmService(t.db)
      await crm.updateRecordFields(
        { workspaceId: admin.workspaceId, userId: admin.userId },
        'organization',
        id,
        { fax: '999' },
        'copy_from_quickbooks',
      )
      const [entry] = await history(id)
      expect(entry).toMatchObject({
        action: 'copy_from_quickbooks',
        changes: [{ field: 'fax', oldValue: null, newValue: '999' }],
      })
    })

    it('pages long histories with a cursor', async () => {
      const { id } = await create()
      for (let i = 0; i < 55; i++) await patch(id, { phone: `p${i}` })
      const first = (
        await t.app.inject({
          method: 'GET',
          url: `/api/organizations/${id}/history`,
          headers: { cookie: admin.cookie },
        })
      ).json()
      expect(first.items).toHaveLength(50)
      const second = (
        await t.app.inject({
          method: 'GET',
          url: `/api/organizations/${id}/history?cursor=${first.nextCursor}`,
          headers: { cookie: admin.cookie },
        })
      ).json()
      expect(second.items).toHaveLength(6)
      expect(second.nextCursor).toBeNull()
      expect(second.items.at(-1).action).toBe('create')
    })
  })
}
