import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerConsent } from '../test/quickbooks-helpers'
import { freePort } from './free-port'
import { callbackUrlsFor } from './qbo-emulator'
import { startServer } from './server'

const signInOver = async (url: string, password: string | undefined) => {
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password }),
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await signIn.json()) as { csrfToken: string }
  return { status: signIn.status, cookie, csrfToken }
}

const connectOver = async (base: string, session: { cookie: string; csrfToken: string }) => {
  const connect = await fetch(`${base}/api/quickbooks/connect`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  })
  const { authorizationUrl } = (await connect.json()) as { authorizationUrl: string }
  const callback = await answerConsent(authorizationUrl, { realmId: '9130357766900456' })
  return fetch(callback, { headers: { cookie: session.cookie }, redirect: 'manual' })
}

describe('startServer', () => {
  it('seeds the demo workspace on first start, prints the credentials once, and starts the QBO emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-start-'))
    const env = {
      PORT: '0',
      QBO_EMULATOR_PORT: '0',
      LEDGERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: dir,
    }
    const lines: string[] = []
    try {
      const first = await startServer(env, (line) => lines.push(line))
      try {
        expect(lines.join('\n')).toMatch(/email: {4}admin@example\.com\n {2}password: [A-Za-z0-9]{20}/)
        expect(first.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        const health = await fetch(`${first.url}/api/health`)
        expect(await health.json()).toEqual({ status: 'ok' })
        const password = /password: ([A-Za-z0-9]{20})/.exec(lines.join('\n'))?.[1]
        expect((await signInOver(first.url, password)).status).toBe(200)
      } finally {
        await first.close()
      }
      lines.length = 0
      const second = await startServer(
        {
          ...env,
          QBO_CLIENT_ID: 'configured',
          QBO_CLIENT_SECRET: 'configured-secret',
          QBO_REDIRECT_URI: 'https://crm.example.com/api/quickbooks/callback',
        },
        (line) => lines.push(line),
      )
      await second.close()
      expect(lines.join('\n')).not.toMatch(/password: [A-Za-z0-9]{20}/)
      expect(second.emulatorUrl).toBeNull()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it('connects the demo workspace to the embedded emulator through its consent page, on both host names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-connect-'))
    const lines: string[] = []
    const server = await startServer(
      { PORT: '0', QBO_EMULATOR_PORT: '0', LEDGERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent', WEB_DIST_DIR: dir },
      (line) => lines.push(line),
    )
    try {
      const keyFile = join(dir, 'encryption.key')
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/)
      expect(lines.join('\n')).toMatch(/LEDGERLINK_ENCRYPTION_KEY is not set/)
      const password = /password: ([A-Za-z0-9]{20})/.exec(lines.join('\n'))?.[1]
      for (const base of [server.url.replace('127.0.0.1', 'localhost'), server.url]) {
        const session = await signInOver(base, password)
        const connect = await fetch(`${base}/api/quickbooks/connect`, {
          method: 'POST',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        })
        expect(connect.status).toBe(200)
        const { authorizationUrl } = (await connect.json()) as { authorizationUrl: string }
        expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(
          `${base}/api/quickbooks/callback`,
        )
        const callback = await answerConsent(authorizationUrl, { realmId: '9130357766900456' })
        expect(callback.origin).toBe(new URL(base).origin)
        const landed = await fetch(callback, { headers: { cookie: session.cookie }, redirect: 'manual' })
        expect(landed.status).toBe(302)
        expect(landed.headers.get('location')).toBe('/settings/integrations?quickbooks=connected')
        expect(landed.headers.get('referrer-policy')).toBe('no-referrer')
        const state = await fetch(`${base}/api/quickbooks/connection`, {
          headers: { cookie: session.cookie },
        })
        expect(await state.json()).toMatchObject({
          connection: { status: 'connected', realmId: '9130357766900456', environment: 'emulator' },
          canManage: true,
        })
      }
      const row = await server.db.db.selectFrom('qbo_connections').selectAll().executeTakeFirstOrThrow()
      expect(row.token_ciphertext).toMatch(/^v1\.k1\./)
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
    expect(existsSync(dir)).toBe(false)
  }, 30_000)

  it("delivers the demo emulator's signed change notifications to the server's own webhook receiver", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-webhooks-'))
    const lines: string[] = []
    const server = await startServer(
      {
        PORT: String(await freePort()),
        QBO_EMULATOR_PORT: '0',
        LEDGERLINK_DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        WEB_DIST_DIR: dir,
      },
      (line) => lines.push(line),
    )
    try {
      const password = /password: ([A-Za-z0-9]{20})/.exec(lines.join('\n'))?.[1]
      const session = await signInOver(server.url, password)
      expect((await connectOver(server.url, session)).headers.get('location')).toBe(
        '/settings/integrations?quickbooks=connected',
      )
      const headers = {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      }
      const created = await fetch(`${server.url}/api/organizations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Notified Orchards Cooperative' }),
      })
      const { id } = (await created.json()) as { id: string }
      const customer = await fetch(`${server.url}/api/organizations/${id}/quickbooks/customer`, {
        method: 'POST',
        headers,
        body: JSON.stringify({}),
      })
      expect(customer.status).toBe(201)
      // The emulator gathers changes for 50 ms, then posts them signed with the run's verifier token.
      let notifications = 0
      for (let attempt = 0; attempt < 50 && notifications === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        // Only notifications whose intuit-signature verified are recorded.
        const rows = await server.db.db.selectFrom('qbo_webhook_notifications').selectAll().execute()
        notifications = rows.length
      }
      expect(notifications).toBeGreaterThan(0)
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it('registers the callback under both the localhost and the 127.0.0.1 name', () => {
    expect(callbackUrlsFor('http://127.0.0.1:3000', '/cb')).toEqual([
      'http://127.0.0.1:3000/cb',
      'http://localhost:3000/cb',
    ])
    expect(callbackUrlsFor('http://10.0.0.5:80', '/cb')).toEqual(['http://10.0.0.5/cb'])
  })
})
