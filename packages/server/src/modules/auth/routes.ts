import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from '../../config'
import type { Db } from '../../db'
import { requireSession, SESSION_COOKIE, sessionOf } from '../../http/session'
import { changePassword, sessionView, signIn } from './auth-service'
import { changePasswordBody, signInBody } from './schemas'
import { endSession } from './session-service'
import type { SignInLimiter } from './sign-in-limiter'

type Options = { db: Db; config: Config; limiter: SignInLimiter }

/** Sign-in, session, sign-out and password change. Mounted under /api/auth. */
export const authRoutes: FastifyPluginAsyncZod<Options> = async (app, { db, config, limiter }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
    maxAge: Math.round(config.sessionIdleMs / 1000),
  }
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
    })

  app.post(
    '/sign-in',
    {
      schema: { tags: ['auth'], body: signInBody, description: 'Requires application/json (no form posts).' },
    },
    async (request, reply) => {
      const { sessionId, view } = await signIn(
        { db, limiter, sessionIdleMs: config.sessionIdleMs },
        { email: request.body.email, password: request.body.password, ip: request.ip },
      )
      return reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions).send(view)
    },
  )

  await app.register(async (scope) => {
    const signedIn = scope.withTypeProvider<ZodTypeProvider>()
    signedIn.addHook('onRequest', requireSession(db, config))

    signedIn.get('/session', { schema: { tags: ['auth'] } }, async (request) =>
      sessionView(sessionOf(request)),
    )

    signedIn.post('/sign-out', { schema: { tags: ['auth'] } }, async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE]
      if (sessionId) await endSession(db, sessionId)
      return clearCookie(reply).code(204).send()
    })

    signedIn.post(
      '/password',
      { schema: { tags: ['auth'], body: changePasswordBody } },
      async (request, reply) => {
        await changePassword(db, sessionOf(request), request.body)
        return reply.code(204).send()
      },
    )
  })
}
