import { randomBytes } from 'node:crypto'
import { createQboClient, type QboClientOptions, type QboCompany } from '@ledgerlink/qbo'
import {
  type ControllableClock,
  createClock,
  createEmulator,
  DEMO_REALM_ID,
  type Emulator,
} from '@ledgerlink/qbo-emulator'
import pino, { type Logger } from 'pino'
import { buildApp } from '../src/app'
import type { Config } from '../src/config'
import type { Dialect } from '../src/db'
import { createQuickbooks, type Quickbooks, type QuickbooksDeps } from '../src/modules/quickbooks'
import { createTestDatabase, type SignedIn, type TestApp, testConfig } from './helpers'

export { DEMO_REALM_ID, SECOND_REALM_ID } from '@ledgerlink/qbo-emulator'

/** The callback URL the test emulator accepts (the test app is reached through inject, so any host works). */
export const TEST_REDIRECT_URI = 'http://localhost:3000/api/quickbooks/callback'

/** Fast retries: the emulator answers at once, and a failing test should not wait out QBO's backoff. */
const TEST_RETRY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, throttleDelayMs: 5, budgetMs: 2_000 }

export type TestEmulator = {
  emulator: Emulator
  url: string
  clock: ControllableClock
  close: () => Promise<void>
}

/**
 * An in-process QBO emulator (test mode, demo companies) that accepts {@link TEST_REDIRECT_URI}, on a clock
 * the test can move (share it with the app so token expiry is consistent on both sides).
 */
export const startTestEmulator = async (): Promise<TestEmulator> => {
  const clock = createClock()
  const emulator = createEmulator({
    testMode: true,
    seed: 'demo',
    clock,
    clients: [
      {
        clientId: 'ledgerlink-dev',
        clientSecret: 'ledgerlink-dev-secret',
        redirectUris: [TEST_REDIRECT_URI],
      },
    ],
  })
  const url = await emulator.listen({ port: 0, host: '127.0.0.1' })
  return { emulator, url, clock, close: () => emulator.close() }
}

export type QuickbooksTestApp = TestApp & {
  emulator: Emulator
  emulatorUrl: string
  /** The clock of both the app's QuickBooks clients and the emulator. */
  clock: ControllableClock
  quickbooks: Quickbooks
  /** The keyring the app's tokens are encrypted with (a second app on the same database needs it). */
  encryptionKey: string
}

/**
 * The demo company through a QBO client of the development app, holding tokens minted by the emulator (no
 * OAuth round trip): for tests of code that takes a `QboCompany`.
 * @example const company = await demoCompanyOf(emulator, { rateLimits: false })
 */
export const demoCompanyOf = async (
  emulator: TestEmulator,
  options: Pick<QboClientOptions, 'rateLimits' | 'retry'> = {},
): Promise<QboCompany> => {
  const client = createQboClient({
    environment: 'emulator',
    emulatorBaseUrl: emulator.url,
    clientId: 'ledgerlink-dev',
    clientSecret: 'ledgerlink-dev-secret',
    redirectUri: TEST_REDIRECT_URI,
    ...options,
  })
  await client.oauth.connectWithTokens(
    DEMO_REALM_ID,
    emulator.emulator.issueTokens(DEMO_REALM_ID) as unknown as Record<string, unknown>,
  )
  return client.company(DEMO_REALM_ID)
}

/** A random keyring for the test app's token encryption. */
export const testEncryptionKey = () => `k1:${randomBytes(32).toString('base64')}`

/**
 * The real app on a fresh database, wired to its own in-process emulator. Pass `database` to share one
 * database between two apps (two server processes); they then need the same `encryptionKey`.
 * @example
 * const t = await buildQuickbooksTestApp('sqlite')
 * const { admin } = await createSignedInWorkspace(t)
 * await connectWorkspace(t, admin)
 */
export const buildQuickbooksTestApp = async (
  dialect: Dialect,
  options: {
    env?: Record<string, string>
    emulator?: TestEmulator
    database?: { db: TestApp['db']; close: () => Promise<void> }
    encryptionKey?: string
    /** Where the app and its QuickBooks clients log (default: nowhere). */
    logger?: Logger
    /** How the QuickBooks clients retry, fetch and count QBO's limits (default: fast retries, in memory). */
    qbo?: Pick<QuickbooksDeps, 'retry' | 'fetch' | 'rateLimitStore'>
  } = {},
): Promise<QuickbooksTestApp> => {
  const emulator = options.emulator ?? (await startTestEmulator())
  const database = options.database ?? (await createTestDatabase(dialect))
  const encryptionKey = options.encryptionKey ?? testEncryptionKey()
  const config: Config = testConfig({ LEDGERLINK_ENCRYPTION_KEY: encryptionKey, ...options.env })
  const quickbooks = createQuickbooks({
    db: database.db,
    config,
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: emulator.clock,
    emulatorBaseUrl: emulator.url,
    redirectUris: [TEST_REDIRECT_URI],
    retry: TEST_RETRY,
    ...options.qbo,
  })
  const app = await buildApp(config, {
    db: database.db,
    quickbooks,
    ...(options.logger ? { logger: options.logger } : {}),
  })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    encryptionKey,
    emulator: emulator.emulator,
    emulatorUrl: emulator.url,
    clock: emulator.clock,
    quickbooks,
    close: async () => {
      await app.close()
      if (!options.database) await database.close()
      if (!options.emulator) await emulator.close()
    },
  }
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

/** The emulator's consent page, submitted: Connect with `realmId`, or Cancel. Returns the callback URL. */
export const answerConsent = async (
  authorizationUrl: string,
  decision: { realmId: string } | 'cancel',
): Promise<URL> => {
  const page = await fetch(authorizationUrl)
  const html = await page.text()
  if (page.status !== 200) throw new Error(`consent page failed: ${page.status} ${html.slice(0, 200)}`)
  const form = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.set(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''))
  }
  if (decision === 'cancel') form.set('decision', 'cancel')
  else {
    form.set('decision', 'connect')
    form.set('realmId', decision.realmId)
  }
  const answer = await fetch(new URL('/connect/oauth2', authorizationUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const location = answer.headers.get('location')
  if (answer.status !== 302 || !location) {
    throw new Error(`consent answer failed: ${answer.status} ${(await answer.text()).slice(0, 200)}`)
  }
  return new URL(location)
}

export type ConnectResult = {
  /** Where the callback redirected the browser (`/settings/integrations?quickbooks=…`). */
  location: string
  outcome: string | null
  reason: string | null
}

/** Sends a callback URL (from the consent page) to the app with the given session. */
export const followCallback = async (
  t: Pick<TestApp, 'app'>,
  who: Pick<SignedIn, 'cookie'>,
  callback: URL,
): Promise<ConnectResult> => {
  const response = await t.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: who.cookie },
  })
  if (response.statusCode !== 302)
    throw new Error(`callback answered ${response.statusCode} ${response.body}`)
  const location = String(response.headers.location)
  const params = new URL(location, 'http://localhost').searchParams
  return { location, outcome: params.get('quickbooks'), reason: params.get('reason') }
}

/**
 * Connects the administrator's workspace through the real flow: POST /api/quickbooks/connect, the emulator's
 * consent page (Connect, or Cancel), then the callback with the administrator's session.
 * `outcome` is `connected`, `confirm` (a different company while links exist) or `error` (see `reason`).
 * @example
 * const { outcome } = await connectWorkspace(t, admin) // outcome === 'connected'
 */
export const connectWorkspace = async (
  t: Pick<TestApp, 'app'>,
  admin: SignedIn,
  options: { realmId?: string; decision?: 'connect' | 'cancel' } = {},
): Promise<ConnectResult> => {
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/quickbooks/connect',
    headers: admin.headers,
  })
  if (started.statusCode !== 200) throw new Error(`connect failed: ${started.statusCode} ${started.body}`)
  const { authorizationUrl } = started.json() as { authorizationUrl: string }
  const callback = await answerConsent(
    authorizationUrl,
    options.decision === 'cancel' ? 'cancel' : { realmId: options.realmId ?? DEMO_REALM_ID },
  )
  return followCallback(t, admin, callback)
}
