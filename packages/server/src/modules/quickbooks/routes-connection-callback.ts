import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../config'
import type { Db } from '../../db'
import { SESSION_COOKIE } from '../../http/session'
import { resolveSession } from '../auth/session-service'
import type { CallbackOutcome } from './connection-service'
import type { Quickbooks } from './gateway'

const SETTINGS_PAGE = '/settings/integrations'

// Lenient on purpose: whatever arrives, the browser is sent back to the settings page with a reason.
const param = z.string().max(2000).optional().catch(undefined)
const callbackQuery = z.object({ code: param, state: param, realmId: param, error: param })

const locationOf = (result: CallbackOutcome) =>
  result.outcome === 'error'
    ? `${SETTINGS_PAGE}?quickbooks=error&reason=${result.reason}`
    : `${SETTINGS_PAGE}?quickbooks=${result.outcome}`

/**
 * `GET /api/quickbooks/callback`: where Intuit sends the administrator back. A top-level navigation, so it
 * carries the session cookie but no CSRF header; the single-use `state` bound to this session, workspace and
 * user is the CSRF defence (oauth-states.ts). It always answers with a redirect to the settings page, never
 * JSON, and with `Referrer-Policy: no-referrer` so the code in the URL does not leak to the next page's requests.
 */
export const quickbooksCallbackRoutes: FastifyPluginAsyncZod<{
  db: Db
  config: Pick<Config, 'sessionIdleMs'>
  quickbooks: Quickbooks
}> = async (app, { db, config, quickbooks }) => {
  app.get(
    '/quickbooks/callback',
    // The URL carries the authorization code and the state: keep it out of the request log (info level).
    { schema: { tags: ['quickbooks'], querystring: callbackQuery }, logLevel: 'warn' },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store')
      const sessionId = request.cookies[SESSION_COOKIE]
      const session = sessionId ? await resolveSession(db, sessionId, config.sessionIdleMs) : undefined
      const result: CallbackOutcome =
        session && session.user.role === 'admin'
          ? await quickbooks.connection.complete(
              { workspaceId: session.workspaceId, userId: session.userId, sessionHash: session.idHash },
              request.query,
              (redirectUri) => {
                const url = new URL(redirectUri)
                for (const [key, value] of Object.entries(request.query)) {
                  if (typeof value === 'string') url.searchParams.set(key, value)
                }
                return url
              },
            )
          : { outcome: 'error', reason: 'invalid_state' }
      return reply.redirect(locationOf(result), 302)
    },
  )
}
