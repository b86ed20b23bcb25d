import Fastify from 'fastify'
import { type ControllableClock, createClock } from '../clock'
import { createOAuthServer } from './server'
import type {
  OAuthClientConfig,
  OAuthFaultEndpoint,
  OAuthInjectedFault,
  OAuthServer,
  TokenResponse,
} from './types'

/**
 * The app the tests connect, with the default Ledgerlink credentials.
 *
 * @example
 * basic(CLIENT.clientId, CLIENT.clientSecret)
 */
export const CLIENT: OAuthClientConfig = {
  clientId: 'ledgerlink-dev',
  clientSecret: 'ledgerlink-dev-secret',
  redirectUris: ['http://localhost:3000/api/quickbooks/callback', 'http://localhost:3000/other-callback'],
}

/**
 * A second app, to prove tokens and codes do not cross apps.
 *
 * @example
 * basic(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret)
 */
export const OTHER_CLIENT: OAuthClientConfig = {
  clientId: 'other-app',
  clientSecret: 'other: secret&+',
  redirectUris: ['https://other.example/callback'],
  appName: 'Other <App>',
}

/**
 * @example
 * postToken(server, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
 */
export const REDIRECT_URI = 'http://localhost:3000/api/quickbooks/callback'
/**
 * @example
 * await connect(server, { scope: ACCOUNTING })
 */
export const ACCOUNTING = 'com.intuit.quickbooks.accounting'
/**
 * @example
 * await connect(server, { scope: ALL_SCOPES })
 */
export const ALL_SCOPES = `${ACCOUNTING} openid profile email phone address`

/**
 * @example
 * await approve(server, { realmId: COMPANIES[1]!.realmId })
 */
export const COMPANIES = [
  { realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping' },
  { realmId: '9130357766900457', name: 'Second <Sandbox> & "Co"' },
]

/**
 * A running OAuth server on 127.0.0.1 with a controllable clock and a switchable fault.
 *
 * @example
 * const server: TestOAuthServer = await startTestOAuthServer()
 */
export interface TestOAuthServer {
  baseUrl: string
  clock: ControllableClock
  oauth: OAuthServer
  /** Injects `kind` into `endpoint` (every endpoint when omitted) until cleared with `undefined`. */
  setFault(kind: OAuthInjectedFault | undefined, endpoint?: OAuthFaultEndpoint): void
  close(): Promise<void>
}

/**
 * Starts an OAuth server on an ephemeral port.
 *
 * @example
 * const server = await startTestOAuthServer()
 */
export async function startTestOAuthServer(): Promise<TestOAuthServer> {
  const clock = createClock({ startMs: Date.parse('2026-01-15T09:00:00Z') })
  let fault: { kind: OAuthInjectedFault; endpoint: OAuthFaultEndpoint | undefined } | undefined
  let baseUrl = ''
  const oauth = createOAuthServer({
    clock,
    clients: [CLIENT, OTHER_CLIENT],
    companies: () => COMPANIES,
    baseUrl: () => baseUrl,
    shouldInjectFault: (endpoint) =>
      fault !== undefined && (fault.endpoint === undefined || fault.endpoint === endpoint)
        ? fault.kind
        : undefined,
  })
  const app = Fastify({ logger: false })
  await oauth.register(app)
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    baseUrl,
    clock,
    oauth,
    setFault(kind, endpoint) {
      fault = kind === undefined ? undefined : { kind, endpoint }
    },
    close: () => app.close(),
  }
}

/**
 * An HTTP Basic header value.
 *
 * @example
 * basic('ledgerlink-dev', 'ledgerlink-dev-secret') // 'Basic bGVkZ2Vy…'
 */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
}

/**
 * POSTs a form to the token endpoint, authenticated as {@link CLIENT} by Basic unless `headers` say otherwise.
 *
 * @example
 * const response = await postToken(server, { grant_type: 'refresh_token', refresh_token: token })
 */
export function postToken(
  server: TestOAuthServer,
  params: Record<string, string>,
  headers: Record<string, string> = { authorization: basic(CLIENT.clientId, CLIENT.clientSecret) },
): Promise<Response> {
  return fetch(`${server.baseUrl}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams(params),
  })
}

/**
 * The authorize URL for {@link CLIENT} with `overrides` applied (`undefined` removes a parameter).
 *
 * @example
 * authorizeUrl(server, { state: undefined }) // no state parameter
 */
export function authorizeUrl(
  server: TestOAuthServer,
  overrides: Record<string, string | undefined> = {},
): string {
  const params: Record<string, string | undefined> = {
    client_id: CLIENT.clientId,
    response_type: 'code',
    scope: ALL_SCOPES,
    redirect_uri: REDIRECT_URI,
    state: 'state-123',
    ...overrides,
  }
  const url = new URL(`${server.baseUrl}/connect/oauth2`)
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value)
  return url.toString()
}

/**
 * The hidden fields of a consent page, read from its HTML.
 *
 * @example
 * const fields = hiddenFields(await page.text())
 */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
  }
  return fields
}

/**
 * Submits a consent form (`fields` as rendered, plus the decision), without following the redirect.
 *
 * @example
 * const response = await submitConsent(server, fields, { decision: 'connect', realmId: '9130357766900456' })
 */
export function submitConsent(
  server: TestOAuthServer,
  fields: Record<string, string>,
  extra: Record<string, string>,
): Promise<Response> {
  return fetch(`${server.baseUrl}/connect/oauth2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, ...extra }),
    redirect: 'manual',
  })
}

/**
 * Runs the browser part of the flow (consent page, Connect) and returns the callback's parameters. The scope
 * defaults to accounting alone, so tests that do not look at id_tokens never need the signing key.
 *
 * @example
 * const { code, realmId } = await approve(server)
 */
export async function approve(
  server: TestOAuthServer,
  options: { scope?: string; realmId?: string; redirectUri?: string } = {},
): Promise<{ code: string; state: string; realmId: string }> {
  const page = await fetch(
    authorizeUrl(server, {
      scope: options.scope ?? ALL_SCOPES,
      redirect_uri: options.redirectUri ?? REDIRECT_URI,
    }),
  )
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`)
  const response = await submitConsent(server, hiddenFields(await page.text()), {
    decision: 'connect',
    realmId: options.realmId ?? COMPANIES[0]!.realmId,
  })
  const location = new URL(response.headers.get('location') ?? '')
  return {
    code: location.searchParams.get('code') ?? '',
    state: location.searchParams.get('state') ?? '',
    realmId: location.searchParams.get('realmId') ?? '',
  }
}

/**
 * The full flow: consent, then code exchange; returns the token response.
 *
 * @example
 * const tokens = await connect(server)
 */
export async function connect(
  server: TestOAuthServer,
  options: { scope?: string } = {},
): Promise<TokenResponse> {
  const { code } = await approve(server, options)
  const response = await postToken(server, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
  })
  if (response.status !== 200) throw new Error(`code exchange answered ${response.status}`)
  return (await response.json()) as TokenResponse
}

/**
 * Refreshes with `refreshToken` as {@link CLIENT}.
 *
 * @example
 * const response = await refresh(server, tokens.refresh_token)
 */
export function refresh(server: TestOAuthServer, refreshToken: string, headers?: Record<string, string>) {
  return postToken(
    server,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basic(CLIENT.clientId, CLIENT.clientSecret), ...headers },
  )
}

/**
 * Days in milliseconds.
 *
 * @example
 * server.clock.advance(days(1))
 */
export const days = (count: number) => count * 24 * 60 * 60 * 1000
