import type { Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createMemoryTokenStore,
  isQboAuthError,
  isQboNetworkError,
  isQboReconnectRequiredError,
  isQboTimeoutError,
  type QboClient,
  QboReconnectRequiredError,
} from '../src'
import {
  CLIENT_ID,
  CLIENT_SECRET,
  clientFor,
  connectedClient,
  DEMO_REALM,
  SECOND_REALM,
  startEmulator,
} from './helpers'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.configure({ faults: null }))
afterAll(() => emulator.close())

const HOUR = 3_600_000

const unescapeHtml = (s: string) =>
  s.replace(
    /&(?:amp|lt|gt|quot|#39|#x27);/g,
    (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" })[e] ?? e,
  )

/** Drives the emulator's consent page like a browser: GET the page, POST the form, read the redirect. */
async function consent(url: string, decision: 'connect' | 'cancel', realmId = DEMO_REALM): Promise<string> {
  const page = await fetch(url)
  expect(page.status).toBe(200)
  const html = await page.text()
  const form = new URLSearchParams()
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''))
  }
  form.set('realmId', realmId)
  form.set('decision', decision)
  const action = new URL('/connect/oauth2', url)
  const answer = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  expect(answer.status).toBe(302)
  return answer.headers.get('location') ?? ''
}

describe('authorization code flow', () => {
  it('connects a company through the consent page and can call the API and UserInfo', async () => {
    const client = clientFor(emulator)
    const { url, state } = await client.oauth.authorizationUrl({
      scopes: ['com.intuit.quickbooks.accounting', 'openid', 'profile', 'email', 'phone', 'address'],
    })
    const auth = new URL(url)
    expect(auth.origin + auth.pathname).toBe(`${emulator.baseUrl}/connect/oauth2`)
    expect(auth.searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(auth.searchParams.get('response_type')).toBe('code')
    expect(auth.searchParams.get('state')).toBe(state)
    expect(state.length).toBeGreaterThanOrEqual(43)

    const callback = await consent(url, 'connect')
    const { realmId, record, idToken } = await client.oauth.exchangeCode({
      callbackUrl: callback,
      expectedState: state,
    })
    expect(realmId).toBe(DEMO_REALM)
    expect(record.version).toBe(1)
    expect(record.needsReconnect).toBe(false)
    expect(idToken?.split('.')).toHaveLength(3)
    expect((await client.company(realmId).companyInfo()).CompanyName).toBe('Ledgerlink Demo Landscaping')

    const me = await client.oauth.userInfo(realmId)
    expect(typeof me.sub).toBe('string')
    expect(me.email).toMatch(/@/)
    expect(typeof me.givenName).toBe('string')
    expect(typeof me.emailVerified).toBe('boolean')
  })

  it('accepts the ID token when the company clock is far from this machine’s clock', async () => {
    const client = clientFor(emulator)
    // Two hours behind real time: by this machine's clock the ID token expired an hour ago.
    const offset = emulator.clock.now() - Date.now() + 2 * HOUR
    emulator.clock.advance(-offset)
    try {
      const { url, state } = await client.oauth.authorizationUrl({
        scopes: ['com.intuit.quickbooks.accounting', 'openid'],
      })
      const callback = await consent(url, 'connect', SECOND_REALM)
      const { realmId, idToken } = await client.oauth.exchangeCode({
        callbackUrl: callback,
        expectedState: state,
      })
      expect(realmId).toBe(SECOND_REALM)
      expect(idToken).toBeDefined()
    } finally {
      emulator.clock.advance(offset)
    }
  })

  it('issues a different state every time', async () => {
    const client = clientFor(emulator)
    const states = await Promise.all([1, 2, 3].map(async () => (await client.oauth.authorizationUrl()).state))
    expect(new Set(states).size).toBe(3)
  })

  it('refuses a callback whose state does not match the session and stores nothing', async () => {
    const client = clientFor(emulator)
    const { url } = await client.oauth.authorizationUrl()
    const callback = await consent(url, 'connect', SECOND_REALM)
    const err = await client.oauth
      .exchangeCode({ callbackUrl: callback, expectedState: 'forged-state' })
      .catch((e: unknown) => e)
    expect(isQboAuthError(err)).toBe(true)
    expect(await client.tokenStore.load(SECOND_REALM)).toBeUndefined()
  })

  it('refuses a callback whose realmId was changed away from the one the ID token names', async () => {
    const client = clientFor(emulator)
    const { url, state } = await client.oauth.authorizationUrl({
      scopes: ['com.intuit.quickbooks.accounting', 'openid'],
    })
    const callback = new URL(await consent(url, 'connect', DEMO_REALM))
    callback.searchParams.set('realmId', SECOND_REALM)
    const err = await client.oauth
      .exchangeCode({ callbackUrl: callback, expectedState: state })
      .catch((e: unknown) => e)
    expect(isQboAuthError(err)).toBe(true)
    expect((err as Error).message).toMatch(/realmid/)
    expect(await client.tokenStore.load(SECOND_REALM)).toBeUndefined()
  })

  it('reports a denied consent as access_denied', async () => {
    const client = clientFor(emulator)
    const { url, state } = await client.oauth.authorizationUrl()
    const callback = await consent(url, 'cancel')
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied')
    const err = await client.oauth
      .exchangeCode({ callbackUrl: callback, expectedState: state })
      .catch((e: unknown) => e)
    expect(isQboAuthError(err)).toBe(true)
    expect(err).toMatchObject({ oauthError: 'access_denied' })
  })

  it('refuses to reuse an authorization code', async () => {
    const client = clientFor(emulator)
    const { url, state } = await client.oauth.authorizationUrl()
    const callback = await consent(url, 'connect')
    await client.oauth.exchangeCode({ callbackUrl: callback, expectedState: state })
    const err = await client.oauth
      .exchangeCode({ callbackUrl: callback, expectedState: state })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ oauthError: 'invalid_grant', httpStatus: 400 })
  })
})

describe('refresh', () => {
  it('refreshes exactly once for 500 concurrent calls that find the token expired', async () => {
    const client = await connectedClient(emulator)
    emulator.clock.advance(HOUR + 1_000)
    emulator.resetStats()
    const company = client.company(DEMO_REALM)
    const results = await Promise.all(Array.from({ length: 500 }, () => company.preferences()))
    expect(results).toHaveLength(500)
    expect(emulator.stats().tokenRequests).toBe(1)
    expect((await client.tokenStore.load(DEMO_REALM))?.version).toBe(2)
  })

  it('refreshes within the skew window, before the token actually expires', async () => {
    const client = await connectedClient(emulator, DEMO_REALM, { refreshSkewMs: 5 * 60_000 })
    emulator.clock.advance(HOUR - 60_000)
    emulator.resetStats()
    await client.company(DEMO_REALM).companyInfo()
    expect(emulator.stats().tokenRequests).toBe(1)
  })

  it('refreshes once when two client instances share a store and race at expiry', async () => {
    const tokenStore = createMemoryTokenStore()
    const a = await connectedClient(emulator, DEMO_REALM, { tokenStore })
    const b = clientFor(emulator, { tokenStore })
    emulator.clock.advance(HOUR + 1_000)
    emulator.resetStats()
    const calls = (c: QboClient) => Array.from({ length: 25 }, () => c.company(DEMO_REALM).companyInfo())
    const results = await Promise.allSettled([...calls(a), ...calls(b)])
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(emulator.stats().tokenRequests).toBe(1)
    const record = await tokenStore.load(DEMO_REALM)
    expect(record?.needsReconnect).toBe(false)
    expect(record?.version).toBe(2)
  })

  it('a second instance that lost the race re-reads the store instead of spending the rotated token', async () => {
    const tokenStore = createMemoryTokenStore()
    const a = await connectedClient(emulator, DEMO_REALM, { tokenStore })
    const b = clientFor(emulator, { tokenStore })
    emulator.clock.advance(HOUR + 1_000)
    emulator.resetStats()
    await a.oauth.refresh(DEMO_REALM)
    await b.company(DEMO_REALM).companyInfo()
    expect(emulator.stats().tokenRequests).toBe(1)
  })

  it('refreshes once and replays when QBO answers 401 to a token the client thought valid', async () => {
    // The client's own clock lags the emulator's by an hour, so it sends an access token QBO considers expired.
    const client = await connectedClient(emulator, DEMO_REALM, { clock: { now: Date.now } })
    emulator.clock.advance(HOUR + 1_000)
    emulator.resetStats()
    expect((await client.company(DEMO_REALM).companyInfo()).CompanyName).toBe('Ledgerlink Demo Landscaping')
    expect(emulator.stats().tokenRequests).toBe(1)
    expect(emulator.stats().byEndpoint['companyinfo.read']).toBe(2)
  })

  it('keeps the stored tokens when the token endpoint fails with 5xx, and recovers afterwards', async () => {
    const client = await connectedClient(emulator, DEMO_REALM, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
    const before = await client.tokenStore.load(DEMO_REALM)
    emulator.clock.advance(HOUR + 1_000)
    emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'oauth' } })
    const err = await client
      .company(DEMO_REALM)
      .companyInfo()
      .catch((e: unknown) => e)
    expect(isQboNetworkError(err)).toBe(true)
    expect(await client.tokenStore.load(DEMO_REALM)).toEqual(before)
    emulator.configure({ faults: null })
    expect((await client.company(DEMO_REALM).companyInfo()).CompanyName).toBeDefined()
    expect((await client.tokenStore.load(DEMO_REALM))?.version).toBe((before?.version ?? 0) + 1)
  })

  it('keeps the stored tokens when the token endpoint hangs', async () => {
    const client = await connectedClient(emulator, DEMO_REALM, {
      timeouts: { tokenMs: 50 },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    })
    const before = await client.tokenStore.load(DEMO_REALM)
    emulator.clock.advance(HOUR + 1_000)
    emulator.configure({ faults: { rate: 1, kinds: ['timeout'], paths: 'oauth' } })
    const err = await client
      .company(DEMO_REALM)
      .companyInfo()
      .catch((e: unknown) => e)
    expect(isQboTimeoutError(err)).toBe(true)
    expect(await client.tokenStore.load(DEMO_REALM)).toEqual(before)
  })

  it('survives a lost refresh response: the retry with the same refresh token still connects', async () => {
    const client = await connectedClient(emulator, DEMO_REALM, {
      fetch: async (input, init) => {
        try {
          return await fetch(input, init)
        } finally {
          if (String(input).includes('/tokens/bearer')) emulator.configure({ faults: null })
        }
      },
    })
    emulator.clock.advance(HOUR + 1_000)
    emulator.configure({ faults: { rate: 1, kinds: ['lost-response'], paths: 'oauth' } })
    emulator.resetStats()
    expect((await client.company(DEMO_REALM).companyInfo()).CompanyName).toBeDefined()
    expect(emulator.stats().tokenRequests).toBe(2)
    expect((await client.tokenStore.load(DEMO_REALM))?.needsReconnect).toBe(false)
  })
})

describe('invalid_grant and revoke', () => {
  it('marks the connection as needing a reconnect on invalid_grant and stops calling Intuit', async () => {
    const client = await connectedClient(emulator, SECOND_REALM)
    const record = await client.tokenStore.load(SECOND_REALM)
    // Another party disconnects the app: the stored refresh token is now dead.
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')
    const revoked = await fetch(`${emulator.baseUrl}/oauth2/v1/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: record?.tokens.refreshToken }),
    })
    expect(revoked.status).toBe(200)
    emulator.clock.advance(HOUR + 1_000)
    emulator.resetStats()

    const err = await client
      .company(SECOND_REALM)
      .companyInfo()
      .catch((e: unknown) => e)
    expect(isQboReconnectRequiredError(err)).toBe(true)
    expect(err).toMatchObject({ realmId: SECOND_REALM, oauthError: 'invalid_grant', httpStatus: 400 })
    const after = await client.tokenStore.load(SECOND_REALM)
    expect(after?.needsReconnect).toBe(true)
    expect(after?.reconnectReason).toBe('invalid_grant')
    expect(after?.tokens).toEqual(record?.tokens)

    const again = await client
      .company(SECOND_REALM)
      .companyInfo()
      .catch((e: unknown) => e)
    expect(again).toBeInstanceOf(QboReconnectRequiredError)
    expect(emulator.stats().tokenRequests).toBe(1)
    expect(emulator.stats().total).toBe(0)

    // Disconnecting a dead connection still forgets it locally.
    await client.oauth.revoke(SECOND_REALM)
    expect(await client.tokenStore.load(SECOND_REALM)).toBeUndefined()
  })

  it('revokes the connection at Intuit and forgets the tokens', async () => {
    const client = await connectedClient(emulator, SECOND_REALM)
    const record = await client.tokenStore.load(SECOND_REALM)
    await client.oauth.revoke(SECOND_REALM)
    expect(await client.tokenStore.load(SECOND_REALM)).toBeUndefined()
    const probe = await fetch(
      `${emulator.baseUrl}/v3/company/${SECOND_REALM}/companyinfo/${SECOND_REALM}?minorversion=75`,
      { headers: { authorization: `Bearer ${record?.tokens.accessToken}`, accept: 'application/json' } },
    )
    expect(probe.status).toBe(401)
    await expect(client.company(SECOND_REALM).companyInfo()).rejects.toBeInstanceOf(QboReconnectRequiredError)
  })

  it('raises QboAuthError with status 403 when the token belongs to another company', async () => {
    const client = clientFor(emulator)
    await client.oauth.connectWithTokens(SECOND_REALM, { ...emulator.issueTokens(DEMO_REALM) })
    const err = await client
      .company(SECOND_REALM)
      .companyInfo()
      .catch((e: unknown) => e)
    expect(isQboAuthError(err)).toBe(true)
    expect(isQboReconnectRequiredError(err)).toBe(false)
    expect(err).toMatchObject({ httpStatus: 403 })
  })

  it('refuses the client when the secret is wrong, without marking a reconnect', async () => {
    const good = await connectedClient(emulator, SECOND_REALM)
    const record = await good.tokenStore.load(SECOND_REALM)
    const tokenStore = createMemoryTokenStore()
    await tokenStore.save(SECOND_REALM, record!.tokens, null)
    const bad = clientFor(emulator, { tokenStore, clientSecret: 'wrong-secret' })
    const err = await bad.oauth.refresh(SECOND_REALM).catch((e: unknown) => e)
    expect(isQboAuthError(err)).toBe(true)
    expect(isQboReconnectRequiredError(err)).toBe(false)
    expect(err).toMatchObject({ oauthError: 'invalid_client', httpStatus: 401 })
    expect((await tokenStore.load(SECOND_REALM))?.needsReconnect).toBe(false)
  })
})
