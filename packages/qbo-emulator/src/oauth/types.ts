import type { FastifyInstance } from 'fastify'
import type { Clock } from '../clock'

/**
 * An app registered with the emulated Intuit OAuth server (the "Keys" tab of an Intuit app).
 *
 * @example
 * const client: OAuthClientConfig = {
 *   clientId: 'ledgerlink-dev',
 *   clientSecret: 'ledgerlink-dev-secret',
 *   redirectUris: ['http://localhost:3000/api/quickbooks/callback'],
 * }
 */
export interface OAuthClientConfig {
  clientId: string
  clientSecret: string
  /** Matched exactly (scheme, host, port, path and query) at authorize and at code exchange. */
  redirectUris: string[]
  /** Shown on the consent page; defaults to the client id in title case (`ledgerlink-dev` → "Ledgerlink Dev"). */
  appName?: string
}

/**
 * The token endpoint's success body (API-NOTES.md §10), also returned by `issueTokens`.
 *
 * @example
 * const tokens: TokenResponse = {
 *   token_type: 'bearer',
 *   access_token: 'opaque',
 *   expires_in: 3600,
 *   refresh_token: 'opaque',
 *   x_refresh_token_expires_in: 8726400,
 * }
 */
export interface TokenResponse {
  token_type: 'bearer'
  access_token: string
  expires_in: 3600
  refresh_token: string
  /** Seconds the returned refresh token stays usable (rolling; 8726400 when fresh). */
  x_refresh_token_expires_in: number
  /** Seconds until the grant's absolute 5-year cap; only when the request sent `x-include-refresh-token-hard-expires-in: true`. */
  x_refresh_token_hard_expires_in?: number
  /** RS256 JWT; only when the `openid` scope was granted. */
  id_token?: string
}

/**
 * What a valid access token stands for.
 *
 * @example
 * const info: AccessTokenInfo = { realmId: '9130357766900456', clientId: 'ledgerlink-dev', scopes: ['com.intuit.quickbooks.accounting'], sub: 'u-1' }
 */
export interface AccessTokenInfo {
  realmId: string
  clientId: string
  scopes: string[]
  /** The Intuit user who approved the connection (the `sub` of id_token and userinfo). */
  sub: string
}

/**
 * A fault the emulator may inject into an OAuth endpoint:
 * `5xx` answers 503 like a gateway, `429` answers 429, `reset` destroys the socket without answering,
 * `timeout` holds the request open (until the server closes or 130 s pass), and `lost-response`
 * performs the request (for example rotates the refresh token) and then destroys the socket.
 *
 * @example
 * const fault: OAuthFaultKind = 'lost-response'
 */
export type OAuthFaultKind = '5xx' | '429' | 'reset' | 'timeout' | 'lost-response'

/**
 * What the fault hook may return: a kind, or the emulator's `InjectedFault` object (`status` picks 500 or 503
 * for `5xx`; 503 when absent).
 *
 * @example
 * const fault: OAuthInjectedFault = { kind: '5xx', status: 500 }
 */
export type OAuthInjectedFault = OAuthFaultKind | { kind: OAuthFaultKind; status?: 500 | 503 }

/**
 * The OAuth endpoints that take part in fault injection.
 *
 * @example
 * const endpoint: OAuthFaultEndpoint = 'token'
 */
export type OAuthFaultEndpoint = 'token' | 'revoke' | 'userinfo'

/**
 * Inputs of {@link createOAuthServer}.
 *
 * @example
 * const options: OAuthServerOptions = {
 *   clock: createClock(),
 *   clients: [{ clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret', redirectUris: ['http://localhost:3000/api/quickbooks/callback'] }],
 *   companies: () => [{ realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping' }],
 *   baseUrl: () => 'http://127.0.0.1:4010',
 * }
 */
export interface OAuthServerOptions {
  clock: Clock
  clients: OAuthClientConfig[]
  /** The companies a user may connect, listed on the consent page. */
  companies: () => Array<{ realmId: string; name: string }>
  /** The emulator's own origin, known only after `listen()`; discovery and `iss` are built from it. */
  baseUrl: () => string
  /** Asked once per request to the token, revoke and userinfo endpoints. */
  shouldInjectFault?: (endpoint: OAuthFaultEndpoint) => OAuthInjectedFault | undefined
}

/**
 * The emulated Intuit OAuth 2.0 / OpenID Connect server.
 *
 * @example
 * const oauth = createOAuthServer(options)
 * await oauth.register(app)
 * const tokens = oauth.issueTokens('9130357766900456', 'ledgerlink-dev')
 * oauth.verifyAccessToken(tokens.access_token)?.realmId // '9130357766900456'
 */
export interface OAuthServer {
  /** Adds discovery, authorize (consent page + approve/deny), token, revoke, userinfo and JWKS routes. */
  register(app: FastifyInstance): Promise<void>
  /** O(1): a map lookup and a clock read. `undefined` when unknown, expired or revoked. */
  verifyAccessToken(token: string): AccessTokenInfo | undefined
  /**
   * Mints a grant exactly like a code exchange would (for the test control surface). Grants the accounting
   * scope plus `openid profile email phone address` unless `options.scopes` says otherwise. Not counted in
   * `tokenRequestCount()`. Throws {@link OAuthIssueError} for an unknown client or company.
   */
  issueTokens(realmId: string, clientId: string, options?: { scopes?: string[] }): TokenResponse
  /** Requests that reached the token endpoint, whatever their outcome (faulted ones included). */
  tokenRequestCount(): number
  /** JSON-safe copy of grants, tokens, codes and the signing key. */
  snapshot(): unknown
  /** Replaces the whole registry with a `snapshot()`; throws on a malformed snapshot. */
  restore(state: unknown): void
}
