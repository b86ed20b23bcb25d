import { createHash, timingSafeEqual } from 'node:crypto'
import { invalidClient, type OAuthReply, oauthError } from './oauth-reply'
import type { OAuthClientConfig } from './types'

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

function readBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^basic\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

function check(
  clients: ReadonlyMap<string, OAuthClientConfig>,
  id: string,
  secret: string,
): OAuthClientConfig | undefined {
  const client = clients.get(id)
  return client !== undefined && sameSecret(secret, client.clientSecret) ? client : undefined
}

/**
 * Authenticates the calling app by `client_secret_basic` or `client_secret_post` (both advertised by Intuit's
 * discovery document, API-NOTES.md §10). Basic credentials are accepted as sent (Intuit's SDKs) and, failing
 * that, form-decoded (RFC 6749 §2.3.1, as oauth4webapi sends them). Using both methods at once is
 * `invalid_request`; anything else that fails is 401 `invalid_client`.
 *
 * @example
 * const result = authenticateClient(clients, request.headers.authorization, { client_id: undefined, client_secret: undefined })
 * if (!result.ok) return result.reply
 */
export function authenticateClient(
  clients: ReadonlyMap<string, OAuthClientConfig>,
  authorization: string | undefined,
  body: { client_id: string | undefined; client_secret: string | undefined },
): { ok: true; client: OAuthClientConfig } | { ok: false; reply: OAuthReply } {
  const isBasic = authorization !== undefined && /^basic\s/i.test(authorization)
  if (isBasic) {
    if (body.client_secret !== undefined) {
      return { ok: false, reply: oauthError(400, 'invalid_request', 'Use one client authentication method') }
    }
    const basic = readBasic(authorization)
    if (basic === undefined) return { ok: false, reply: invalidClient() }
    let client = check(clients, basic.id, basic.secret)
    if (client === undefined) {
      const id = formDecode(basic.id)
      const secret = formDecode(basic.secret)
      if (id !== undefined && secret !== undefined) client = check(clients, id, secret)
    }
    if (client === undefined || (body.client_id !== undefined && body.client_id !== client.clientId)) {
      return { ok: false, reply: invalidClient() }
    }
    return { ok: true, client }
  }
  if (body.client_id === undefined || body.client_secret === undefined)
    return { ok: false, reply: invalidClient() }
  const client = check(clients, body.client_id, body.client_secret)
  return client === undefined ? { ok: false, reply: invalidClient() } : { ok: true, client }
}
