import { randomUUID } from 'node:crypto'
import { createOAuthEndpoints, type QboUserInfo, type TokenEndpointResponse } from './auth/oauth'
import { createTokenManager } from './auth/refresh'
import { createMemoryTokenStore, type TokenRecord, type TokenStore } from './auth/token-store'
import { createCompany, type QboCompany } from './company'
import { createDeepLinks, type QboDeepLinks } from './deep-links'
import { isLoopbackHttpUrl, type QboEndpoints, resolveEndpoints } from './environment'
import { QboAuthError, QboReconnectRequiredError } from './errors'
import { silentLogger } from './logger'
import type { QboClientOptions } from './options'
import { createRateLimiter, type RateLimiter } from './transport/rate-limit'
import { createMemoryRateLimitStore } from './transport/rate-limit-store'
import { sendQboRequest, type TransportContext } from './transport/request'
import { resolveRetryOptions } from './transport/retry'

/**
 * The OAuth side of the client: connect a company, refresh, revoke, read the signed-in user.
 *
 * @example
 * async function connect(qbo: QboClient, callbackUrl: string, stateFromSession: string) {
 *   const { realmId } = await qbo.oauth.exchangeCode({ callbackUrl, expectedState: stateFromSession })
 *   return realmId
 * }
 */
export interface QboOAuth {
  /**
   * The Intuit consent URL and the single-use `state` in it. Bind `state` to the user's session and pass
   * it back to {@link QboOAuth.exchangeCode}; it is the CSRF defence of the flow.
   */
  authorizationUrl(options?: {
    scopes?: readonly string[]
    state?: string
  }): Promise<{ url: string; state: string }>
  /**
   * Validates the callback (state, error), exchanges the code and stores the tokens under the callback's
   * `realmId`. The ID token's claims (iss, aud, exp, iat) are checked; its signature is not, which OpenID
   * Connect Core §3.1.3.7 allows for a token received directly from the token endpoint over TLS.
   */
  exchangeCode(options: { callbackUrl: string | URL; expectedState: string }): Promise<{
    realmId: string
    record: TokenRecord
    idToken: string | undefined
  }>
  /** Stores tokens obtained elsewhere (e.g. a token response from a test harness) for `realmId`. */
  connectWithTokens(
    realmId: string,
    response: TokenEndpointResponse | Record<string, unknown>,
  ): Promise<TokenRecord>
  /** Refreshes now (single-flight, like automatic refreshes). */
  refresh(realmId: string): Promise<TokenRecord>
  /** Revokes the company's refresh token at Intuit (disconnecting the app) and removes the stored tokens. */
  revoke(realmId: string): Promise<void>
  /** OpenID UserInfo for the user who connected `realmId` (needs the `openid` scope plus claim scopes). */
  userInfo(realmId: string): Promise<QboUserInfo>
}

/**
 * A QBO client for one app registration.
 *
 * @example
 * async function customerName(qbo: QboClient, realmId: string, id: string) {
 *   const customer = await qbo.company(realmId).customers.read(id)
 *   return customer?.DisplayName
 * }
 */
export interface QboClient {
  readonly endpoints: QboEndpoints
  readonly oauth: QboOAuth
  readonly deepLinks: QboDeepLinks
  readonly tokenStore: TokenStore
  /** The API of one company (cheap; create per call if you like). */
  company(realmId: string): QboCompany
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Creates a client. All configuration is passed in; nothing is read from the environment.
 *
 * @example
 * const qbo = createQboClient({
 *   environment: 'emulator',
 *   emulatorBaseUrl: 'http://127.0.0.1:4010',
 *   clientId: 'ledgerlink-dev',
 *   clientSecret: 'ledgerlink-dev-secret',
 *   redirectUri: 'http://localhost:3000/api/quickbooks/callback',
 * })
 * const { url, state } = await qbo.oauth.authorizationUrl()
 */
export function createQboClient(options: QboClientOptions): QboClient {
  const endpoints = resolveEndpoints({
    environment: options.environment,
    emulatorBaseUrl: options.emulatorBaseUrl,
    overrides: options.baseUrls,
  })
  if (
    !endpoints.accountingBaseUrl.startsWith('https://') &&
    !isLoopbackHttpUrl(endpoints.accountingBaseUrl)
  ) {
    // Bearer tokens never travel over plain HTTP, except to an emulator on this machine.
    throw new TypeError('the accounting base URL must be https (plain http only for a loopback emulator)')
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  const now = options.clock ? () => options.clock!.now() : Date.now
  const sleep = options.sleep ?? defaultSleep
  const logger = options.logger ?? silentLogger
  const retry = resolveRetryOptions(options.retry)
  const tokenStore = options.tokenStore ?? createMemoryTokenStore()
  const generateRequestId = options.generateRequestId ?? randomUUID
  const scopes = options.scopes ?? ['com.intuit.quickbooks.accounting']

  const oauthEndpoints = createOAuthEndpoints({
    discoveryUrl: endpoints.discoveryUrl,
    expectedIssuer: endpoints.expectedIssuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    fetch: fetchImpl,
    timeoutMs: options.timeouts?.tokenMs ?? 15_000,
    now,
  })
  const tokens = createTokenManager({
    store: tokenStore,
    oauth: oauthEndpoints,
    now,
    sleep,
    skewMs: options.refreshSkewMs ?? 5 * 60_000,
    retry,
    logger,
  })
  const limiter: RateLimiter =
    options.rateLimits === false
      ? { acquire: async () => async () => {} }
      : createRateLimiter({
          store: options.rateLimitStore ?? createMemoryRateLimitStore(),
          keyPrefix: options.clientId,
          limits: options.rateLimits,
          now,
          sleep,
        })
  const transport: TransportContext = {
    accountingBaseUrl: endpoints.accountingBaseUrl.replace(/\/+$/, ''),
    fetch: fetchImpl,
    now,
    sleep,
    logger,
    retry,
    timeoutMs: options.timeouts?.requestMs ?? 30_000,
    minorVersion: String(options.minorVersion ?? 75),
    limiter,
    tokens,
  }
  const requestIdFor = (option: string | false | undefined) =>
    option === false ? undefined : (option ?? generateRequestId())

  const oauth: QboOAuth = {
    async authorizationUrl(opts = {}) {
      // A fresh 256-bit random state per authorization request; the caller binds it to the session.
      const state = opts.state ?? randomUUID() + randomUUID()
      return { url: await oauthEndpoints.authorizationUrl(opts.scopes ?? scopes, state), state }
    },
    async exchangeCode({ callbackUrl, expectedState }) {
      if (!expectedState)
        throw new QboAuthError('expectedState is required (it binds the callback to the session)')
      const url = typeof callbackUrl === 'string' ? new URL(callbackUrl) : callbackUrl
      const { realmId, response } = await oauthEndpoints.exchangeCode(url, expectedState)
      const record = await tokens.connect(realmId, response)
      logger.info({ realmId }, 'qbo company connected')
      return {
        realmId,
        record,
        idToken: typeof response.id_token === 'string' ? response.id_token : undefined,
      }
    },
    connectWithTokens: (realmId, response) => tokens.connect(realmId, response),
    refresh: (realmId) => tokens.forceRefresh(realmId),
    async revoke(realmId) {
      const record = await tokenStore.load(realmId)
      if (!record) throw new QboReconnectRequiredError(realmId, `no QBO tokens stored for realm ${realmId}`)
      await oauthEndpoints.revoke(record.tokens.refreshToken)
      await tokenStore.remove(realmId)
      logger.info({ realmId }, 'qbo company disconnected')
    },
    async userInfo(realmId) {
      const grant = await tokens.accessToken(realmId)
      try {
        return await oauthEndpoints.userInfo(grant.accessToken)
      } catch (err) {
        if (!(err instanceof QboAuthError) || err.httpStatus !== 401) throw err
        const renewed = await tokens.afterRejection(realmId, grant)
        return oauthEndpoints.userInfo(renewed.accessToken)
      }
    },
  }

  return {
    endpoints,
    oauth,
    deepLinks: createDeepLinks({ environment: options.environment, appBaseUrl: endpoints.appBaseUrl }),
    tokenStore,
    company(realmId) {
      if (typeof realmId !== 'string' || !/^\d{1,32}$/.test(realmId)) {
        throw new TypeError(`not a QBO realm id: ${JSON.stringify(realmId)}`)
      }
      return createCompany(realmId, (req) => sendQboRequest(transport, { ...req, realmId }), requestIdFor)
    },
  }
}
