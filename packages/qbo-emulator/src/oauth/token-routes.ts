import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authenticateClient } from './client-auth'
import { issuerOf, type OAuthContext } from './context'
import { INVALID_GRANT_DESCRIPTION, type OAuthReply, oauthError } from './oauth-reply'
import { readParams } from './params'
import { buildTokenResponse } from './token-response'

const TOKEN_PARAMS = [
  'grant_type',
  'code',
  'redirect_uri',
  'refresh_token',
  'client_id',
  'client_secret',
] as const

const invalidGrant = (): OAuthReply => oauthError(400, 'invalid_grant', INVALID_GRANT_DESCRIPTION)

function wantsHardExpiry(request: FastifyRequest): boolean {
  // Opt-in header of Intuit's 2026 SDKs (API-NOTES.md §10).
  return String(request.headers['x-include-refresh-token-hard-expires-in']).toLowerCase() === 'true'
}

function handleTokenRequest(context: OAuthContext, request: FastifyRequest): OAuthReply {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
  }
  const params = readParams(request.body, TOKEN_PARAMS)
  if (!params.ok) return oauthError(400, 'invalid_request', params.problem)
  const values = params.values
  const auth = authenticateClient(context.clients, request.headers.authorization, values)
  if (!auth.ok) return auth.reply
  const clientId = auth.client.clientId

  let minted: ReturnType<typeof context.registry.refresh>
  switch (values.grant_type) {
    case undefined:
      return oauthError(400, 'invalid_request', 'Missing parameter: grant_type')
    case 'authorization_code':
      if (values.code === undefined) return oauthError(400, 'invalid_request', 'Missing parameter: code')
      if (values.redirect_uri === undefined) {
        return oauthError(400, 'invalid_request', 'Missing parameter: redirect_uri')
      }
      minted = context.registry.exchangeCode(values.code, clientId, values.redirect_uri)
      break
    case 'refresh_token':
      if (values.refresh_token === undefined) {
        return oauthError(400, 'invalid_request', 'Missing parameter: refresh_token')
      }
      minted = context.registry.refresh(values.refresh_token, clientId)
      break
    default:
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type')
  }
  if (minted === undefined) return invalidGrant()
  const body = buildTokenResponse(minted, {
    keys: context.keys,
    issuer: issuerOf(context.baseUrl()),
    includeHardExpiry: wantsHardExpiry(request),
  })
  return { status: 200, body }
}

/**
 * `POST /oauth2/v1/tokens/bearer`: code exchange and refresh (API-NOTES.md §10, "Token endpoint").
 * Every request counts towards `tokenRequestCount()`, faulted or not.
 *
 * @example
 * registerTokenRoutes(instance, context)
 */
export function registerTokenRoutes(app: FastifyInstance, context: OAuthContext): void {
  app.post('/oauth2/v1/tokens/bearer', async (request, reply) => {
    context.countTokenRequest()
    return context.faults.answer('token', request, reply, () => handleTokenRequest(context, request))
  })
}
