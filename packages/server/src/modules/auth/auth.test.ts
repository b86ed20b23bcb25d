import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  sessionCookieOf,
  signIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'
import { hashSessionId } from './session-service'

for (const dialect of testDatabases()) {
  describe(`sign-in, sessions and CSRF on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn
    let member: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect, { SIGN_IN_MAX_ATTEMPTS: '3' })
      ;({ admin, member } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const signInRequest = (payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload, headers })

    it('signs in and sets a secure-by-default, http-only, same-site session cookie', async () => {
      const response = await signInRequest({ email: admin.email.toUpperCase(), password: admin.password })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        user: { id: admin.userId, email: admin.email, name: 'Ada Admin', role: 'admin' },
        workspace: { id: admin.workspaceId, name: 'Test workspace' },
        csrfToken: expect.any(String),
      })
      const cookie = response.cookies.find((candidate) => candidate.name === 'll_session')
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    })

    it('stores only a hash of the session id', async () => {
      const response = await signInRequest({ email: member.email, password: member.password })
      const sessionId = sessionCookieOf(response).split('=')[1] ?? ''
      const rows = await t.db.selectFrom('sessions').select('id_hash').execute()
      expect(rows.some((row) => row.id_hash === sessionId)).toBe(false)
      expect(rows.some((row) => row.id_hash === hashSessionId(sessionId))).toBe(true)
    })

    it('hashes passwords with argon2id and never stores them in clear', async () => {
      const user = await t.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', admin.email)
        .executeTakeFirstOrThrow()
      expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      expect(user.password_hash).not.toContain(admin.password)
    })

    it('answers the session with the user, the workspace and the CSRF token', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: member.cookie },
      })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ user: { role: 'member' }, csrfToken: member.csrfToken })
    })

    it('answers 401 UNAUTHENTICATED without a session or with a made-up one', async () => {
      for (const headers of [{}, { cookie: 'll_session=made-up-value' }]) {
        const response = await t.app.inject({ method: 'GET', url: '/api/organizations', headers })
        expect(response.statusCode).toBe(401)
        expect(response.json().error.code).toBe('UNAUTHENTICATED')
      }
    })

    it('rejects a wrong password and an unknown email alike with 401 INVALID_CREDENTIALS', async () => {
      for (const payload of [
        { email: member.email, password: 'wrong-password' },
        { email: 'nobody@example.test', password: 'whatever-1' },
      ]) {
        const response = await signInRequest(payload, { 'x-forwarded-for': '1' })
        expect(response.statusCode).toBe(401)
        expect(response.json().error).toEqual({
          code: 'INVALID_CREDENTIALS',
          message: 'The email or password is not correct.',
        })
      }
    })

    it('refuses a sign-in sent as a form post', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(admin.email)}&password=${admin.password}`,
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('BAD_INPUT')
      expect(response.cookies).toEqual([])
    })

    it('refuses a state-changing request without the CSRF token, or with a wrong one, and changes nothing', async () => {
      for (const headers of [{ cookie: admin.cookie }, { cookie: admin.cookie, 'x-csrf-token': 'wrong' }]) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/organizations',
          headers,
          payload: { name: 'Forged Org' },
        })
        expect(response.statusCode).toBe(403)
        expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID')
      }
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: { cookie: admin.cookie, 'x-csrf-token': member.csrfToken },
        payload: { name: 'Forged Org' },
      })
      expect(other.statusCode).toBe(403)
      const rows = await t.db.selectFrom('records').select('id').where('name', '=', 'Forged Org').execute()
      expect(rows).toEqual([])
    })

    it('limits failed sign-ins per IP and email with 429, even for the right password', async () => {
      const victim = await createSignedInWorkspace(t, 'Rate limited')
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await signInRequest({ email: victim.member.email, password: 'wrong-password' })
        expect(response.statusCode).toBe(401)
      }
      const limited = await signInRequest({ email: victim.member.email, password: victim.member.password })
      expect(limited.statusCode).toBe(429)
      expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS')
      // Another email from the same address is not affected.
      const other = await signInRequest({ email: victim.admin.email, password: victim.admin.password })
      expect(other.statusCode).toBe(200)
    })

    it('ends the session on sign-out', async () => {
      const session = await signIn(t.app, member.email, member.password)
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers })
      expect(out.statusCode).toBe(204)
      const after = await t.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: session.cookie },
      })
      expect(after.statusCode).toBe(401)
    })

    it('expires an idle session and slides the expiry of a used one', async () => {
      const session = await signIn(t.app, member.email, member.password)
      const idHash = hashSessionId(session.cookie.split('=')[1] ?? '')
      const soon = new Date(Date.now() + 60_000).toISOString()
      await t.db.updateTable('sessions').set({ expires_at: soon }).where('id_hash', '=', idHash).execute()
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session.cookie } }))
          .statusCode,
      ).toBe(200)
      const extended = await t.db
        .selectFrom('sessions')
        .select('expires_at')
        .where('id_hash', '=', idHash)
        .executeTakeFirstOrThrow()
      expect(Date.parse(extended.expires_at)).toBeGreaterThan(Date.now() + 24 * 3_600_000)
      const past = new Date(Date.now() - 1000).toISOString()
      await t.db.updateTable('sessions').set({ expires_at: past }).where('id_hash', '=', idHash).execute()
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session.cookie } }))
          .statusCode,
      ).toBe(401)
    })

    it('changes the password only with the current one, and ends the other sessions', async () => {
      const { member: user } = await createSignedInWorkspace(t, 'Password change')
      const other = await signIn(t.app, user.email, user.password)
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: user.headers,
        payload: { currentPassword: 'not-it', newPassword: 'a-new-password' },
      })
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json().error.code).toBe('WRONG_PASSWORD')
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: user.headers,
        payload: { currentPassword: user.password, newPassword: 'a-new-password' },
      })
      expect(changed.statusCode).toBe(204)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: other.cookie } }))
          .statusCode,
      ).toBe(401)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: user.cookie } }))
          .statusCode,
      ).toBe(200)
      await expect(signIn(t.app, user.email, 'a-new-password')).resolves.toMatchObject({
        userId: user.userId,
      })
    })

    it('sends security headers and no-store on API responses, and refuses TRACE', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/health' })
      expect(response.headers['cache-control']).toBe('no-store')
      const csp = String(response.headers['content-security-policy'])
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toMatch(/script-src 'self'(;|$)/)
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'")
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['x-frame-options']).toBe('DENY')
      const trace = await t.app.inject({ method: 'TRACE', url: '/api/health' })
      expect(trace.statusCode).toBe(405)
    })
  })
}
