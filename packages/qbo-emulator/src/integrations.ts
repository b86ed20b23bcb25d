import type { FastifyInstance } from 'fastify'
import type { Clock } from './clock'
import type { FaultInjector } from './faults-injection'
import { createOAuthServer, type TokenResponse } from './oauth'
import type { ClientOptions, EmulatorOptions } from './options'
import { registerDeepLinkPages } from './pages'
import { createFilePersistence } from './persistence'
import type { TokenInfo } from './routes/context'
import type { RegistryHandle } from './store'
import { createWebhookDispatcher } from './webhooks'

export type { TokenResponse }

/**
 * The OAuth server, webhooks, deep-link pages and persistence, wired around the store.
 *
 * @example
 * const integrations = createIntegrations({ clock, registry, clients: [DEFAULT_CLIENT], baseUrl: () => url, injector, options: {} })
 */
export interface Integrations {
  /** True when persisted state was loaded (then no seed is applied). */
  restored: boolean
  /** Starts change-driven work (webhooks, persistence) once the companies exist. */
  start(): void
  verifyAccessToken: (token: string) => TokenInfo | undefined
  issueTokens(realmId: string, clientId: string): TokenResponse
  tokenRequestCount(): number
  /** Records a change made without change events (a generated company), for persistence. */
  markChanged(): void
  registerRoutes(app: FastifyInstance): Promise<void>
  close(): Promise<void>
}

/** What the persistence file holds. */
interface PersistedState {
  version: 1
  store: unknown
  oauth: unknown
}

const OAUTH_WRITE_PATHS = ['/oauth2/', '/v2/oauth2/', '/connect/']

/**
 * Builds the integrations. Persisted state, when a file exists, replaces the seed.
 *
 * @example
 * const integrations = createIntegrations({ clock, registry, clients: [DEFAULT_CLIENT], baseUrl: () => url, injector, options: {} })
 */
export function createIntegrations(opts: {
  clock: Clock
  registry: RegistryHandle
  clients: ClientOptions[]
  baseUrl: () => string
  injector: FaultInjector
  options: EmulatorOptions
}): Integrations {
  const { registry, injector, options } = opts
  const oauth = createOAuthServer({
    clock: opts.clock,
    clients: opts.clients,
    companies: () => registry.companies().map((c) => ({ realmId: c.realmId, name: c.name })),
    baseUrl: opts.baseUrl,
    shouldInjectFault: (endpoint) => injector.shouldInject(endpoint)?.kind,
  })

  const persistence = options.persistPath ? createFilePersistence(options.persistPath) : undefined
  let restored = false
  const loaded = persistence?.load() as PersistedState | undefined
  if (loaded) {
    if (loaded.version !== 1) throw new Error(`Unknown state format in ${options.persistPath}`)
    registry.restore(loaded.store)
    oauth.restore(loaded.oauth)
    restored = true
  }
  // A snapshot walks every object: it is built lazily, once per debounced write.
  const snapshot = (): PersistedState => ({ version: 1, store: registry.snapshot(), oauth: oauth.snapshot() })
  const save = () => persistence?.save(snapshot)
  const saveNow = () => {
    persistence?.save(snapshot)
    persistence?.flush()
  }

  const webhooks = options.webhooks
    ? createWebhookDispatcher({
        url: options.webhooks.url,
        verifierToken: options.webhooks.verifierToken,
        format: options.webhooks.format,
        clock: opts.clock,
      })
    : undefined
  const unsubscribe: Array<() => void> = []

  return {
    restored,
    start() {
      if (webhooks) unsubscribe.push(registry.onChange((e) => webhooks.enqueue(e)))
      if (persistence) {
        unsubscribe.push(registry.onChange(save))
        saveNow()
      }
    },
    verifyAccessToken: (token) => oauth.verifyAccessToken(token),
    issueTokens(realmId, clientId) {
      const tokens = oauth.issueTokens(realmId, clientId)
      save()
      return tokens
    },
    tokenRequestCount: () => oauth.tokenRequestCount(),
    markChanged: save,
    async registerRoutes(app) {
      if (persistence) {
        // Token grants, refreshes and revocations change OAuth state; keep the file in step.
        app.addHook('onResponse', async (request) => {
          if (request.method === 'POST' && OAUTH_WRITE_PATHS.some((p) => request.url.startsWith(p))) save()
        })
      }
      await oauth.register(app)
      registerDeepLinkPages(app, registry, { clock: opts.clock })
    },
    async close() {
      for (const off of unsubscribe) off()
      await webhooks?.close()
      if (persistence) saveNow()
    },
  }
}
