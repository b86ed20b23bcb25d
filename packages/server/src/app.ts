import { existsSync } from 'node:fs'
import { constants as zlibConstants } from 'node:zlib'
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { Config } from './config'
import type { Db } from './db'
import { AppError } from './errors'
import { registerErrorHandler } from './http/error-handler'
import { registerNoNulText } from './http/no-nul-text'
import { registerSecurity } from './http/security'
import { requireSession } from './http/session'
import { authRoutes, createSignInLimiter, type SignInLimiter } from './modules/auth'
import { type CrmService, createCrmService, crmRoutes } from './modules/crm'
import { createImportRunner, importRoutes } from './modules/imports'
import {
  createDbRateLimitStore,
  createQboCacheService,
  createQuickbooks,
  type QboCacheService,
  type Quickbooks,
  quickbooksCallbackRoutes,
  quickbooksConnectionRoutes,
  quickbooksDocumentRoutes,
  quickbooksRecordRoutes,
  quickbooksWebhookRoutes,
} from './modules/quickbooks'
import { workspaceRoutes } from './modules/workspaces'

export type AppDeps = {
  db: Db
  logger?: FastifyBaseLogger
  limiter?: SignInLimiter
  crm?: CrmService
  quickbooks?: Quickbooks
  qboCache?: QboCacheService
}

/** QBO allows 10 requests in flight per company and app (API-NOTES §9). */
export const QBO_CONCURRENT_REQUESTS = 10

/** JSON bodies are small; CSV uploads have their own 10 MB limit in the imports module. */
const BODY_LIMIT_BYTES = 256 * 1024

/** Builds the application: every plugin and module is registered here, in order. */
export const buildApp = async (config: Config, deps: AppDeps): Promise<FastifyInstance> => {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorateRequest('session', null)

  registerErrorHandler(app)
  await registerSecurity(app, { isHttps: config.cookieSecure })
  registerNoNulText(app)
  await app.register(cookie)
  // API answers (record lists, QuickBooks tabs) are JSON worth compressing; a fast Brotli level keeps CPU low.
  // Built web files are compressed once at build time and served as they are (registerWebApp).
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  })

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ledgerlink API',
        version: '0.1.0',
        description:
          'The JSON API of Ledgerlink. Sign in with POST /api/auth/sign-in; send the session csrfToken in ' +
          'x-csrf-token on every state-changing request.',
      },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The reference page sets its own CSP (its scripts are files, no inline code); keep our frame and https rules.
    transformStaticCSP: (header) => {
      const strict = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'")
      return config.cookieSecure ? strict : strict.replace(/\s*upgrade-insecure-requests;?/, '')
    },
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  app.get('/api/health', { schema: { tags: ['health'] } }, async () => ({ status: 'ok' }))

  const db = deps.db
  const crm = deps.crm ?? createCrmService(db)
  const limiter = deps.limiter ?? createSignInLimiter(config.signIn)
  const imports = createImportRunner(db, crm, app.log)
  // QBO's limits are per company, whichever server process calls: the counters live in the shared database.
  const rateLimitStore = createDbRateLimitStore({ db, concurrency: { limit: QBO_CONCURRENT_REQUESTS } })
  const quickbooks = deps.quickbooks ?? createQuickbooks({ db, config, logger: app.log, rateLimitStore })
  const qboCache = deps.qboCache ?? createQboCacheService({ db, config, logger: app.log, quickbooks })
  app.addHook('onReady', async () => qboCache.start())
  app.addHook('onClose', async () => qboCache.stop())
  app.addHook('onClose', async () => imports.stop())

  await app.register(authRoutes, { prefix: '/api/auth', db, config, limiter })
  // The OAuth callback is a top-level navigation from Intuit: it checks the session itself and always redirects.
  await app.register(quickbooksCallbackRoutes, { prefix: '/api', db, config, quickbooks })
  // Intuit's webhooks authenticate with their signature, not a session.
  await app.register(quickbooksWebhookRoutes, { prefix: '/api', qboCache })
  await app.register(
    async (api) => {
      api.addHook('onRequest', requireSession(db, config))
      await api.register(workspaceRoutes, { db })
      await api.register(crmRoutes, { db, crm })
      await api.register(importRoutes, { db, imports })
      await api.register(quickbooksConnectionRoutes, { db, crm, quickbooks })
      await api.register(quickbooksRecordRoutes, { db, crm, quickbooks, qboCache })
      await api.register(quickbooksDocumentRoutes, { db, crm, quickbooks, qboCache })
    },
    { prefix: '/api' },
  )

  registerWebApp(app, config.webDistDir)
  return app
}

/** Serves the built web app with a fallback to index.html for client-side routes; /api stays JSON. */
const registerWebApp = (app: FastifyInstance, webDistDir: string) => {
  const hasWebApp = existsSync(`${webDistDir}/index.html`)
  if (hasWebApp) {
    void app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      // File names under /assets/ carry a content hash: cache them for a year. Pages are never stored (a
      // shared or back-button cache must not keep a signed-in page), which also picks up a new release at once.
      cacheControl: false,
      setHeaders: (response, path) => {
        const isHashedAsset = /[\\/]assets[\\/]/.test(path)
        response.setHeader(
          'cache-control',
          isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-store',
        )
      },
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    // Client-side routes get index.html; a missing file (an old /assets/ bundle) gets a real 404.
    const isAppRoute = !path.startsWith('/api') && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path)
    if (isAppRoute && hasWebApp && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.sendFile('index.html')
    }
    throw new AppError('NOT_FOUND', 'not_found', 'There is nothing at this address.')
  })
}
