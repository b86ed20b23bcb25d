import * as oauth from 'oauth4webapi'
import { isLoopbackHttpUrl } from '../environment'
import { QboAuthError, QboNetworkError } from '../errors'
import { processed, rejectErrorResponse, send, tid } from './oauth-responses'
import type { QboTokens } from './token-store'

/**
 * Claims from Intuit's UserInfo endpoint. Intuit uses camelCase, non-standard names (API-NOTES §10).
 *
 * @example
 * const me: QboUserInfo = { sub: '7bb3…', email: 'owner@example.com', emailVerified: true, givenName: 'Ada' }
 */
export interface QboUserInfo {
  sub: string
  email?: string
  emailVerified?: boolean
  givenName?: string
  familyName?: string
  phoneNumber?: string
  phoneNumberVerified?: boolean
  address?: {
    streetAddress?: string
    locality?: string
    region?: string
    postalCode?: string
    country?: string
  }
  [claim: string]: unknown
}

/** Settings of the OAuth part of the client. */
export interface OAuthSettings {
  discoveryUrl: string
  expectedIssuer: string | undefined
  clientId: string
  clientSecret: string
  redirectUri: string
  fetch: typeof fetch
  timeoutMs: number
  /** The client's notion of now; ID-token time claims are checked against it. */
  now: () => number
}

/**
 * Raw token response, as Intuit sends it (`access_token`, `refresh_token`, `expires_in`,
 * `x_refresh_token_expires_in`, optional `id_token`).
 * @example
 * const response: TokenEndpointResponse = { token_type: 'bearer', access_token: 'a', refresh_token: 'r', expires_in: 3600 }
 */
export type TokenEndpointResponse = oauth.TokenEndpointResponse

function seconds(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/**
 * Converts an Intuit token response (numbers may arrive as strings) into {@link QboTokens}.
 *
 * @example
 * const t = tokensFromResponse({ token_type: 'bearer', access_token: 'a', refresh_token: 'r', expires_in: 3600, x_refresh_token_expires_in: 8726400 }, Date.now())
 */
export function tokensFromResponse(response: Record<string, unknown>, nowMs: number): QboTokens {
  const access = response.access_token
  const refresh = response.refresh_token
  if (typeof access !== 'string' || typeof refresh !== 'string') {
    throw new QboAuthError('token response lacks access_token or refresh_token')
  }
  const tokens: QboTokens = {
    accessToken: access,
    refreshToken: refresh,
    accessTokenExpiresAt: nowMs + (seconds(response.expires_in) ?? 3600) * 1000,
  }
  const rolling = seconds(response.x_refresh_token_expires_in)
  if (rolling !== undefined) tokens.refreshTokenExpiresAt = nowMs + rolling * 1000
  const hard = seconds(response.x_refresh_token_hard_expires_in)
  if (hard !== undefined) tokens.refreshTokenHardExpiresAt = nowMs + hard * 1000
  if (typeof response.id_token === 'string') tokens.idToken = response.id_token
  if (typeof response.scope === 'string') tokens.scope = response.scope
  return tokens
}

/** The OAuth operations, configured lazily from the discovery document. */
export interface OAuthEndpoints {
  authorizationUrl(scopes: readonly string[], state: string): Promise<string>
  exchangeCode(
    callbackUrl: URL,
    expectedState: string,
  ): Promise<{ realmId: string; response: TokenEndpointResponse }>
  refresh(realmId: string, refreshToken: string): Promise<TokenEndpointResponse>
  revoke(token: string): Promise<void>
  userInfo(accessToken: string): Promise<QboUserInfo>
}

/** Creates the OAuth operations for one app registration. */
export function createOAuthEndpoints(settings: OAuthSettings): OAuthEndpoints {
  const insecure = isLoopbackHttpUrl(settings.discoveryUrl)
  if (!insecure && !settings.discoveryUrl.startsWith('https://')) {
    throw new TypeError('discovery URL must be https (plain http is allowed only for a loopback emulator)')
  }
  // oauth4webapi checks ID-token iat/exp against Date.now(); tell it how far the injected clock is from that.
  const client = (): oauth.Client => ({
    client_id: settings.clientId,
    [oauth.clockSkew]: Math.round((settings.now() - Date.now()) / 1000),
  })
  const clientAuth = oauth.ClientSecretBasic(settings.clientSecret)
  let server: Promise<oauth.AuthorizationServer> | undefined

  const requestOptions = () => ({
    [oauth.customFetch]: settings.fetch,
    [oauth.allowInsecureRequests]: insecure,
    signal: AbortSignal.timeout(settings.timeoutMs),
  })

  const authorizationServer = (): Promise<oauth.AuthorizationServer> => {
    server ??= discover().catch((err) => {
      server = undefined
      throw err
    })
    return server
  }

  const discover = async (): Promise<oauth.AuthorizationServer> => {
    const response = await send(() =>
      settings.fetch(settings.discoveryUrl, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs),
      }),
    )
    if (!response.ok)
      throw new QboNetworkError(`discovery failed with HTTP ${response.status}`, {
        httpStatus: response.status,
      })
    const doc = (await response.json()) as Record<string, unknown>
    // Intuit's issuer (oauth.platform.intuit.com) differs from the discovery host (developer.api.intuit.com), so
    // oauth4webapi's processDiscoveryResponse (which compares the two) cannot be used; check it here instead.
    if (
      typeof doc.issuer !== 'string' ||
      typeof doc.token_endpoint !== 'string' ||
      typeof doc.authorization_endpoint !== 'string'
    ) {
      throw new QboAuthError('discovery document lacks issuer, authorization_endpoint or token_endpoint')
    }
    if (settings.expectedIssuer !== undefined && doc.issuer !== settings.expectedIssuer) {
      throw new QboAuthError(`discovery issuer ${doc.issuer} is not ${settings.expectedIssuer}`)
    }
    for (const key of ['token_endpoint', 'revocation_endpoint', 'userinfo_endpoint'] as const) {
      const url = doc[key]
      if (typeof url === 'string' && !url.startsWith('https://') && !(insecure && isLoopbackHttpUrl(url))) {
        throw new QboAuthError(`discovery ${key} must be https`)
      }
    }
    return doc as unknown as oauth.AuthorizationServer
  }

  return {
    async authorizationUrl(scopes, state) {
      const as = await authorizationServer()
      const url = new URL(as.authorization_endpoint as string)
      url.searchParams.set('client_id', settings.clientId)
      url.searchParams.set('response_type', 'code')
      url.searchParams.set('scope', scopes.join(' '))
      url.searchParams.set('redirect_uri', settings.redirectUri)
      url.searchParams.set('state', state)
      return url.href
    },

    async exchangeCode(callbackUrl, expectedState) {
      const as = await authorizationServer()
      let params: URLSearchParams
      try {
        params = oauth.validateAuthResponse(as, client(), callbackUrl, expectedState)
      } catch (err) {
        const code = err instanceof oauth.AuthorizationResponseError ? err.error : undefined
        throw new QboAuthError(`authorization callback rejected: ${code ?? (err as Error).message}`, {
          cause: err,
          oauthError: code,
        })
      }
      // QBO: the callback names the company as realmId; it must be stored with the tokens (API-NOTES §10).
      const realmId = callbackUrl.searchParams.get('realmId')
      if (!realmId) throw new QboAuthError('authorization callback has no realmId')
      const response = await send(() =>
        oauth.authorizationCodeGrantRequest(
          as,
          client(),
          clientAuth,
          params,
          settings.redirectUri,
          oauth.nopkce,
          requestOptions(),
        ),
      )
      await rejectErrorResponse(response, realmId)
      const body = await processed(() => oauth.processAuthorizationCodeResponse(as, client(), response))
      // The realmId query parameter is not signed; when an ID token came back, its realmid claim must agree.
      const idRealm = oauth.getValidatedIdTokenClaims(body)?.realmid
      if (idRealm !== undefined && idRealm !== realmId) {
        throw new QboAuthError(`callback realmId ${realmId} does not match the ID token's realmid`)
      }
      return { realmId, response: body }
    },

    async refresh(realmId, refreshToken) {
      const as = await authorizationServer()
      const response = await send(() =>
        oauth.refreshTokenGrantRequest(as, client(), clientAuth, refreshToken, requestOptions()),
      )
      await rejectErrorResponse(response, realmId)
      return processed(() => oauth.processRefreshTokenResponse(as, client(), response))
    },

    async revoke(token) {
      const as = await authorizationServer()
      if (typeof as.revocation_endpoint !== 'string')
        throw new QboAuthError('discovery names no revocation_endpoint')
      const endpoint = as.revocation_endpoint
      // QBO: revoke takes a JSON body {"token"} with HTTP Basic auth, not the RFC 7009 form body (API-NOTES §10).
      const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64')
      const response = await send(() =>
        settings.fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ token }),
          signal: AbortSignal.timeout(settings.timeoutMs),
        }),
      )
      await rejectErrorResponse(response, undefined)
      await response.body?.cancel()
    },

    async userInfo(accessToken) {
      const as = await authorizationServer()
      const response = await send(() => oauth.userInfoRequest(as, client(), accessToken, requestOptions()))
      if (response.status === 401) {
        await response.body?.cancel()
        throw new QboAuthError('userinfo rejected the access token', {
          httpStatus: 401,
          intuitTid: tid(response),
        })
      }
      await rejectErrorResponse(response, undefined)
      const claims = await processed(() =>
        oauth.processUserInfoResponse(as, client(), oauth.skipSubjectCheck, response),
      )
      return claims as unknown as QboUserInfo
    },
  }
}
