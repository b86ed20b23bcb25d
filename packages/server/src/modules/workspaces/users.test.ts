import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  signIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'

for (const dialect of testDatabases()) {
  describe(`users and members on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn
    let member: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    it('lets an administrator create a user who can then sign in', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: {
          email: 'New.Person@Example.test',
          name: 'New Person',
          role: 'member',
          password: 'first-password',
        },
      })
      expect(response.statusCode).toBe(201)
      expect(response.json()).toMatchObject({
        email: 'new.person@example.test',
        name: 'New Person',
        role: 'member',
      })
      expect(response.json()).not.toHaveProperty('passwordHash')
      await expect(signIn(t.app, 'new.person@example.test', 'first-password')).resolves.toMatchObject({
        workspaceId: admin.workspaceId,
      })
    })

    it('answers 409 EMAIL_TAKEN for an email that already has an account', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: member.email, name: 'Copy', role: 'member', password: 'first-password' },
      })
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('EMAIL_TAKEN')
    })

    it('lists members for any signed-in user without password hashes', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/workspace/members',
        headers: { cookie: member.cookie },
      })
      expect(response.statusCode).toBe(200)
      const items = response.json().items as Record<string, unknown>[]
      expect(items.map((item) => item.email)).toContain(admin.email)
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(['email', 'id', 'name', 'role'])
    })

    it('answers 403 FORBIDDEN to members on every user administration route', async () => {
      const requests = [
        { method: 'GET' as const, url: '/api/users' },
        {
          method: 'POST' as const,
          url: '/api/users',
          payload: { email: 'x@example.test', name: 'X', role: 'admin', password: 'password-1' },
        },
        { method: 'PATCH' as const, url: `/api/users/${member.userId}`, payload: { role: 'admin' } },
        { method: 'DELETE' as const, url: `/api/users/${admin.userId}` },
      ]
      for (const request of requests) {
        const response = await t.app.inject({ ...request, headers: member.headers })
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(403)
        expect(response.json().error.code).toBe('FORBIDDEN')
      }
      const me = await t.db
        .selectFrom('users')
        .select('role')
        .where('id', '=', member.userId)
        .executeTakeFirstOrThrow()
      expect(me.role).toBe('member')
    })

    it('refuses to demote the last administrator', async () => {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${admin.userId}`,
        headers: admin.headers,
        payload: { role: 'member' },
      })
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('LAST_ADMIN')
    })

    it('refuses to let administrators delete themselves, and deletes others', async () => {
      const self = await t.app.inject({
        method: 'DELETE',
        url: `/api/users/${admin.userId}`,
        headers: admin.headers,
      })
      expect(self.statusCode).toBe(409)
      const { member: doomed } = await createSignedInWorkspace(t, 'Other')
      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/api/users/${doomed.userId}`,
        headers: admin.headers,
      })
      expect(foreign.statusCode).toBe(404)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: {
          email: 'leaving@example.test',
          name: 'Leaving',
          role: 'member',
          password: 'first-password',
        },
      })
      const gone = await t.app.inject({
        method: 'DELETE',
        url: `/api/users/${created.json().id}`,
        headers: admin.headers,
      })
      expect(gone.statusCode).toBe(204)
      const users = await t.app.inject({
        method: 'GET',
        url: '/api/users',
        headers: { cookie: admin.cookie },
      })
      expect(users.json().items.map((user: { email: string }) => user.email)).not.toContain(
        'leaving@example.test',
      )
    })

    it('promotes a member, after which they may use administration routes', async () => {
      const { admin: boss, member: worker } = await createSignedInWorkspace(t, 'Promotion')
      const promoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${worker.userId}`,
        headers: boss.headers,
        payload: { role: 'admin', name: 'Max Promoted' },
      })
      expect(promoted.statusCode).toBe(200)
      expect(promoted.json()).toMatchObject({ role: 'admin', name: 'Max Promoted' })
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: worker.cookie } }))
          .statusCode,
      ).toBe(200)
    })
  })
}
