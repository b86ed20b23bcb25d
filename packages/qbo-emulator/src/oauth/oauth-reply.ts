import type { FastifyReply } from 'fastify'

/**
 * An answer computed by an endpoint before it is sent, so that fault injection can decide to send it,
 * drop it (`lost-response`) or never compute it (`reset`, `timeout`, `5xx`, `429`).
 *
 * @example
 * const answer: OAuthReply = { status: 200, body: {} }
 */
export interface OAuthReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/**
 * Error codes of RFC 6749 §5.2 and RFC 6750 §3.1 that Intuit uses (API-NOTES.md §10).
 *
 * @example
 * const code: OAuthErrorCode = 'invalid_grant'
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'server_error'

/**
 * Intuit's description for every `invalid_grant` (fixture oauth-error-invalid-grant.json).
 *
 * @example
 * oauthError(400, 'invalid_grant', INVALID_GRANT_DESCRIPTION)
 */
export const INVALID_GRANT_DESCRIPTION = 'Token invalid'

/**
 * An OAuth error reply. The body's key order (`error_description` first) matches Intuit's
 * (fixture oauth-error-invalid-grant.json).
 *
 * @example
 * oauthError(400, 'invalid_grant', 'Token invalid').body // { error_description: 'Token invalid', error: 'invalid_grant' }
 */
export function oauthError(
  status: number,
  error: OAuthErrorCode,
  description: string,
  headers?: Record<string, string>,
): OAuthReply {
  return { status, body: { error_description: description, error }, ...(headers ? { headers } : {}) }
}

/**
 * `invalid_client`: 401 with the bare `{"error":"invalid_client"}` body Intuit sends, plus the
 * `WWW-Authenticate` challenge RFC 6749 §5.2 asks for.
 *
 * @example
 * invalidClient().status // 401
 */
export function invalidClient(): OAuthReply {
  return {
    status: 401,
    body: { error: 'invalid_client' },
    headers: { 'www-authenticate': 'Basic realm="Intuit"' },
  }
}

/**
 * Sends a JSON reply; token material must never be cached (RFC 6749 §5.1).
 *
 * @example
 * sendOAuthReply(reply, oauthError(400, 'invalid_request', 'Missing parameter: code'))
 */
export function sendOAuthReply(reply: FastifyReply, answer: OAuthReply): FastifyReply {
  reply.code(answer.status).header('cache-control', 'no-store').header('pragma', 'no-cache')
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value)
  return reply.type('application/json').send(JSON.stringify(answer.body))
}
