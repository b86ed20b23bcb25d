import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { OAuthContext } from './context'
import { userinfoClaims } from './emulator-user'
import { type OAuthReply, oauthError } from './oauth-reply'

function handleUserinfoRequest(context: OAuthContext, request: FastifyRequest): OAuthReply {
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  const info = match?.[1] === undefined ? undefined : context.registry.verifyAccessToken(match[1])
  if (info === undefined) {
    return oauthError(401, 'invalid_token', 'Token invalid', {
      'www-authenticate': 'Bearer error="invalid_token"',
    })
  }
  if (!info.scopes.includes('openid')) {
    return oauthError(403, 'insufficient_scope', 'The openid scope is required', {
      'www-authenticate': 'Bearer error="insufficient_scope", scope="openid"',
    })
  }
  return { status: 200, body: userinfoClaims(info.scopes) }
}

/**
 * `GET /v1/openid_connect/userinfo`: the signed-in user's camelCase claims (API-NOTES.md §10), filtered by the
 * granted scopes. 401 for a bad or expired token, 403 without `openid`.
 *
 * @example
 * registerUserinfoRoutes(instance, context)
 */
export function registerUserinfoRoutes(app: FastifyInstance, context: OAuthContext): void {
  app.get('/v1/openid_connect/userinfo', async (request, reply) =>
    context.faults.answer('userinfo', request, reply, () => handleUserinfoRequest(context, request)),
  )
}
