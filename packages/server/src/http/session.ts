import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Config } from '../config'
import type { ServiceContext } from '../context'
import type { Db } from '../db'
import { authError } from '../modules/auth/errors'
import { resolveSession, type Session } from '../modules/auth/session-service'

export const SESSION_COOKIE = 'll_session'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const sameToken = (expected: string, given: string | string[] | undefined): boolean => {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Resolves the session cookie for a group of routes; 401 without a live session. State-changing requests must
 * also carry the session's CSRF token in `x-csrf-token` (a cross-site form cannot set headers).
 */
export const requireSession =
  (db: Db, config: Pick<Config, 'sessionIdleMs'>): onRequestAsyncHookHandler =>
  async (request) => {
    const sessionId = request.cookies[SESSION_COOKIE]
    const session = sessionId ? await resolveSession(db, sessionId, config.sessionIdleMs) : undefined
    if (!session)
      throw authError('UNAUTHENTICATED', 'You are not signed in, or your session has ended. Sign in.')
    request.session = session
    if (
      STATE_CHANGING.has(request.method) &&
      !sameToken(session.csrfToken, request.headers['x-csrf-token'])
    ) {
      throw authError(
        'CSRF_TOKEN_INVALID',
        'The request is missing its security token. Reload the page and retry.',
      )
    }
  }

/** The signed-in user's session; only for routes behind requireSession. */
export const sessionOf = (request: FastifyRequest): Session => {
  if (!request.session) throw authError('UNAUTHENTICATED', 'You are not signed in. Sign in.')
  return request.session
}

export const serviceContext = (request: FastifyRequest): ServiceContext => {
  const session = sessionOf(request)
  return { workspaceId: session.workspaceId, userId: session.userId }
}

export const requireAdmin = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
  if (sessionOf(request).user.role !== 'admin') {
    throw authError('FORBIDDEN', 'Only workspace administrators can do this.')
  }
}
