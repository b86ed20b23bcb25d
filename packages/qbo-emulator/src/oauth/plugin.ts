import formbody from '@fastify/formbody'
import type { FastifyError, FastifyInstance } from 'fastify'
import { registerAuthorizeRoutes } from './authorize-routes'
import type { OAuthContext } from './context'
import { registerDiscoveryRoutes } from './discovery-routes'
import { sendErrorPage } from './html'
import { oauthError, sendOAuthReply } from './oauth-reply'
import { registerRevokeRoutes } from './revoke-routes'
import { registerTokenRoutes } from './token-routes'
import { newIntuitTid } from './token-strings'
import { registerUserinfoRoutes } from './userinfo-routes'

const FORM = 'application/x-www-form-urlencoded'

/**
 * Registers every OAuth route in one encapsulated plugin: its own form parser (unless the app already has
 * one), an `intuit_tid` header on every response (API-NOTES.md §1), and an error handler that turns body
 * parsing failures into `invalid_request` instead of Fastify's default shape.
 *
 * @example
 * await registerOAuthRoutes(app, context)
 */
export async function registerOAuthRoutes(app: FastifyInstance, context: OAuthContext): Promise<void> {
  await app.register(async (instance) => {
    if (!instance.hasContentTypeParser(FORM)) await instance.register(formbody)

    instance.addHook('onRequest', async (_request, reply) => {
      reply.header('intuit_tid', newIntuitTid(context.clock.now()))
    })
    // Requests held by a `timeout` fault would otherwise keep `app.close()` waiting for 130 s.
    instance.addHook('preClose', async () => {
      context.faults.releaseAll()
    })

    instance.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500
      if (status >= 500) {
        request.log.error({ err: error }, 'OAuth route failed')
        return sendOAuthReply(reply, oauthError(500, 'server_error', 'Internal error'))
      }
      const message = status === 415 ? 'Unsupported Content-Type' : 'Malformed request'
      if (request.url.startsWith('/connect/')) return sendErrorPage(reply, 400, message)
      return sendOAuthReply(reply, oauthError(status === 413 ? 413 : 400, 'invalid_request', message))
    })

    registerDiscoveryRoutes(instance, context)
    registerAuthorizeRoutes(instance, context)
    registerTokenRoutes(instance, context)
    registerRevokeRoutes(instance, context)
    registerUserinfoRoutes(instance, context)
  })
}
