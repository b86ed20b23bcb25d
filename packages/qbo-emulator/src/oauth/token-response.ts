import { ACCESS_TOKEN_LIFETIME_S } from './lifetimes'
import type { SigningKeys } from './signing-key'
import type { MintedTokens } from './token-registry'
import type { TokenResponse } from './types'

/**
 * The token endpoint's JSON body for freshly minted tokens (API-NOTES.md §10, "Token endpoint").
 * `id_token` only when `openid` was granted; `x_refresh_token_hard_expires_in` only on request.
 *
 * @example
 * const body = buildTokenResponse(minted, { keys, issuer: 'http://127.0.0.1:4010/op/v1', includeHardExpiry: false })
 */
export function buildTokenResponse(
  minted: MintedTokens,
  options: { keys: SigningKeys; issuer: string; includeHardExpiry: boolean },
): TokenResponse {
  const body: TokenResponse = {
    token_type: 'bearer',
    access_token: minted.accessToken,
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    refresh_token: minted.refreshToken,
    x_refresh_token_expires_in: minted.refreshExpiresInS,
  }
  if (options.includeHardExpiry) body.x_refresh_token_hard_expires_in = minted.hardExpiresInS
  if (minted.grant.scopes.includes('openid')) {
    const iat = Math.floor(minted.issuedAtMs / 1000)
    // Claim order follows a real Intuit id_token (fixture oauth-refresh-response.json).
    body.id_token = options.keys.signJwt({
      sub: minted.grant.sub,
      aud: [minted.grant.clientId],
      realmid: minted.grant.realmId,
      auth_time: Math.floor(minted.grant.consentedAtMs / 1000),
      iss: options.issuer,
      exp: iat + ACCESS_TOKEN_LIFETIME_S,
      iat,
    })
  }
  return body
}
