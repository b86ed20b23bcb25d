import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { invalidProperty, QboFault, systemFault, unsupportedOperation } from './faults'
import { accountingRoutes } from './routes/accounting'
import type { EmulatorContext } from './routes/context'
import { guardAccountingRequest } from './routes/guard'
import { faultResponse, send } from './routes/respond'

/** Extra route groups wired by `createEmulator` (OAuth, query, batch, CDC, control, pages). */
export interface AppPlugins {
  /** Routes under `/v3/company/:realmId` besides the entity routes. */
  accounting: Array<(app: FastifyInstance, opts: { ctx: EmulatorContext }) => Promise<void>>
  /** Routes at the root (OAuth, deep-link pages, control surface). */
  root: Array<(app: FastifyInstance) => Promise<void> | void>
}

const ACCOUNTING_PREFIX = '/v3/company/:realmId'

let tidCounter = 0
const tidPrefix = `1-${Date.now().toString(16)}`

/** A per-request transaction id, sent as `intuit_tid` on every response (API-NOTES.md §1). */
const nextTid = () => `${tidPrefix}-${(++tidCounter).toString(16).padStart(8, '0')}`

const isAccountingPath = (url: string) => url.startsWith('/v3/')

/**
 * Builds the Fastify app: parsers, the `intuit_tid` header, the error and not-found handlers, the guarded
 * Accounting API and the extra route groups, each registered explicitly.
 *
 * @example
 * const app = await buildApp(ctx, { accounting: [queryRoutes], root: [] }, false)
 */
export async function buildApp(
  ctx: EmulatorContext,
  plugins: AppPlugins,
  logger: boolean,
): Promise<FastifyInstance> {
  const app = Fastify({ logger, forceCloseConnections: true, bodyLimit: 2 * 1024 * 1024 })

  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string
    if (text.trim() === '') return done(null, undefined)
    try {
      done(
        null,
        JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value)),
      )
    } catch (err) {
      const error = new Error(`Invalid JSON: ${(err as Error).message}`) as FastifyError
      error.statusCode = 400
      error.code = 'INVALID_JSON'
      done(error, undefined)
    }
  })
  // QBO takes POSTed queries as `application/text` (API-NOTES.md §1).
  app.addContentTypeParser('application/text', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  )

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('intuit_tid', nextTid())
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (isAccountingPath(request.url)) {
      let fault: QboFault
      if (error instanceof QboFault) fault = error
      else if (status >= 400 && status < 500) {
        const f = invalidProperty(error.code === 'INVALID_JSON' ? error.message : (error.code ?? 'request'))
        fault = new QboFault(status, f.type, f.errors)
      } else fault = systemFault(500)
      return send(reply, faultResponse(ctx, fault))
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'invalid_request', error_description: error.message })
    }
    return reply.code(500).send({ error: 'server_error', error_description: 'An unexpected error occurred' })
  })

  app.setNotFoundHandler((request, reply) => {
    if (isAccountingPath(request.url)) {
      return send(
        reply,
        faultResponse(ctx, unsupportedOperation(`${request.method} ${request.url.split('?')[0]}`)),
      )
    }
    return reply.code(404).send({
      error: 'not_found',
      error_description: `No route for ${request.method} ${request.url.split('?')[0]}`,
    })
  })

  await app.register(
    async (v3) => {
      v3.addHook('preHandler', async (request, reply) => guardAccountingRequest(ctx, request, reply))
      await v3.register(accountingRoutes, { ctx })
      for (const plugin of plugins.accounting) await v3.register(plugin, { ctx })
    },
    { prefix: ACCOUNTING_PREFIX },
  )
  for (const plugin of plugins.root) await app.register(async (root) => plugin(root))
  return app
}
