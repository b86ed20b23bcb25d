import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authenticateClient } from './client-auth'
import type { OAuthContext } from './context'
import { type OAuthReply, oauthError } from './oauth-reply'
import { readParams } from './params'

function handleRevokeRequest(context: OAuthContext, request: FastifyRequest): OAuthReply {
  const params = readParams(request.body, ['token', 'client_id', 'client_secret'])
  if (!params.ok) return oauthError(400, 'invalid_request', params.problem)
  const auth = authenticateClient(context.clients, request.headers.authorization, params.values)
  if (!auth.ok) return auth.reply
  if (params.values.token === undefined) return oauthError(400, 'invalid_request', 'Missing parameter: token')
  // RFC 7009 §2.2: unknown tokens (and other clients' tokens) are answered 200 too, revealing nothing.
  context.registry.revoke(params.values.token, auth.client.clientId)
  return { status: 200, body: {} }
}

/**
 * `POST /oauth2/v1/tokens/revoke` (and Intuit's own path `/v2/oauth2/tokens/revoke`): Basic auth plus a JSON
 * body `{"token"}` (a form body works too, per RFC 7009). Revoking an access or a refresh token ends the
 * whole grant — every access and refresh token of that connection (API-NOTES.md §10, partly verified).
 * Intuit's response body is unverified; the emulator answers 200 with `{}` so JSON parsers never fail.
 *
 * @example
 * registerRevokeRoutes(instance, context)
 */
export function registerRevokeRoutes(app: FastifyInstance, context: OAuthContext): void {
  for (const path of ['/oauth2/v1/tokens/revoke', '/v2/oauth2/tokens/revoke']) {
    app.post(path, async (request, reply) =>
      context.faults.answer('revoke', request, reply, () => handleRevokeRequest(context, request)),
    )
  }
}
