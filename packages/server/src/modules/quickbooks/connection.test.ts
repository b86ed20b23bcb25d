import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, signIn, testDatabases } from '../../../test/helpers'
import {
  answerConsent,
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  followCallback,
  type QuickbooksTestApp,
  SECOND_REALM_ID,
  startTestEmulator,
} from '../../../test/quickbooks-helpers'
import { saveCustomerLink } from './customer-links-repository'
import { createTokenCipher, parseKeyring } from './token-crypto'
import { openTokens } from './token-store-db'

for (const dialect of testDatabases()) {
  describe(`QuickBooks connection routes on ${dialect}`, () => {
    let t: QuickbooksTestApp

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
    })
    afterAll(async () => t?.close())

    const get = (who: SignedIn, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const post = (who: SignedIn, url: string) => t.app.inject({ method: 'POST', url, headers: who.headers })
    const connectionOf = async (who: SignedIn) => (await get(who, '/api/quickbooks/connection')).json()
    const rowOf = (who: SignedIn) =>
      t.db
        .selectFrom('qbo_connections')
        .selectAll()
        .where('workspace_id', '=', who.workspaceId)
        .executeTakeFirst()
    const storedTokens = async (who: SignedIn) => {
      const row = await rowOf(who)
      if (!row?.token_ciphertext) throw new Error('no tokens stored')
      const cipher = createTokenCipher(parseKeyring(t.config.encryptionKey ?? ''))
      return openTokens(cipher, who.workspaceId, row.realm_id, row.token_ciphertext)
    }
    /** What Intuit answers to a refresh with this token: 200 while the grant lives, 400 invalid_grant once revoked. */
    const refreshAtIntuit = async (refreshToken: string) => {
      const response = await fetch(`${t.emulatorUrl}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('ledgerlink-dev:ledgerlink-dev-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      })
      return { status: response.status, error: ((await response.json()) as { error?: string }).error }
    }
    const pendingTokens = async (who: SignedIn) => {
      const row = await t.db
        .selectFrom('qbo_pending_connections')
        .selectAll()
        .where('workspace_id', '=', who.workspaceId)
        .executeTakeFirstOrThrow()
      const cipher = createTokenCipher(parseKeyring(t.config.encryptionKey ?? ''))
      return openTokens(cipher, who.workspaceId, row.realm_id, row.token_ciphertext)
    }
    /** Starts a connection and answers the consent page, without following the callback yet. */
    const consentedCallback = async (admin: SignedIn, realmId = DEMO_REALM_ID) => {
      const started = await post(admin, '/api/quickbooks/connect')
      return answerConsent(started.json().authorizationUrl, { realmId })
    }
    const newOrganization = async (admin: SignedIn, name: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/organizations',
          headers: admin.headers,
          payload: { name },
        })
      ).json().id as string
    const linkOf = async (who: SignedIn, recordId: string) =>
      (await get(who, `/api/organizations/${recordId}/quickbooks/link`)).json()

    it('shows no connection before one is made, and who may manage it', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      expect(await connectionOf(admin)).toEqual({ connection: null, canManage: true, pending: null })
      expect(await connectionOf(member)).toEqual({ connection: null, canManage: false, pending: null })
    })

    it('connects through the consent page and shows the company, who connected it and when', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      const callback = await consentedCallback(admin)
      expect(callback.searchParams.get('realmId')).toBe(DEMO_REALM_ID)
      const response = await t.app.inject({
        method: 'GET',
        url: `${callback.pathname}${callback.search}`,
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('/settings/integrations?quickbooks=connected')
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      const state = await connectionOf(member)
      expect(state).toMatchObject({
        connection: {
          status: 'connected',
          realmId: DEMO_REALM_ID,
          companyName: expect.stringMatching(/\S/),
          connectedBy: { id: admin.userId, name: 'Ada Admin' },
          environment: 'emulator',
        },
        canManage: false,
        pending: null,
      })
      expect(Date.parse(state.connection.connectedAt)).not.toBeNaN()
      expect(Date.parse(state.connection.lastSuccessAt)).not.toBeNaN()
      expect(JSON.stringify(state)).not.toMatch(/token/i)
    })

    it('answers 403 to members who try to connect, disconnect or decide on a pending company', async () => {
      const { member } = await createSignedInWorkspace(t)
      for (const [method, url] of [
        ['POST', '/api/quickbooks/connect'],
        ['POST', '/api/quickbooks/disconnect'],
        ['POST', '/api/quickbooks/connection/confirm'],
        ['DELETE', '/api/quickbooks/connection/pending'],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: member.headers })
        expect(response.statusCode, url).toBe(403)
        expect(response.json().error.code).toBe('FORBIDDEN')
      }
      expect(
        await t.db
          .selectFrom('qbo_oauth_states')
          .selectAll()
          .where('workspace_id', '=', member.workspaceId)
          .execute(),
      ).toEqual([])
    })

    it('needs the CSRF header to start a connection', async () => {
      const { admin } = await createSignedInWorkspace(t)
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/quickbooks/connect',
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID')
    })

    it('stores only a hash of the state, for ten minutes', async () => {
      const { admin } = await createSignedInWorkspace(t)
      const started = await post(admin, '/api/quickbooks/connect')
      const state = new URL(started.json().authorizationUrl).searchParams.get('state') ?? ''
      expect(state.length).toBeGreaterThanOrEqual(43)
      const rows = await t.db
        .selectFrom('qbo_oauth_states')
        .selectAll()
        .where('workspace_id', '=', admin.workspaceId)
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.state_hash).not.toContain(state)
      expect(Date.parse(rows[0]?.expires_at ?? '') - Date.parse(rows[0]?.created_at ?? '')).toBe(600_000)
    })

    describe('refuses a callback and stores nothing', () => {
      const expectNothingStored = async (who: SignedIn) => expect(await rowOf(who)).toBeUndefined()

      it('with a made-up state', async () => {
        const { admin } = await createSignedInWorkspace(t)
        const callback = await consentedCallback(admin)
        callback.searchParams.set('state', 'made-up-state')
        expect(await followCallback(t, admin, callback)).toMatchObject({
          outcome: 'error',
          reason: 'invalid_state',
        })
        await expectNothingStored(admin)
      })

      it('with a state that was already used', async () => {
        const { admin } = await createSignedInWorkspace(t)
        const callback = await consentedCallback(admin)
        expect((await followCallback(t, admin, callback)).outcome).toBe('connected')
        const version = (await rowOf(admin))?.token_version
        expect(await followCallback(t, admin, callback)).toMatchObject({
          outcome: 'error',
          reason: 'invalid_state',
        })
        expect((await rowOf(admin))?.token_version).toBe(version)
      })

      it('with a state older than ten minutes', async () => {
        const { admin } = await createSignedInWorkspace(t)
        const callback = await consentedCallback(admin)
        t.clock.advance(10 * 60_000 + 1_000)
        expect(await followCallback(t, admin, callback)).toMatchObject({
          outcome: 'error',
          reason: 'invalid_state',
        })
        await expectNothingStored(admin)
      })

      it("with another workspace's state", async () => {
        const a = await createSignedInWorkspace(t, 'Workspace A')
        const b = await createSignedInWorkspace(t, 'Workspace B')
        const callback = await consentedCallback(a.admin)
        expect(await followCallback(t, b.admin, callback)).toMatchObject({
          outcome: 'error',
          reason: 'invalid_state',
        })
        await expectNothingStored(b.admin)
        await expectNothingStored(a.admin)
      })

      it("with another administrator's state, or another session's, or no session", async () => {
        const { admin } = await createSignedInWorkspace(t)
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin.headers,
          payload: {
            email: `second-${Date.now()}@example.test`,
            name: 'Second',
            role: 'admin',
            password: 'second-password-1',
          },
        })
        const secondAdmin = await signIn(t.app, created.json().email, 'second-password-1')
        const otherSession = await signIn(t.app, admin.email, admin.password)
        const callback = await consentedCallback(admin)
        for (const who of [secondAdmin, otherSession, { cookie: '' }]) {
          expect(await followCallback(t, who, callback)).toMatchObject({
            outcome: 'error',
            reason: 'invalid_state',
          })
        }
        await expectNothingStored(admin)
      })

      it('when the administrator cancels on the consent page', async () => {
        const { admin } = await createSignedInWorkspace(t)
        expect(await connectWorkspace(t, admin, { decision: 'cancel' })).toMatchObject({
          location: '/settings/integrations?quickbooks=error&reason=access_denied',
          reason: 'access_denied',
        })
        await expectNothingStored(admin)
      })

      it('when the code cannot be exchanged', async () => {
        const { admin } = await createSignedInWorkspace(t)
        const callback = await consentedCallback(admin)
        callback.searchParams.set('code', 'not-a-real-code')
        expect(await followCallback(t, admin, callback)).toMatchObject({
          outcome: 'error',
          reason: 'exchange_failed',
        })
        await expectNothingStored(admin)
      })
    })

    it('marks the connection as needing a reconnect when Intuit rejects the refresh token', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      const tokens = await storedTokens(admin)
      // The administrator removed the app in QuickBooks: Intuit answers the next refresh with invalid_grant.
      const revoked = await fetch(`${t.emulatorUrl}/oauth2/v1/tokens/revoke`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('ledgerlink-dev:ledgerlink-dev-secret').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ token: tokens.refreshToken }),
      })
      expect(revoked.status).toBe(200)
      t.clock.advance(2 * 3_600_000)
      const { company } = await t.quickbooks.companyFor(ctx)
      const failure = await company.companyInfo().catch((error: unknown) => t.quickbooks.toAppError(error))
      expect(failure).toMatchObject({ code: 'quickbooks_needs_reconnect', category: 'conflict' })
      expect((await connectionOf(member)).connection.status).toBe('needs_reconnect')
      await expect(t.quickbooks.companyFor(ctx)).rejects.toMatchObject({ code: 'quickbooks_needs_reconnect' })
      const record = await newOrganization(admin, 'Needs Reconnect Org')
      expect(await linkOf(member, record)).toMatchObject({ connected: true, status: 'needs_reconnect' })
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      expect((await connectionOf(admin)).connection.status).toBe('connected')
    })

    it('disconnects: revokes the tokens at Intuit, deletes them, and keeps the links', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const record = await newOrganization(admin, 'Linked Org')
      await saveCustomerLink(t.db, admin.workspaceId, {
        recordId: record,
        realmId: DEMO_REALM_ID,
        customerId: '1',
        displayName: 'Amy’s Bird Sanctuary',
        linkedBy: admin.userId,
        linkedAt: new Date().toISOString(),
      })
      expect(await linkOf(member, record)).toMatchObject({
        connected: true,
        link: { customerId: '1', displayName: 'Amy’s Bird Sanctuary' },
      })
      const tokens = await storedTokens(admin)
      const response = await post(admin, '/api/quickbooks/disconnect')
      expect(response.statusCode).toBe(200)
      expect(response.json().connection).toMatchObject({ status: 'disconnected', realmId: DEMO_REALM_ID })
      expect((await rowOf(admin))?.token_ciphertext).toBeNull()
      expect(await refreshAtIntuit(tokens.refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
      expect(await linkOf(member, record)).toEqual({
        connected: false,
        status: 'disconnected',
        link: null,
        directDocuments: 0,
      })
      await expect(
        t.quickbooks.companyFor({ workspaceId: admin.workspaceId, userId: null }),
      ).rejects.toMatchObject({
        code: 'quickbooks_not_connected',
      })
      const again = await post(admin, '/api/quickbooks/disconnect')
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('quickbooks_not_connected')

      // Reconnecting to the same company brings the links back without asking.
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      expect(await linkOf(member, record)).toMatchObject({ connected: true, link: { customerId: '1' } })
    })

    it('disconnects even when Intuit does not confirm the revocation', async () => {
      const { admin } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      t.emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'oauth' } })
      try {
        const response = await post(admin, '/api/quickbooks/disconnect')
        expect(response.statusCode).toBe(200)
        expect(response.json().connection.status).toBe('disconnected')
      } finally {
        t.emulator.configure({ faults: null })
      }
      expect((await rowOf(admin))?.token_ciphertext).toBeNull()
    })

    it('asks before switching to a different company while links exist, and clears them on confirm', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const record = await newOrganization(admin, 'Switch Org')
      await saveCustomerLink(t.db, admin.workspaceId, {
        recordId: record,
        realmId: DEMO_REALM_ID,
        customerId: '1',
        displayName: 'Customer One',
        linkedBy: admin.userId,
        linkedAt: new Date().toISOString(),
      })
      const deal = (
        await t.app.inject({
          method: 'POST',
          url: '/api/opportunities',
          headers: admin.headers,
          payload: { name: 'Switch Deal' },
        })
      ).json().id as string
      await t.db
        .insertInto('qbo_document_links')
        .values({
          workspace_id: admin.workspaceId,
          record_id: deal,
          realm_id: DEMO_REALM_ID,
          document_type: 'invoice',
          document_id: '130',
          doc_number: '1037',
          snapshot: '{}',
          linked_by: admin.userId,
          linked_at: new Date().toISOString(),
        })
        .execute()
      expect((await get(member, `/api/opportunities/${deal}/quickbooks/link`)).json()).toMatchObject({
        connected: true,
        directDocuments: 1,
      })
      expect(await connectWorkspace(t, admin, { realmId: SECOND_REALM_ID })).toMatchObject({
        location: '/settings/integrations?quickbooks=confirm',
      })
      const waiting = await connectionOf(admin)
      expect(waiting).toMatchObject({
        connection: { status: 'connected', realmId: DEMO_REALM_ID },
        pending: { realmId: SECOND_REALM_ID, linksToClear: 2, companyName: expect.stringMatching(/\S/) },
      })
      expect((await connectionOf(member)).pending).toBeNull()
      expect(await linkOf(member, record)).toMatchObject({ link: { customerId: '1' } })
      const oldTokens = await storedTokens(admin)

      const confirmed = await post(admin, '/api/quickbooks/connection/confirm')
      expect(confirmed.statusCode).toBe(200)
      expect(confirmed.json()).toMatchObject({
        connection: { status: 'connected', realmId: SECOND_REALM_ID },
        pending: null,
      })
      expect(await linkOf(member, record)).toMatchObject({ connected: true, link: null })
      expect(
        await t.db
          .selectFrom('qbo_customer_links')
          .selectAll()
          .where('workspace_id', '=', admin.workspaceId)
          .execute(),
      ).toEqual([])
      expect((await get(member, `/api/opportunities/${deal}/quickbooks/link`)).json()).toMatchObject({
        directDocuments: 0,
      })
      expect(
        await t.db
          .selectFrom('qbo_document_links')
          .selectAll()
          .where('workspace_id', '=', admin.workspaceId)
          .execute(),
      ).toEqual([])
      // The old company's grant is revoked at Intuit: the app no longer holds access to it.
      expect(await refreshAtIntuit(oldTokens.refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
      const { company } = await t.quickbooks.companyFor({
        workspaceId: admin.workspaceId,
        userId: admin.userId,
      })
      expect(company.realmId).toBe(SECOND_REALM_ID)
      expect((await company.companyInfo()).CompanyName).toBe(confirmed.json().connection.companyName)
      const none = await post(admin, '/api/quickbooks/connection/confirm')
      expect(none.statusCode).toBe(404)
      expect(none.json().error.code).toBe('no_pending_connection')
    })

    it('keeps the current company and its links when the pending company is dropped', async () => {
      const { admin, member } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const record = await newOrganization(admin, 'Keep Org')
      await saveCustomerLink(t.db, admin.workspaceId, {
        recordId: record,
        realmId: DEMO_REALM_ID,
        customerId: '2',
        displayName: 'Customer Two',
        linkedBy: admin.userId,
        linkedAt: new Date().toISOString(),
      })
      expect((await connectWorkspace(t, admin, { realmId: SECOND_REALM_ID })).outcome).toBe('confirm')
      const pending = await pendingTokens(admin)
      const current = await storedTokens(admin)
      const dropped = await t.app.inject({
        method: 'DELETE',
        url: '/api/quickbooks/connection/pending',
        headers: admin.headers,
      })
      expect(dropped.statusCode).toBe(204)
      expect(await connectionOf(admin)).toMatchObject({
        connection: { realmId: DEMO_REALM_ID },
        pending: null,
      })
      expect(await linkOf(member, record)).toMatchObject({ link: { customerId: '2' } })
      expect(await refreshAtIntuit(pending.refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
      expect((await refreshAtIntuit(current.refreshToken)).status).toBe(200)
      const again = await t.app.inject({
        method: 'DELETE',
        url: '/api/quickbooks/connection/pending',
        headers: admin.headers,
      })
      expect(again.statusCode).toBe(404)
      expect(again.json().error.code).toBe('no_pending_connection')
    })

    it('switches to a different company at once when nothing is linked', async () => {
      const { admin } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      expect((await connectWorkspace(t, admin, { realmId: SECOND_REALM_ID })).outcome).toBe('connected')
      expect((await connectionOf(admin)).connection.realmId).toBe(SECOND_REALM_ID)
    })

    it('answers the link status of every record type, and 404 for unknown or foreign records', async () => {
      const a = await createSignedInWorkspace(t, 'Links A')
      const b = await createSignedInWorkspace(t, 'Links B')
      const ids: Record<string, string> = {}
      for (const [path, payload] of [
        ['organizations', { name: 'Link Org' }],
        ['contacts', { lastName: 'Link' }],
        ['opportunities', { name: 'Link Deal' }],
        ['projects', { name: 'Link Project' }],
      ] as const) {
        ids[path] = (
          await t.app.inject({ method: 'POST', url: `/api/${path}`, headers: a.admin.headers, payload })
        ).json().id
      }
      for (const [path, id] of Object.entries(ids)) {
        const own = await get(a.member, `/api/${path}/${id}/quickbooks/link`)
        expect(own.statusCode, path).toBe(200)
        expect(own.json()).toEqual({ connected: false, status: null, link: null, directDocuments: 0 })
        const foreign = await get(b.admin, `/api/${path}/${id}/quickbooks/link`)
        expect(foreign.statusCode, path).toBe(404)
      }
      const wrongType = await get(a.member, `/api/contacts/${ids.organizations}/quickbooks/link`)
      expect(wrongType.statusCode).toBe(404)
      await connectWorkspace(t, a.admin)
      expect((await get(a.member, `/api/contacts/${ids.contacts}/quickbooks/link`)).json()).toEqual({
        connected: true,
        status: 'connected',
        link: null,
        directDocuments: 0,
      })
    })

    it('lists linked customers of the current company only', async () => {
      const { admin } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const [one, two, three] = [
        await newOrganization(admin, 'One'),
        await newOrganization(admin, 'Two'),
        await newOrganization(admin, 'Three'),
      ]
      const linkedAt = new Date().toISOString()
      for (const [recordId, realmId, customerId] of [
        [one, DEMO_REALM_ID, '1'],
        [two, SECOND_REALM_ID, '2'],
      ] as const) {
        await saveCustomerLink(t.db, admin.workspaceId, {
          recordId: recordId ?? '',
          realmId,
          customerId,
          displayName: `Customer ${customerId}`,
          linkedBy: null,
          linkedAt,
        })
      }
      const linked = await t.quickbooks.linkedCustomersOf({ workspaceId: admin.workspaceId, userId: null }, [
        one ?? '',
        two ?? '',
        three ?? '',
      ])
      expect([...linked]).toEqual([[one, { customerId: '1', displayName: 'Customer 1' }]])
    })

    it('answers 503 in plain words when QuickBooks cannot be reached to start a connection', async () => {
      const stopped = await startTestEmulator()
      await stopped.close()
      const offline = await buildQuickbooksTestApp(dialect, { emulator: stopped })
      try {
        const { admin } = await createSignedInWorkspace(offline)
        const response = await offline.app.inject({
          method: 'POST',
          url: '/api/quickbooks/connect',
          headers: admin.headers,
        })
        expect(response.statusCode).toBe(503)
        expect(response.json().error).toEqual({
          code: 'quickbooks_unavailable',
          message: 'QuickBooks is not answering right now. Try again in a few minutes.',
        })
      } finally {
        await offline.close()
      }
    })

    it('never writes tokens, codes or the state to the log, and logs the intuit_tid of failures', async () => {
      let output = ''
      const sink = new Writable({
        write(chunk, _encoding, done) {
          output += chunk.toString()
          done()
        },
      })
      const logged = await buildQuickbooksTestApp(dialect, { logger: pino({ level: 'trace' }, sink) })
      try {
        const { admin } = await createSignedInWorkspace(logged)
        const started = await logged.app.inject({
          method: 'POST',
          url: '/api/quickbooks/connect',
          headers: admin.headers,
        })
        const callback = await answerConsent(started.json().authorizationUrl, { realmId: DEMO_REALM_ID })
        expect((await followCallback(logged, admin, callback)).outcome).toBe('connected')
        const bad = await answerConsent(
          (
            await logged.app.inject({
              method: 'POST',
              url: '/api/quickbooks/connect',
              headers: admin.headers,
            })
          ).json().authorizationUrl,
          { realmId: DEMO_REALM_ID },
        )
        bad.searchParams.set('code', 'spent-code')
        expect((await followCallback(logged, admin, bad)).reason).toBe('exchange_failed')
        const row = await logged.db
          .selectFrom('qbo_connections')
          .selectAll()
          .where('workspace_id', '=', admin.workspaceId)
          .executeTakeFirstOrThrow()
        const cipher = createTokenCipher(parseKeyring(logged.config.encryptionKey ?? ''))
        const tokens = openTokens(cipher, admin.workspaceId, row.realm_id, row.token_ciphertext ?? '')
        logged.clock.advance(2 * 3_600_000)
        const { company } = await logged.quickbooks.companyFor({
          workspaceId: admin.workspaceId,
          userId: null,
        })
        await company.companyInfo()
        await logged.app.inject({ method: 'POST', url: '/api/quickbooks/disconnect', headers: admin.headers })
        expect(output).toContain('QuickBooks authorization code exchange failed')
        expect(output).toMatch(/"intuitTid":"[^"]+"/)
        for (const secret of [
          tokens.accessToken,
          tokens.refreshToken,
          callback.searchParams.get('code') ?? '',
          callback.searchParams.get('state') ?? '',
          row.token_ciphertext ?? '',
          admin.csrfToken,
        ]) {
          expect(secret.length).toBeGreaterThan(10)
          expect(output).not.toContain(secret)
        }
      } finally {
        await logged.close()
      }
    })

    it('records the time of the last successful QuickBooks call, at most once a minute', async () => {
      const { admin } = await createSignedInWorkspace(t)
      await connectWorkspace(t, admin)
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      const lastSuccess = async () => (await rowOf(admin))?.last_success_at
      const atConnect = await lastSuccess()
      t.clock.advance(5 * 60_000)
      const { company } = await t.quickbooks.companyFor(ctx)
      await company.companyInfo()
      await expect.poll(lastSuccess).not.toBe(atConnect)
      const afterFirst = await lastSuccess()
      t.clock.advance(10_000)
      await company.companyInfo()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await lastSuccess()).toBe(afterFirst)
    })
  })
}
