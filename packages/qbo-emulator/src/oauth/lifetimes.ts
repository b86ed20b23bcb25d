/**
 * Token lifetimes of the emulated Intuit OAuth server (API-NOTES.md §10, "Lifetimes and rotation").
 * Every duration is in milliseconds unless its name says seconds.
 */

/**
 * Access tokens live one hour; token responses say `expires_in: 3600` [Intuit FAQ].
 *
 * @example
 * const expiresAtMs = nowMs + ACCESS_TOKEN_LIFETIME_S * 1000
 */
export const ACCESS_TOKEN_LIFETIME_S = 3600

/**
 * Refresh tokens roll: each use restarts the clock. Intuit's FAQ says "100 days", yet fresh token
 * responses report `x_refresh_token_expires_in: 8726400` (101 days; fixture oauth-token-response.json),
 * so the emulator uses the reported figure.
 *
 * @example
 * const refreshExpiresAtMs = nowMs + REFRESH_TOKEN_LIFETIME_S * 1000
 */
export const REFRESH_TOKEN_LIFETIME_S = 8_726_400

/**
 * A superseded refresh token keeps working this long after its successor was issued [Intuit, 2025 policy blog].
 *
 * @example
 * const isInGrace = nowMs < supersededAtMs + REFRESH_GRACE_MS
 */
export const REFRESH_GRACE_MS = 24 * 60 * 60 * 1000

/**
 * The absolute cap on a grant's refresh tokens, counted from the user's consent [Intuit, 2025 policy blog].
 *
 * @example
 * date.setUTCFullYear(date.getUTCFullYear() + HARD_CAP_YEARS)
 */
export const HARD_CAP_YEARS = 5

/**
 * Authorization codes: lifetime unverified (API-NOTES.md §10 is silent); ten minutes, as RFC 6749 §4.1.2 suggests.
 *
 * @example
 * const codeExpiresAtMs = nowMs + AUTHORIZATION_CODE_LIFETIME_MS
 */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000

/**
 * How long a rendered consent page stays submittable.
 *
 * @example
 * const formExpiresAtMs = nowMs + CONSENT_FORM_LIFETIME_MS
 */
export const CONSENT_FORM_LIFETIME_MS = 30 * 60 * 1000

/**
 * A `timeout` fault holds the request this long at most (longer than common 120 s client timeouts).
 *
 * @example
 * setTimeout(() => socket.destroy(), HELD_REQUEST_MAX_MS).unref()
 */
export const HELD_REQUEST_MAX_MS = 130_000

/**
 * When the absolute cap of a grant consented at `consentedAtMs` falls: the same calendar instant five years on.
 *
 * @example
 * hardExpiryOf(Date.parse('2026-01-01T00:00:00Z')) === Date.parse('2031-01-01T00:00:00Z') // true
 */
export function hardExpiryOf(consentedAtMs: number): number {
  const date = new Date(consentedAtMs)
  date.setUTCFullYear(date.getUTCFullYear() + HARD_CAP_YEARS)
  return date.getTime()
}
