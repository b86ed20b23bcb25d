import { randomBytes } from 'node:crypto'
import { type QboTokens, type TokenStore, tokensFromResponse } from '@ledgerlink/qbo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, createTestDatabase, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
  startTestEmulator,
  type TestEmulator,
  testEncryptionKey,
} from '../../../test/quickbooks-helpers'
import { type Db, openDatabase } from '../../db'
import { createWorkspace } from '../workspaces'
import { upsertConnection } from './connection-repository'
import { createTokenCipher, parseKeyring } from './token-crypto'
import { createDbTokenStore, sealTokens } from './token-store-db'

const REALM = '9130357766900456'
const tokens = (n: number): QboTokens => ({
  accessToken: `access-${n}-secret`,
  refreshToken: `refresh-${n}-secret`,
  accessTokenExpiresAt: 1_000 + n,
})
const silent = { warn: () => {} }

for (const dialect of testDatabases()) {
  describe(`the database token store on ${dialect}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let db: Db
    const cipher = createTokenCipher(parseKeyring(testEncryptionKey()))
    let workspaceId = ''
    let otherWorkspaceId = ''

    const storeOf = (ws: string): TokenStore =>
      createDbTokenStore({ db, cipher, workspaceId: ws, logger: silent, now: Date.now })

    beforeAll(async () => {
      database = await createTestDatabase(dialect)
      db = database.db
      for (const name of ['Store A', 'Store B']) {
        const { workspace } = await createWorkspace(db, {
          name,
          adminEmail: `${randomBytes(4).toString('hex')}@example.test`,
          adminName: 'Ada',
          password: 'admin-password-1',
        })
        if (!workspaceId) workspaceId = workspace.id
        else otherWorkspaceId = workspace.id
      }
      for (const ws of [workspaceId, otherWorkspaceId]) {
        await upsertConnection(db, {
          workspaceId: ws,
          realmId: REALM,
          companyName: 'Demo',
          tokenCiphertext: sealTokens(cipher, ws, REALM, tokens(1)),
          connectedBy: 'user',
          now: new Date().toISOString(),
        })
      }
    })
    afterAll(async () => database?.close())

    it('stores tokens encrypted: the row holds no token text', async () => {
      const row = await db
        .selectFrom('qbo_connections')
        .select('token_ciphertext')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      expect(row.token_ciphertext).toMatch(/^v1\./)
      expect(row.token_ciphertext).not.toContain('secret')
      expect(await storeOf(workspaceId).load(REALM)).toMatchObject({ version: 1, tokens: tokens(1) })
    })

    it('saves only against the version it was given, and bumps the version', async () => {
      const store = storeOf(workspaceId)
      expect(await store.save(REALM, tokens(2), 7)).toMatchObject({ saved: false, current: { version: 1 } })
      expect(await store.save(REALM, tokens(2), null)).toMatchObject({
        saved: false,
        current: { version: 1 },
      })
      expect(await store.save(REALM, tokens(2), 1)).toMatchObject({ saved: true, record: { version: 2 } })
      expect(await store.save(REALM, tokens(3), 1)).toMatchObject({
        saved: false,
        current: { version: 2, tokens: tokens(2) },
      })
      expect(await store.load('123')).toBeUndefined()
    })

    it('marks needs-reconnect only at the expected version, and a save clears it', async () => {
      const store = storeOf(workspaceId)
      const { version } = (await store.load(REALM)) ?? { version: -1 }
      expect(await store.markNeedsReconnect(REALM, version + 5, 'invalid_grant')).toBe(false)
      expect(await store.markNeedsReconnect(REALM, version, 'invalid_grant')).toBe(true)
      expect(await store.load(REALM)).toMatchObject({
        needsReconnect: true,
        reconnectReason: 'invalid_grant',
      })
      await store.save(REALM, tokens(4), version)
      expect(await store.load(REALM)).toMatchObject({ needsReconnect: false, version: version + 1 })
    })

    it("refuses another workspace's ciphertext and asks for a reconnect instead", async () => {
      const stolen = await db
        .selectFrom('qbo_connections')
        .select('token_ciphertext')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      await db
        .updateTable('qbo_connections')
        .set({ token_ciphertext: stolen.token_ciphertext })
        .where('workspace_id', '=', otherWorkspaceId)
        .execute()
      const loaded = await storeOf(otherWorkspaceId).load(REALM)
      expect(loaded).toMatchObject({ needsReconnect: true, reconnectReason: 'tokens_unreadable' })
      expect(loaded?.tokens.refreshToken).toBe('')
      const row = await db
        .selectFrom('qbo_connections')
        .select('status')
        .where('workspace_id', '=', otherWorkspaceId)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('needs_reconnect')
    })

    it('runs refresh sections one at a time per realm, across stores on one database, and survives a failure', async () => {
      const order: string[] = []
      const section = (store: TokenStore, name: string, fail = false) =>
        store.withRefreshLock(REALM, async () => {
          order.push(`${name}:start`)
          await new Promise((resolve) => setTimeout(resolve, 5))
          order.push(`${name}:end`)
          if (fail) throw new Error(name)
          return name
        })
      const results = await Promise.allSettled([
        section(storeOf(workspaceId), 'a', true),
        section(storeOf(workspaceId), 'b'),
        section(storeOf(workspaceId), 'c'),
      ])
      expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end'])
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
    })

    it('removes the tokens but keeps the connection row', async () => {
      await storeOf(workspaceId).remove(REALM)
      expect(await storeOf(workspaceId).load(REALM)).toBeUndefined()
      const row = await db
        .selectFrom('qbo_connections')
        .select('realm_id')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      expect(row?.realm_id).toBe(REALM)
    })
  })

  describe(`two servers sharing one ${dialect} database`, () => {
    let emulator: TestEmulator
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let first: QuickbooksTestApp
    let second: QuickbooksTestApp
    let secondHandle: { db: Db; close: () => Promise<void> } | undefined

    beforeAll(async () => {
      emulator = await startTestEmulator()
      database = await createTestDatabase(dialect)
      const encryptionKey = testEncryptionKey()
      first = await buildQuickbooksTestApp(dialect, { emulator, database, encryptionKey })
      // PostgreSQL: a second connection pool, as a second process would have. SQLite: the same file handle.
      secondHandle = database.url ? openDatabase({ databaseUrl: database.url }) : undefined
      second = await buildQuickbooksTestApp(dialect, {
        emulator,
        database: secondHandle ?? database,
        encryptionKey,
      })
    })
    afterAll(async () => {
      await first?.close()
      await second?.close()
      await secondHandle?.close()
      await database?.close()
      await emulator?.close()
    })

    it('refresh an expired token exactly once however many requests need it at that moment', async () => {
      const { admin } = await createSignedInWorkspace(first)
      expect((await connectWorkspace(first, admin)).outcome).toBe('connected')
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      const before = await first.db
        .selectFrom('qbo_connections')
        .select('token_version')
        .where('workspace_id', '=', admin.workspaceId)
        .executeTakeFirstOrThrow()
      emulator.clock.advance(2 * 3_600_000)
      emulator.emulator.resetStats()
      const calls = [first, second, first, second, first, second, first, second].map(async (app) => {
        const { company } = await app.quickbooks.companyFor(ctx)
        return (await company.companyInfo()).CompanyName
      })
      const names = await Promise.all(calls)
      expect(new Set(names).size).toBe(1)
      expect(emulator.emulator.stats().tokenRequests).toBe(1)
      const after = await first.db
        .selectFrom('qbo_connections')
        .select(['token_version', 'status'])
        .where('workspace_id', '=', admin.workspaceId)
        .executeTakeFirstOrThrow()
      expect(after).toEqual({ token_version: before.token_version + 1, status: 'connected' })
      expect(DEMO_REALM_ID).toBe(REALM)
    })

    it('refresh more workspaces at once than the database pool has connections', async () => {
      const cipher = createTokenCipher(parseKeyring(first.config.encryptionKey ?? ''))
      const workspaceIds = Array.from({ length: 14 }, () => randomBytes(13).toString('hex'))
      const now = new Date(emulator.clock.now()).toISOString()
      for (const id of workspaceIds) {
        await first.db
          .insertInto('workspaces')
          .values({ id, name: `Busy ${id}`, created_at: now })
          .execute()
        const issued = tokensFromResponse({ ...emulator.emulator.issueTokens(REALM) }, emulator.clock.now())
        await upsertConnection(first.db, {
          workspaceId: id,
          realmId: REALM,
          companyName: 'Demo',
          tokenCiphertext: sealTokens(cipher, id, REALM, issued),
          connectedBy: 'user',
          now,
        })
      }
      emulator.clock.advance(2 * 3_600_000)
      emulator.emulator.resetStats()
      const names = await Promise.all(
        workspaceIds.map(async (workspaceId) => {
          const { company } = await first.quickbooks.companyFor({ workspaceId, userId: null })
          return (await company.companyInfo()).CompanyName
        }),
      )
      expect(names).toHaveLength(14)
      expect(emulator.emulator.stats().tokenRequests).toBe(14)
    })
  })
}
