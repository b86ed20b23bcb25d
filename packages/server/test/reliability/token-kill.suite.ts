import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, DEMO_REALM_ID, type Emulator } from '@ledgerlink/qbo-emulator'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/db'
import { createTokenCipher, parseKeyring } from '../../src/modules/quickbooks/token-crypto'
import { openTokens } from '../../src/modules/quickbooks/token-store-db'
import { createTestDatabase, testDatabases } from '../helpers'
import { answerConsent } from '../quickbooks-helpers'
import { tally } from './figures'
import { freePort, type ServerProcess, serverProcess } from './server-process'

const HOUR = 3_600_000
const TOKEN_PATH = '/oauth2/v1/tokens/bearer'
const ADMIN = { email: 'token-kill@example.test', password: 'token-kill-admin-password' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; a proxy passes every other header on as is. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
])
const endToEnd = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))

/** Intuit's answer to a refresh, held by the proxy: Intuit has rotated the refresh token, the server has not heard. */
type HeldAnswer = {
  status: number
  refreshToken: string
  /** Sends the answer on; resolves once it is written to the server's socket. */
  release: () => Promise<void>
}

type TokenProxy = {
  url: string
  /** Holds the next refresh answer; resolves when one is held. */
  arm: () => Promise<HeldAnswer>
  close: () => Promise<void>
}

/**
 * A loopback proxy in front of the emulator that forwards everything unchanged (redirects and their Location
 * too) and, when armed, holds Intuit's answer to one refresh: the token endpoint has committed the rotation,
 * and the test decides when the server gets to see the new tokens.
 */
const startTokenProxy = async (target: () => string): Promise<TokenProxy> => {
  let waiting: ((held: HeldAnswer) => void) | undefined
  const proxy = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const hold =
        waiting !== undefined &&
        request.method === 'POST' &&
        (request.url ?? '').split('?')[0] === TOKEN_PATH &&
        new URLSearchParams(body.toString()).get('grant_type') === 'refresh_token'
          ? waiting
          : undefined
      if (hold) waiting = undefined
      const upstream = httpRequest(
        new URL(request.url ?? '/', target()),
        { method: request.method, headers: endToEnd(request.headers), agent: false },
        (answer) => {
          const parts: Buffer[] = []
          answer.on('data', (chunk: Buffer) => parts.push(chunk))
          answer.on('end', () => {
            const answerBody = Buffer.concat(parts)
            const send = () =>
              new Promise<void>((sent) => {
                response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers))
                response.end(answerBody, () => sent())
              })
            if (!hold) {
              void send()
              return
            }
            let refreshToken = ''
            try {
              refreshToken = String(JSON.parse(answerBody.toString()).refresh_token ?? '')
            } catch {
              // Not JSON: the test sees an empty token and says so.
            }
            hold({ status: answer.statusCode ?? 0, refreshToken, release: send })
          })
        },
      )
      upstream.on('error', (error) => response.destroy(error))
      upstream.end(body)
    })
  })
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', () => listening()))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    arm: () =>
      new Promise<HeldAnswer>((held) => {
        waiting = held
      }),
    close: () =>
      new Promise<void>((closed) => {
        proxy.closeAllConnections()
        proxy.close(() => closed())
      }),
  }
}

type ConnectionRow = {
  workspace_id: string
  token_version: number
  token_ciphertext: string | null
  status: string
}

/** The test's own hand on the server's database: read the connection row and hold a write lock on it. */
type DatabaseHand = {
  row: () => Promise<ConnectionRow>
  /** Takes a write lock that the server's token save must wait for. */
  lock: (workspaceId: string) => Promise<void>
  /**
   * Waits until the server is observed blocked on that lock, where the database lets it be observed.
   * `server` is the server whose save it is.
   */
  waitForBlockedSave: (server: ServerProcess) => Promise<string>
  /** Rolls the lock back; resolves once the killed server's session (if any) is gone. */
  unlock: (server: ServerProcess) => Promise<void>
  close: () => Promise<void>
}

const ROW_SQL =
  'SELECT workspace_id, token_version, token_ciphertext, status FROM qbo_connections WHERE realm_id = $1'

/** Polls `probe` until it yields a value; fails after `ms` saying what it waited for. */
const waitFor = async <T>(
  what: string,
  server: ServerProcess,
  probe: () => Promise<T | undefined>,
  ms = 10_000,
): Promise<T> => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const value = await probe()
    if (value !== undefined) return value
    await sleep(50)
  }
  throw new Error(`waited ${ms} ms for ${what}; server output (tail):\n${server.output().slice(-3_000)}`)
}

const sqliteHand = (dataDir: string): DatabaseHand => {
  const file = new Database(join(dataDir, 'ledgerlink.sqlite'))
  file.pragma('busy_timeout = 5000')
  const one = (): ConnectionRow => {
    const rows = file.prepare(ROW_SQL.replace('$1', '?')).all(DEMO_REALM_ID) as ConnectionRow[]
    expect(rows).toHaveLength(1)
    return rows[0] as ConnectionRow
  }
  return {
    row: async () => one(),
    lock: async () => {
      file.exec('BEGIN IMMEDIATE')
    },
    // SQLite shows no lock waiters to another connection. But better-sqlite3 waits out a busy database
    // synchronously (busy_timeout, 5 s), which freezes the server's whole event loop: once a health probe goes
    // unanswered, the server is inside that wait. The caller kills it well within the 5 s.
    waitForBlockedSave: async (server) => {
      await waitFor('the server to freeze in its write to the locked SQLite file', server, async () => {
        try {
          await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(400) })
          return undefined
        } catch {
          return true
        }
      })
      return 'the server froze in busy_timeout on the locked file'
    },
    unlock: async () => {
      file.exec('ROLLBACK')
    },
    close: async () => {
      if (file.inTransaction) file.exec('ROLLBACK')
      file.close()
    },
  }
}

const postgresHand = async (url: string): Promise<DatabaseHand> => {
  const reader = new pg.Client({ connectionString: url })
  const locker = new pg.Client({ connectionString: url })
  await reader.connect()
  await locker.connect()
  let blockedPid: number | undefined
  return {
    row: async () => {
      const { rows } = await reader.query<ConnectionRow>(ROW_SQL, [DEMO_REALM_ID])
      expect(rows).toHaveLength(1)
      return rows[0] as ConnectionRow
    },
    lock: async (workspaceId) => {
      await locker.query('BEGIN')
      await locker.query('SELECT 1 FROM qbo_connections WHERE workspace_id = $1 FOR UPDATE', [workspaceId])
    },
    waitForBlockedSave: async (server) => {
      const { rows } = await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      const mine = rows[0]?.pid
      blockedPid = await waitFor(
        'the server’s token UPDATE to wait on the test’s row lock',
        server,
        async () => {
          const waiting = await reader.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND left(query, 24) = 'update "qbo_connections"' AND $1 = ANY(pg_blocking_pids(pid))`,
            [mine],
          )
          return waiting.rows[0]?.pid
        },
      )
      return `backend ${blockedPid} waits on the row lock in UPDATE qbo_connections`
    },
    unlock: async (server) => {
      await locker.query('ROLLBACK')
      const pid = blockedPid
      blockedPid = undefined
      if (pid === undefined) return
      // The killed server's transaction (advisory lock, UPDATE) ends only when its backend sees the socket
      // closed; until then a restarted server would wait on the advisory lock.
      await waitFor(`the killed server's database session ${pid} to end`, server, async () => {
        const { rows } = await reader.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
        return rows.length === 0 ? true : undefined
      })
    },
    close: async () => {
      await locker.end()
      await reader.end()
    },
  }
}

type Rig = {
  emulator: Emulator
  server: ServerProcess
  hand: () => Promise<DatabaseHand>
  proxy: TokenProxy
  encryptionKey: string
  close: () => Promise<void>
}

/**
 * Intuit (the emulator) lives outside the server process and survives the kills; the server reaches it only
 * through the proxy, which it finds on QBO_EMULATOR_PORT (its embedded emulator cannot take that busy port and
 * steps aside), and the emulator's discovery document sends every OAuth call there too (`publicUrl`).
 */
const startRig = async (dialect: Dialect): Promise<Rig> => {
  const cleanups: Array<() => Promise<void>> = []
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  }
  try {
    const port = await freePort()
    const callbacks = [`http://127.0.0.1:${port}`, `http://localhost:${port}`].map(
      (origin) => `${origin}/api/quickbooks/callback`,
    )
    let emulator: Emulator | undefined
    const proxy = await startTokenProxy(() => emulator?.listenUrl ?? '')
    cleanups.push(proxy.close)
    emulator = createEmulator({
      testMode: true,
      seed: 'demo',
      publicUrl: proxy.url,
      clients: [
        { clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret', redirectUris: callbacks },
      ],
    })
    const running = emulator
    cleanups.push(() => running.close())
    await emulator.listen({ port: 0, host: '127.0.0.1' })
    const dataDir = mkdtempSync(join(tmpdir(), 'ledgerlink-token-kill-'))
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const database = dialect === 'postgres' ? await createTestDatabase('postgres') : undefined
    if (database) cleanups.push(database.close)
    const encryptionKey = `k1:${randomBytes(32).toString('base64')}`
    const server = serverProcess({
      port,
      env: {
        NODE_ENV: 'production',
        LEDGERLINK_DATA_DIR: dataDir,
        LEDGERLINK_ENCRYPTION_KEY: encryptionKey,
        LEDGERLINK_ADMIN_EMAIL: ADMIN.email,
        LEDGERLINK_ADMIN_PASSWORD: ADMIN.password,
        QBO_EMULATOR_PORT: new URL(proxy.url).port,
        QBO_CDC_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'error',
        WEB_DIST_DIR: '/nonexistent',
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
      },
    })
    cleanups.push(server.stop)
    await server.start()
    let hand: DatabaseHand | undefined
    cleanups.push(async () => hand?.close())
    return {
      emulator,
      server,
      proxy,
      encryptionKey,
      // Opened once the server has created the database.
      hand: async () => {
        hand ??= database?.url ? await postgresHand(database.url) : sqliteHand(dataDir)
        return hand
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

type Api = {
  call: (method: string, path: string, body?: unknown, redirect?: 'follow' | 'manual') => Promise<Response>
}

const signIn = async (server: ServerProcess): Promise<Api> => {
  const response = await fetch(`${server.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
    signal: AbortSignal.timeout(30_000),
  })
  expect(response.status).toBe(200)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return {
    call: (method, path, body, redirect = 'follow') =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        redirect,
        signal: AbortSignal.timeout(30_000),
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  }
}

const connectionStatus = async (api: Api): Promise<string | undefined> => {
  const response = await api.call('GET', '/api/quickbooks/connection')
  expect(response.status).toBe(200)
  return ((await response.json()) as { connection: { status: string } | null }).connection?.status
}

/**
 * One kill: with the access token expired at Intuit, a tab load makes the server refresh; the proxy holds
 * Intuit's answer (the refresh token is rotated at Intuit), the test locks the connection row, lets the answer
 * through, sees the server stuck saving it, and SIGKILLs the server. Returns the row as it is after the kill.
 */
const killBetweenRotationAndSave = async (rig: Rig, api: Api, tabPath: string) => {
  const { server, proxy, emulator } = rig
  const hand = await rig.hand()
  const before = await hand.row()
  const held = proxy.arm()
  // The server trusts its own clock for the access token's expiry (an hour from when it was issued, in real
  // time), so it sends the token; the emulator's clock, 2 h on, refuses it with 401 and the server refreshes.
  emulator.clock.advance(2 * HOUR)
  const load = api.call('GET', tabPath).then(
    async (response) => ({ answered: `${response.status} ${(await response.text()).slice(0, 300)}` }),
    (error: unknown) => ({ failed: String(error) }),
  )
  const answer = await new Promise<HeldAnswer>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`no refresh reached the token endpoint within 20 s:\n${server.output().slice(-3_000)}`),
        ),
      20_000,
    )
    void held.then((value) => {
      clearTimeout(timer)
      resolve(value)
    })
    void load.then((outcome) => {
      clearTimeout(timer)
      reject(
        new Error(`the tab load ended before Intuit's refresh answer was held: ${JSON.stringify(outcome)}`),
      )
    })
  })
  expect(answer.status).toBe(200)
  expect(answer.refreshToken).not.toBe('')
  await hand.lock(before.workspace_id)
  await answer.release()
  const blocked = await hand.waitForBlockedSave(server)
  await server.kill()
  await hand.unlock(server)
  // The server died with the request open: it never answered, so it never got past the save.
  expect(await load).toMatchObject({ failed: expect.any(String) })
  const after = await hand.row()
  return { before, after, rotated: answer.refreshToken, blocked }
}

const rotationKillRun = async (dialect: Dialect, rig: Rig) => {
  const { server, emulator } = rig
  const score = tally(`1 SIGKILL between rotation and save (${dialect})`)
  const cipher = createTokenCipher(parseKeyring(rig.encryptionKey))
  const storedRefreshToken = (row: ConnectionRow) =>
    openTokens(cipher, row.workspace_id, DEMO_REALM_ID, row.token_ciphertext ?? '').refreshToken

  // Connect through the real consent flow (every OAuth call goes through the proxy).
  let api = await signIn(server)
  const started = await api.call('POST', '/api/quickbooks/connect')
  expect(started.status).toBe(200)
  const { authorizationUrl } = (await started.json()) as { authorizationUrl: string }
  expect(authorizationUrl.startsWith(`${rig.proxy.url}/`)).toBe(true)
  const callback = await answerConsent(authorizationUrl, { realmId: DEMO_REALM_ID })
  const landed = await api.call('GET', `${callback.pathname}${callback.search}`, undefined, 'manual')
  expect(landed.headers.get('location')).toContain('quickbooks=connected')

  // A record linked to a demo customer: its tab reads QuickBooks on every refresh.
  const company = emulator.store.get(DEMO_REALM_ID)
  if (!company) throw new Error('the emulator has no demo company')
  const customerId = String([...company.list('Customer')].find((customer) => customer.Active !== false)?.Id)
  const created = await api.call('POST', '/api/organizations', { name: `Rotation Kill ${dialect}` })
  expect(created.status).toBe(201)
  const organizationId = ((await created.json()) as { id: string }).id
  expect(
    (await api.call('PUT', `/api/organizations/${organizationId}/quickbooks/link`, { customerId })).status,
  ).toBe(200)
  const tabPath = `/api/organizations/${organizationId}/quickbooks?refresh=true`
  expect((await api.call('GET', tabPath)).status).toBe(200)

  // Round 1: killed with the rotated token in hand; restarted within Intuit's 24 h grace (API-NOTES §10).
  const first = await killBetweenRotationAndSave(rig, api, tabPath)
  expect(first.after).toEqual(first.before)
  expect(storedRefreshToken(first.after)).not.toBe(first.rotated)
  await server.start()
  api = await signIn(server)
  const working = await api.call('GET', tabPath)
  expect(working.status, await working.clone().text()).toBe(200)
  expect(await connectionStatus(api)).toBe('connected')
  const resumed = await (await rig.hand()).row()
  expect(resumed).toMatchObject({ status: 'connected', token_version: first.before.token_version + 1 })
  score.ok()

  // Round 2: killed the same way, and nobody uses the connection for 25 h: the superseded token is refused.
  const second = await killBetweenRotationAndSave(rig, api, tabPath)
  expect(second.after).toEqual(second.before)
  expect(storedRefreshToken(second.after)).not.toBe(second.rotated)
  emulator.clock.advance(25 * HOUR)
  await server.start()
  api = await signIn(server)
  const refused = await api.call('GET', tabPath)
  const refusedBody = await refused.text()
  expect({ status: refused.status, body: refusedBody }).toMatchObject({
    status: 409,
    body: expect.stringContaining('"code":"quickbooks_needs_reconnect"'),
  })
  expect(await connectionStatus(api)).toBe('needs_reconnect')
  const marked = await (await rig.hand()).row()
  // Marked, not blanked: the same tokens at the same version, for a support engineer or a later reconnection.
  expect(marked).toMatchObject({
    status: 'needs_reconnect',
    token_version: second.before.token_version,
    token_ciphertext: second.before.token_ciphertext,
  })
  score.ok()
  score.record(
    '2 real SIGKILLs with the rotated token in hand: old tokens intact; within 24 h working, after: needs_reconnect',
  )
}

describe('a server killed between a refresh-token rotation and its save', () => {
  for (const dialect of testDatabases()) {
    it(`leaves the QuickBooks connection working within Intuit's grace and "needs reconnection" after it, never silently dead, on ${dialect}`, async () => {
      const rig = await startRig(dialect)
      try {
        await rotationKillRun(dialect, rig)
      } finally {
        await rig.close()
      }
    }, 180_000)
  }
})
