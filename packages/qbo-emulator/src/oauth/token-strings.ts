import { createHash, randomBytes, randomInt } from 'node:crypto'

/**
 * Opaque strings the OAuth server hands out. Clients must treat them as opaque; the prefixes only
 * make them easy to tell apart in a log (secrets never reach logs, but their shapes help debugging).
 */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomAlphanumeric(length: number): string {
  // 62 symbols do not divide 256, so bytes are drawn with rejection to keep the alphabet uniform.
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62]
    }
  }
  return out
}

/**
 * A refresh token shaped like Intuit's (50 alphanumerics starting with `L`; fixture oauth-refresh-response.json).
 *
 * @example
 * newRefreshToken().length // 50
 */
export function newRefreshToken(): string {
  return `L0${randomInt(100_000_000_000, 999_999_999_999)}${randomAlphanumeric(36)}`
}

/**
 * An opaque access token (256 random bits, base64url).
 *
 * @example
 * newAccessToken().startsWith('eyJ') // true
 */
export function newAccessToken(): string {
  // Intuit's access tokens are JWE strings beginning with "eyJ"; keeping the prefix catches clients that log them.
  return `eyJ${randomBytes(48).toString('base64url')}`
}

/**
 * An authorization code (Intuit's begin with `AB`).
 *
 * @example
 * newAuthorizationCode().startsWith('AB') // true
 */
export function newAuthorizationCode(): string {
  return `AB11${randomAlphanumeric(46)}`
}

/**
 * A random id for grants and anti-forgery tokens.
 *
 * @example
 * newOpaqueId().length // 32
 */
export function newOpaqueId(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * A value for the `intuit_tid` response header (API-NOTES.md §1): `1-<epoch seconds hex>-<24 hex>`.
 *
 * @example
 * newIntuitTid(Date.now()) // '1-6745f0a1-9c0d…'
 */
export function newIntuitTid(nowMs: number): string {
  return `1-${Math.floor(nowMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`
}

/**
 * A stable UUID-shaped id derived from `seed` (used for the emulated user's `sub`).
 *
 * @example
 * stableUuid('user') === stableUuid('user') // true
 */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
