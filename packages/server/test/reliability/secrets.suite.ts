import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { LightMyRequestResponse } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rotateEncryptionKeyCommand } from '../../src/cli-commands'
import type { Db, Dialect } from '../../src/db'
import { createTokenCipher, parseKeyring } from '../../src/modules/quickbooks/token-crypto'
import { openTokens } from '../../src/modules/quickbooks/token-store-db'
import { createSignedInWorkspace, createTestDatabase, type SignedIn, testDatabases } from '../helpers'
import {
  answerConsent,
  connectWorkspace,
  DEMO_REALM_ID,
  startTestEmulator,
  type TestEmulator,
  testEncryptionKey,
} from '../quickbooks-helpers'
import { tally } from './figures'
import { buildReliabilityApp, type SharedDatabase } from './reliability-app'

const run = promisify(execFile)
const HOUR = 3_600_000
const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url))

/** Every row of every table, as text. */
const dumpDatabase = async (db: Db): Promise<string> => {
  const tables = await db.introspection.getTables()
  const parts: string[] = []
  for (const table of tables) {
    const rows = await (db as unknown as Db)
      .selectFrom(table.name as 'workspaces')
      .selectAll()
      .execute()
    parts.push(`${table.name}: ${JSON.stringify(rows)}`)
  }
  return parts.join('\n')
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

const registerSecrets = (dialect: Dialect) => {
  describe(`secrets on ${dialect}`, () => {
    let emulator: TestEmulator
    let database: SharedDatabase & { url?: string }

    beforeAll(async () => {
      emulator = await startTestEmulator()
      database = await createTestDatabase(dialect)
    })
    afterAll(async () => {
      await database?.close()
      await emulator?.close()
    })

    it('leaves no token, code, state or key in the database, the logs, the HTTP responses or the web bundle', async () => {
      const score = tally(`7 secrets nowhere (${dialect})`)
      let logs = ''
      const logger = pino(
        { level: 'trace' },
        {
          write: (line: string) => {
            logs += line
          },
        },
      )
      const encryptionKey = testEncryptionKey()
      const t = await buildReliabilityApp(dialect, { emulator, database, encryptionKey, logger })
      const transcript: string[] = []
      const keep = (response: LightMyRequestResponse) => {
        transcript.push(`${response.statusCode} ${JSON.stringify(response.headers)} ${response.body}`)
        return response
      }
      const markers = new Set<string>([encryptionKey.slice(3), 'ledgerlink-dev-secret'])
      const cipher = createTokenCipher(parseKeyring(encryptionKey))
      const collectTokens = async (who: SignedIn) => {
        const row = await t.db
          .selectFrom('qbo_connections')
          .select(['token_ciphertext', 'realm_id'])
          .where('workspace_id', '=', who.workspaceId)
          .executeTakeFirst()
        if (!row?.token_ciphertext) return
        const tokens = openTokens(cipher, who.workspaceId, row.realm_id, row.token_ciphertext)
        markers.add(tokens.accessToken)
        markers.add(tokens.refreshToken)
      }
      try {
        const { admin, member } = await createSignedInWorkspace(t)
        // The OAuth handshake by hand, to keep its code and state as markers too.
        // Its answer carries the state inside the authorization URL, by design (the browser takes it to Intuit).
        const started = await t.app.inject({
          method: 'POST',
          url: '/api/quickbooks/connect',
          headers: admin.headers,
        })
        const callback = await answerConsent(started.json().authorizationUrl, { realmId: DEMO_REALM_ID })
        markers.add(callback.searchParams.get('code') ?? '')
        markers.add(callback.searchParams.get('state') ?? '')
        const landed = keep(
          await t.app.inject({
            method: 'GET',
            url: `${callback.pathname}${callback.search}`,
            headers: { cookie: admin.cookie },
          }),
        )
        expect(landed.statusCode).toBe(302)
        await collectTokens(admin)
        const organization =
          keep(
            await t.app.inject({
              method: 'POST',
              url: '/api/organizations',
              headers: admin.headers,
              payload: { name: 'Secret Keeping Ltd' },
            }),
          ).json().organization ??
          keep(
            await t.app.inject({
              method: 'GET',
              url: '/api/organizations',
              headers: { cookie: admin.cookie },
            }),
          ).json().items?.[0]
        const id = organization?.id as string
        const reads = [
          '/api/quickbooks/connection',
          '/api/quickbooks/customers?q=a',
          `/api/organizations/${id}/quickbooks`,
          `/api/organizations/${id}/quickbooks/link`,
          '/api/quickbooks/documents/find?kind=invoice&from=2000-01-01',
        ]
        for (const url of reads)
          keep(await t.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } }))
        keep(
          await t.app.inject({
            method: 'PUT',
            url: `/api/organizations/${id}/quickbooks/link`,
            headers: admin.headers,
            payload: { customerId: '1' },
          }),
        )
        // A refresh (the refresh token rotates), then the same reads again.
        t.clock.advance(2 * HOUR)
        for (const url of reads)
          keep(await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } }))
        await collectTokens(admin)
        keep(
          await t.app.inject({ method: 'POST', url: '/api/quickbooks/disconnect', headers: admin.headers }),
        )
        markers.delete('')
        expect(markers.size).toBeGreaterThanOrEqual(7)
        const dump = await dumpDatabase(t.db)
        const bundle = existsSync(webDist)
          ? filesUnder(webDist)
              .map((file) => readFileSync(file, 'latin1'))
              .join('\n')
          : ''
        const places = { database: dump, logs, responses: transcript.join('\n'), 'web bundle': bundle }
        const found: string[] = []
        for (const marker of markers) {
          for (const [place, text] of Object.entries(places)) {
            score.ok()
            if (text.includes(marker)) {
              score.fail()
              found.push(`${place} holds a secret of ${marker.length} characters`)
            }
          }
        }
        expect(found).toEqual([])
        expect(logs.length).toBeGreaterThan(0)
        score.record(`${markers.size} markers × 4 places${bundle ? '' : ' (web bundle not built: 3 places)'}`)
      } finally {
        await t.close()
      }
    })

    it('refuses tokens whose ciphertexts were swapped between two workspaces', async () => {
      const score = tally(`7 swapped ciphertexts (${dialect})`)
      const t = await buildReliabilityApp(dialect, { emulator, database })
      try {
        const a = (await createSignedInWorkspace(t, 'Swap A')).admin
        const b = (await createSignedInWorkspace(t, 'Swap B')).admin
        for (const who of [a, b]) expect((await connectWorkspace(t, who)).outcome).toBe('connected')
        const rowOf = (who: SignedIn) =>
          t.db
            .selectFrom('qbo_connections')
            .select('token_ciphertext')
            .where('workspace_id', '=', who.workspaceId)
            .executeTakeFirstOrThrow()
        const [rowA, rowB] = [await rowOf(a), await rowOf(b)]
        await t.db
          .updateTable('qbo_connections')
          .set(rowB)
          .where('workspace_id', '=', a.workspaceId)
          .execute()
        await t.db
          .updateTable('qbo_connections')
          .set(rowA)
          .where('workspace_id', '=', b.workspaceId)
          .execute()
        for (const who of [a, b]) {
          const response = await t.app.inject({
            method: 'GET',
            url: '/api/quickbooks/customers?q=a',
            headers: { cookie: who.cookie },
          })
          expect(response.statusCode).toBe(409)
          expect(response.json().error.code).toBe('quickbooks_needs_reconnect')
          score.ok()
        }
        score.record('both workspaces: 409 quickbooks_needs_reconnect, no QBO data')
      } finally {
        await t.close()
      }
    })

    it('rotates the encryption key with the CLI: every token is re-encrypted and the old key can be dropped', async () => {
      const score = tally(`7 key rotation (${dialect})`)
      const oldKey = testEncryptionKey()
      const t = await buildReliabilityApp(dialect, { emulator, database, encryptionKey: oldKey })
      const admins: SignedIn[] = []
      try {
        for (const name of ['Rotate A', 'Rotate B', 'Rotate C']) {
          const { admin } = await createSignedInWorkspace(t, name)
          expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
          admins.push(admin)
        }
      } finally {
        await t.close()
      }
      const newKey = `k2:${testEncryptionKey().slice(3)}`
      const keyring = `${newKey},${oldKey}`
      const lines: string[] = []
      if (database.url) {
        // The real command line, as an operator runs it.
        const bin = fileURLToPath(new URL('../../bin/ledgerlink.js', import.meta.url))
        const { stdout } = await run(process.execPath, [bin, 'rotate-encryption-key'], {
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            LEDGERLINK_ENCRYPTION_KEY: keyring,
            LOG_LEVEL: 'silent',
          },
        })
        lines.push(...stdout.split('\n'))
        expect(stdout).not.toContain(newKey.slice(3))
        expect(stdout).not.toContain(oldKey.slice(3))
      } else {
        await rotateEncryptionKeyCommand(database.db, { encryptionKey: keyring }, (line) => lines.push(line))
      }
      expect(lines.join('\n')).toMatch(/Re-encrypted \d+ stored QuickBooks token set\(s\) under key "k2"/)
      const mine = await database.db
        .selectFrom('qbo_connections')
        .select('token_ciphertext')
        .where(
          'workspace_id',
          'in',
          admins.map((admin) => admin.workspaceId),
        )
        .execute()
      expect(mine.map((row) => row.token_ciphertext?.split('.')[1])).toEqual(['k2', 'k2', 'k2'])
      // A server holding only the new key reads every workspace's QuickBooks.
      const rotated = await buildReliabilityApp(dialect, { emulator, database, encryptionKey: newKey })
      try {
        rotated.clock.advance(2 * HOUR)
        for (const admin of admins) {
          const response = await rotated.app.inject({
            method: 'GET',
            url: '/api/quickbooks/customers?q=a',
            headers: { cookie: admin.cookie },
          })
          expect(response.statusCode).toBe(200)
          score.ok()
        }
        const again: string[] = []
        await rotateEncryptionKeyCommand(database.db, { encryptionKey: newKey }, (line) => again.push(line))
        expect(again[0]).toMatch(/^Re-encrypted 0 stored/)
      } finally {
        await rotated.close()
      }
      score.record(`${admins.length} workspaces re-encrypted, readable with the new key alone`)
    })
  })
}

for (const dialect of testDatabases()) registerSecrets(dialect)
