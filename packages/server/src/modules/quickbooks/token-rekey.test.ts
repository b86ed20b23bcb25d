import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabases } from '../../../test/helpers'
import { testEncryptionKey } from '../../../test/quickbooks-helpers'
import type { Db } from '../../db'
import { createWorkspace } from '../workspaces'
import { upsertConnection } from './connection-repository'
import { createTokenCipher, parseKeyring } from './token-crypto'
import { reEncryptStoredTokens } from './token-rekey'
import { openTokens, sealTokens } from './token-store-db'

const REALM = '9130357766900456'
const tokens = (n: number) => ({ accessToken: `a-${n}`, refreshToken: `r-${n}`, accessTokenExpiresAt: n })

for (const dialect of testDatabases()) {
  describe(`re-encrypting stored tokens on ${dialect}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let db: Db
    const oldKey = testEncryptionKey()
    const newKey = `k2:${randomBytes(32).toString('base64')}`
    const oldCipher = createTokenCipher(parseKeyring(oldKey))
    const rotating = createTokenCipher(parseKeyring(`${newKey},${oldKey}`))
    const workspaces: string[] = []

    beforeAll(async () => {
      database = await createTestDatabase(dialect)
      db = database.db
      for (const name of ['Rekey A', 'Rekey B', 'Rekey C']) {
        const { workspace } = await createWorkspace(db, {
          name,
          adminEmail: `${randomBytes(4).toString('hex')}@example.test`,
          adminName: 'Ada',
          password: 'admin-password-1',
        })
        workspaces.push(workspace.id)
      }
      const [a, b, c] = workspaces as [string, string, string]
      for (const [ws, sealed] of [
        [a, sealTokens(oldCipher, a, REALM, tokens(1))],
        [b, sealTokens(oldCipher, b, REALM, tokens(2))],
        // Another workspace's ciphertext: unreadable here, and must stay untouched.
        [c, sealTokens(oldCipher, a, REALM, tokens(3))],
      ] as const) {
        await upsertConnection(db, {
          workspaceId: ws,
          realmId: REALM,
          companyName: 'Demo',
          tokenCiphertext: sealed,
          connectedBy: 'user',
          now: new Date().toISOString(),
        })
      }
    })
    afterAll(async () => database?.close())

    const rowOf = (ws: string) =>
      db
        .selectFrom('qbo_connections')
        .select(['token_ciphertext', 'token_version'])
        .where('workspace_id', '=', ws)
        .executeTakeFirstOrThrow()

    it('re-encrypts readable tokens under the active key, keeps their version, and reports unreadable ones', async () => {
      const [a, b, c] = workspaces as [string, string, string]
      const before = await rowOf(c)
      const versionA = (await rowOf(a)).token_version
      const result = await reEncryptStoredTokens(db, rotating)
      expect(result).toEqual({
        reEncrypted: 2,
        current: 0,
        unreadable: [{ table: 'qbo_connections', workspaceId: c }],
        changedMeanwhile: 0,
      })
      const rowA = await rowOf(a)
      expect(rowA.token_ciphertext?.startsWith('v1.k2.')).toBe(true)
      expect(rowA.token_version).toBe(versionA)
      const onlyNew = createTokenCipher(parseKeyring(newKey))
      expect(openTokens(onlyNew, a, REALM, rowA.token_ciphertext ?? '')).toEqual(tokens(1))
      expect(openTokens(onlyNew, b, REALM, (await rowOf(b)).token_ciphertext ?? '')).toEqual(tokens(2))
      expect(await rowOf(c)).toEqual(before)
      const again = await reEncryptStoredTokens(db, rotating)
      expect(again).toMatchObject({ reEncrypted: 0, current: 2 })
    })
  })
}
