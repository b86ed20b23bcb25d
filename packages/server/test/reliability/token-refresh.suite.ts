import type { InjectedFaultKind } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/db'
import { createSignedInWorkspace, createTestDatabase, type SignedIn, testDatabases } from '../helpers'
import {
  connectWorkspace,
  type QuickbooksTestApp,
  startTestEmulator,
  type TestEmulator,
} from '../quickbooks-helpers'
import { tally } from './figures'
import { buildReliabilityApp, type SharedDatabase, secondHandleOn } from './reliability-app'
import { sized } from './sizes'

const HOUR = 3_600_000

const connectionRow = (t: Pick<QuickbooksTestApp, 'db'>, who: SignedIn) =>
  t.db
    .selectFrom('qbo_connections')
    .select(['token_ciphertext', 'token_version', 'status', 'reconnect_reason'])
    .where('workspace_id', '=', who.workspaceId)
    .executeTakeFirstOrThrow()

const search = (t: Pick<QuickbooksTestApp, 'app'>, who: SignedIn) =>
  t.app.inject({ method: 'GET', url: '/api/quickbooks/customers?q=a', headers: { cookie: who.cookie } })

const revokeAtIntuit = async (emulatorUrl: string, refreshToken: string) => {
  const response = await fetch(`${emulatorUrl}/oauth2/v1/tokens/revoke`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('ledgerlink-dev:ledgerlink-dev-secret').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ token: refreshToken }),
  })
  expect(response.status).toBe(200)
}

const registerTokenRefresh = (dialect: Dialect) => {
  describe(`token refresh on ${dialect}`, () => {
    let emulator: TestEmulator
    let database: SharedDatabase
    let second: SharedDatabase
    let first: Awaited<ReturnType<typeof buildReliabilityApp>>
    let other: Awaited<ReturnType<typeof buildReliabilityApp>>

    beforeAll(async () => {
      emulator = await startTestEmulator()
      database = await createTestDatabase(dialect)
      first = await buildReliabilityApp(dialect, { emulator, database, sharedRateLimits: true })
      second = secondHandleOn(database)
      other = await buildReliabilityApp(dialect, {
        emulator,
        database: second,
        encryptionKey: first.encryptionKey,
        sharedRateLimits: true,
      })
    })
    afterAll(async () => {
      emulator?.emulator.configure({ faults: null })
      await first?.close()
      await other?.close()
      await second?.close()
      await database?.close()
      await emulator?.close()
    })

    it('makes exactly one refresh call for hundreds of concurrent requests at expiry from two server processes, and none fails', async () => {
      const count = sized(100, 500)
      const score = tally(`1 refresh at expiry, 2 processes (${dialect})`)
      const { admin } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, admin)).outcome).toBe('connected')
      const before = await connectionRow(first, admin)
      emulator.clock.advance(2 * HOUR)
      emulator.emulator.resetStats()
      // Plain reads (QBO allows 500 a minute per company; the tab's batch reads are limited to 40 a minute).
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      const outcomes = await Promise.all(
        Array.from({ length: count }, async (_, index) => {
          try {
            const { company } = await (index % 2 === 0 ? first : other).quickbooks.companyFor(ctx)
            return (await company.companyInfo()).CompanyName ? 'ok' : 'empty'
          } catch (error) {
            return String((error as Error)?.message ?? error)
          }
        }),
      )
      for (const outcome of outcomes) {
        if (outcome === 'ok') score.ok()
        else score.fail()
      }
      const refreshes = emulator.emulator.stats().tokenRequests
      score.record(`${count} concurrent requests → ${refreshes} refresh call(s)`)
      // The burst used the company's whole minute of requests (500, API-NOTES §9): start the next test in a new one.
      emulator.clock.advance(61_000)
      expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([])
      expect(emulator.emulator.stats().byEndpoint).toMatchObject({ 'companyinfo.read': count })
      expect(refreshes).toBe(1)
      const after = await connectionRow(first, admin)
      expect(after.status).toBe('connected')
      expect(after.token_version).toBe(before.token_version + 1)
    })

    const transient: Array<{ kind: InjectedFaultKind; status: number; code: string }> = [
      { kind: '5xx', status: 503, code: 'quickbooks_unavailable' },
      { kind: '429', status: 429, code: 'quickbooks_busy' },
      { kind: 'reset', status: 503, code: 'quickbooks_unavailable' },
      { kind: 'timeout', status: 503, code: 'quickbooks_unavailable' },
    ]

    it('keeps the stored tokens and the connection when the token endpoint answers 5xx, 429, resets or times out', async () => {
      const score = tally(`1 token endpoint faults (${dialect})`)
      const { admin } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, admin)).outcome).toBe('connected')
      for (const fault of transient) {
        const before = await connectionRow(first, admin)
        emulator.clock.advance(2 * HOUR)
        emulator.emulator.configure({ faults: { rate: 1, kinds: [fault.kind], paths: 'oauth' } })
        const failed = await search(first, admin)
        emulator.emulator.configure({ faults: null })
        expect({ kind: fault.kind, status: failed.statusCode, code: failed.json().error?.code }).toEqual({
          kind: fault.kind,
          status: fault.status,
          code: fault.code,
        })
        // Nothing blanked, nothing half-written: the same ciphertext at the same version, still connected.
        expect(await connectionRow(first, admin)).toEqual(before)
        const recovered = await search(first, admin)
        expect(recovered.statusCode).toBe(200)
        const after = await connectionRow(first, admin)
        expect(after).toMatchObject({ status: 'connected', token_version: before.token_version + 1 })
        score.ok()
      }
      score.record('5xx, 429, reset, timeout: tokens kept, connection works once Intuit answers')
    })

    it('marks the connection as needing reconnection, keeping the tokens, when Intuit answers invalid_grant', async () => {
      const score = tally(`1 invalid_grant (${dialect})`)
      const { admin } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, admin)).outcome).toBe('connected')
      const { company } = await first.quickbooks.companyFor({
        workspaceId: admin.workspaceId,
        userId: admin.userId,
      })
      await company.companyInfo()
      const refreshToken = await storedRefreshToken(first, admin)
      await revokeAtIntuit(first.emulatorUrl, refreshToken)
      const before = await connectionRow(first, admin)
      emulator.clock.advance(2 * HOUR)
      const failed = await search(other, admin)
      expect(failed.statusCode).toBe(409)
      expect(failed.json().error.code).toBe('quickbooks_needs_reconnect')
      const after = await connectionRow(first, admin)
      expect(after).toMatchObject({ status: 'needs_reconnect', token_ciphertext: before.token_ciphertext })
      score.ok()
      score.record('status needs_reconnect, ciphertext kept, 409 quickbooks_needs_reconnect')
    })

    it('stays working when the rotated token is lost before it is saved, and says "reconnect" once the old one has lapsed', async () => {
      const score = tally(`1 rotated token lost before saving (${dialect})`)
      const { admin } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, admin)).outcome).toBe('connected')
      // Intuit rotates the refresh token and the answer never arrives: the database is exactly as after a process
      // was killed between receiving the new token and saving it.
      emulator.clock.advance(2 * HOUR)
      const before = await connectionRow(first, admin)
      emulator.emulator.configure({ faults: { rate: 1, kinds: ['lost-response'], paths: 'oauth' } })
      const lost = await search(first, admin)
      emulator.emulator.configure({ faults: null })
      expect([200, 503]).toContain(lost.statusCode)
      if (lost.statusCode === 503) expect(await connectionRow(first, admin)).toEqual(before)
      // Within Intuit's 24 hours the superseded refresh token still works: the connection carries on.
      const next = await search(other, admin)
      expect(next.statusCode).toBe(200)
      expect((await connectionRow(first, admin)).status).toBe('connected')
      score.ok()

      // Once more, but nobody uses the connection for a day: the superseded token is refused, and the
      // connection says so plainly instead of failing silently.
      const { admin: later } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, later)).outcome).toBe('connected')
      emulator.clock.advance(2 * HOUR)
      emulator.emulator.configure({ faults: { rate: 1, kinds: ['lost-response'], paths: 'oauth' } })
      const lostAgain = await search(first, later)
      emulator.emulator.configure({ faults: null })
      if (lostAgain.statusCode === 200) {
        // The client's own retry used the old token within its grace: the rotation was saved after all.
        expect((await connectionRow(first, later)).status).toBe('connected')
      } else {
        emulator.clock.advance(25 * HOUR)
        const refused = await search(first, later)
        expect(refused.statusCode).toBe(409)
        expect(refused.json().error.code).toBe('quickbooks_needs_reconnect')
        expect((await connectionRow(first, later)).status).toBe('needs_reconnect')
      }
      score.ok()
      score.record('within 24 h: keeps working; after: needs_reconnect (never silently dead)')
    })
  })
}

const storedRefreshToken = async (t: QuickbooksTestApp, who: SignedIn): Promise<string> => {
  const { createTokenCipher, parseKeyring } = await import('../../src/modules/quickbooks/token-crypto')
  const { openTokens } = await import('../../src/modules/quickbooks/token-store-db')
  const row = await t.db
    .selectFrom('qbo_connections')
    .select(['token_ciphertext', 'realm_id'])
    .where('workspace_id', '=', who.workspaceId)
    .executeTakeFirstOrThrow()
  const cipher = createTokenCipher(parseKeyring(t.config.encryptionKey ?? ''))
  return openTokens(cipher, who.workspaceId, row.realm_id, row.token_ciphertext ?? '').refreshToken
}

for (const dialect of testDatabases()) registerTokenRefresh(dialect)
