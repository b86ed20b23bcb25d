import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { type ControllableClock, createClock } from './clock'
import { createFaultInjector } from './faults-injection'
import { createIntegrations, type TokenResponse } from './integrations'
import {
  type ConfigureOptions,
  DEFAULT_CLIENT,
  type EmulatorOptions,
  type RuntimeSettings,
  resolveRateLimits,
} from './options'
import { createRateLimiter } from './rate-limit'
import { batchRoutes } from './routes/batch'
import { cdcRoutes } from './routes/cdc'
import type { EmulatorContext } from './routes/context'
import { controlRoutes } from './routes/control'
import { createIdempotencyCache } from './routes/idempotency'
import { queryRoutes } from './routes/query'
import { createStatsCounter, type StatsSnapshot } from './routes/stats'
import { applySeed, generateCompany } from './seeding'
import { createRegistry, type RegistryHandle } from './store'

/**
 * A running (or ready-to-run) emulator.
 *
 * @example
 * const emulator: Emulator = createEmulator()
 */
export interface Emulator {
  /**
   * Starts listening; resolves to the base URL clients use: `options.publicUrl` when given, otherwise where it
   * listens (`http://127.0.0.1:54321`).
   */
  listen(options?: { port?: number; host?: string }): Promise<string>
  /** The base URL clients use, as advertised in the discovery document, once listening (empty before). */
  readonly baseUrl: string
  /** Where it actually listens, once listening (empty before): what a proxy at `publicUrl` forwards to. */
  readonly listenUrl: string
  readonly clock: ControllableClock
  /** Changes latency, fault injection or rate limits while running. */
  configure(options: ConfigureOptions): void
  stats(): StatsSnapshot
  resetStats(): void
  companies(): Array<{ realmId: string; name: string }>
  /** Mints tokens for a company exactly like the token endpoint's code exchange. */
  issueTokens(realmId: string, clientId?: string): TokenResponse
  /** The companies' data (for tests, seeding and benchmarks). */
  readonly store: RegistryHandle
  close(): Promise<void>
}

/**
 * Creates an emulator of QuickBooks Online's Accounting API and Intuit OAuth.
 *
 * @example
 * const emulator = createEmulator({ testMode: true, seed: 'demo' })
 * const baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
 * const tokens = emulator.issueTokens('9130357766900456')
 * await emulator.close()
 *
 * @example
 * // Behind a proxy: clients are sent to the proxy, which forwards to `emulator.listenUrl`.
 * const proxied = createEmulator({ publicUrl: 'http://127.0.0.1:8080' })
 * await proxied.listen({ port: 0 }) // 'http://127.0.0.1:8080'
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? createClock()
  const registry = createRegistry(clock)
  const settings: RuntimeSettings = {
    latencyMs: options.latencyMs ?? 0,
    rateLimits: resolveRateLimits(options.rateLimits ?? true),
  }
  const injector = createFaultInjector({ randomSeed: options.randomSeed, faults: options.faults })
  const sleeping = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  const held = new Set<{ destroy(): void }>()
  const clients = options.clients ?? [DEFAULT_CLIENT]
  let baseUrl = ''
  let listenUrl = ''
  let closing: Promise<void> | undefined

  const integrations = createIntegrations({
    clock,
    registry,
    clients,
    baseUrl: () => baseUrl || 'http://127.0.0.1',
    injector,
    options,
  })
  if (!integrations.restored) applySeed(registry, clock, options.seed ?? 'demo')
  integrations.start()

  const ctx: EmulatorContext = {
    registry,
    clock,
    settings,
    injector,
    limiter: createRateLimiter(clock, () => settings.rateLimits),
    idempotency: createIdempotencyCache(),
    stats: createStatsCounter(),
    verifyAccessToken: integrations.verifyAccessToken,
    held,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const entry = {
          resolve,
          timer: setTimeout(() => {
            sleeping.delete(entry)
            resolve()
          }, ms),
        }
        sleeping.add(entry)
      }),
  }

  const companies = () => registry.companies().map((c) => ({ realmId: c.realmId, name: c.name }))
  const issueTokens = (realmId: string, clientId = DEFAULT_CLIENT.clientId) => {
    if (!registry.get(realmId)) throw new Error(`Unknown company ${realmId}`)
    return integrations.issueTokens(realmId, clientId)
  }
  const configure = (c: ConfigureOptions) => {
    if (c.latencyMs !== undefined) settings.latencyMs = Math.max(0, c.latencyMs)
    if (c.faults !== undefined) injector.configure(c.faults ?? undefined)
    if (c.rateLimits !== undefined) {
      settings.rateLimits = resolveRateLimits(c.rateLimits, settings.rateLimits)
      ctx.limiter.reset()
    }
  }
  const stats = () => ctx.stats.snapshot(integrations.tokenRequestCount())
  const resetStats = () => ctx.stats.reset(integrations.tokenRequestCount())

  const appPromise: Promise<FastifyInstance> = buildApp(
    ctx,
    {
      accounting: [queryRoutes, batchRoutes, cdcRoutes],
      root: [
        (app) => integrations.registerRoutes(app),
        ...(options.testMode
          ? [
              (app: FastifyInstance) =>
                controlRoutes(app, {
                  companies,
                  issueTokens,
                  configure,
                  advanceClock: (ms) => clock.advance(ms),
                  setClock: (ms) => clock.set(ms),
                  stats,
                  resetStats,
                  seed: (opts) => {
                    const company = generateCompany(registry, clock, opts)
                    integrations.markChanged()
                    return { realmId: company.realmId, name: company.name }
                  },
                }),
            ]
          : []),
      ],
    },
    options.logger ?? false,
  )
  // Surfaced by listen(); avoids an unhandled rejection before then.
  appPromise.catch(() => undefined)

  return {
    async listen(listenOptions = {}) {
      const app = await appPromise
      await app.listen({ port: listenOptions.port ?? 0, host: listenOptions.host ?? '127.0.0.1' })
      const address = app.server.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      listenUrl = `http://${host}:${address.port}`
      baseUrl = options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : listenUrl
      return baseUrl
    },
    get baseUrl() {
      return baseUrl
    },
    get listenUrl() {
      return listenUrl
    },
    clock,
    configure,
    stats,
    resetStats,
    companies,
    issueTokens,
    store: registry,
    close() {
      closing ??= shutDown()
      return closing
    },
  }

  async function shutDown(): Promise<void> {
    for (const entry of sleeping) {
      clearTimeout(entry.timer)
      entry.resolve()
    }
    sleeping.clear()
    for (const socket of held) socket.destroy()
    held.clear()
    const app = await appPromise.catch(() => undefined)
    if (app) await app.close()
    await integrations.close()
  }
}
