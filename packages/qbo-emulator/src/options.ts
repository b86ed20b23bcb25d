import type { ControllableClock } from './clock'

/**
 * Kinds of injected failure (see the README's fault-injection section).
 *
 * @example
 * const kind: InjectedFaultKind = 'lost-response'
 */
export type InjectedFaultKind = '5xx' | '429' | 'reset' | 'timeout' | 'lost-response'

/**
 * Fault injection: with probability `rate`, a request fails in one of `kinds`.
 *
 * @example
 * emulator.configure({ faults: { rate: 0.2, kinds: ['5xx', 'reset'], paths: 'accounting' } })
 */
export interface FaultOptions {
  /** Probability per request, 0..1. */
  rate: number
  kinds: InjectedFaultKind[]
  /** Which endpoints: the Accounting API (`/v3`), the OAuth token/revoke/userinfo endpoints, or both (default). */
  paths?: 'accounting' | 'oauth' | 'all'
}

/**
 * QBO's throttles per realm+app (API-NOTES.md §9).
 *
 * @example
 * createEmulator({ rateLimits: { perMinute: 500, concurrent: 10, batchPerMinute: 40 } })
 */
export interface RateLimitOptions {
  perMinute: number
  concurrent: number
  batchPerMinute: number
}

/**
 * A registered OAuth client (app) of the emulator.
 *
 * @example
 * createEmulator({ clients: [{ clientId: 'app', clientSecret: 'secret', redirectUris: ['http://localhost:3000/cb'] }] })
 */
export interface ClientOptions {
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

/**
 * Webhook delivery settings.
 *
 * @example
 * createEmulator({ webhooks: { url: 'http://127.0.0.1:3000/api/quickbooks/webhooks', verifierToken: 'v', format: 'legacy' } })
 */
export interface WebhookOptions {
  url: string
  verifierToken: string
  format: 'legacy' | 'cloudevents'
}

/**
 * What data the emulator starts with.
 *
 * @example
 * createEmulator({ seed: { customers: 50_000, documentsPerCustomer: 10 } })
 */
export type SeedOption =
  | 'demo'
  | 'empty'
  | { customers: number; documentsPerCustomer: number; realms?: number }

/**
 * Options of `createEmulator`.
 *
 * @example
 * createEmulator({ testMode: true, seed: 'demo', latencyMs: 0, rateLimits: true })
 */
export interface EmulatorOptions {
  /** Enables the `/_emulator/*` control routes. */
  testMode?: boolean
  seed?: SeedOption
  /** Added latency per Accounting API request, in milliseconds. */
  latencyMs?: number
  rateLimits?: boolean | RateLimitOptions
  faults?: FaultOptions
  /** Seed of the random generator behind fault injection; makes injected faults deterministic. */
  randomSeed?: number
  clock?: ControllableClock
  clients?: ClientOptions[]
  webhooks?: WebhookOptions
  /** JSON file that keeps companies and tokens across restarts. */
  persistPath?: string
  /** Fastify request logging (off by default: the request path must stay lean). */
  logger?: boolean
  /**
   * The address clients reach the emulator at when it sits behind a proxy or tunnel; its discovery document and
   * links use it. Default: where it listens.
   *
   * @example
   * createEmulator({ publicUrl: 'http://127.0.0.1:8080' }) // listens elsewhere, advertises the proxy
   */
  publicUrl?: string
}

/**
 * Settings that can change while the emulator runs (`emulator.configure`, `POST /_emulator/config`).
 *
 * @example
 * emulator.configure({ latencyMs: 100, faults: null, rateLimits: false })
 */
export interface ConfigureOptions {
  latencyMs?: number
  /** `null` turns fault injection off. */
  faults?: FaultOptions | null
  rateLimits?: boolean | Partial<RateLimitOptions>
}

/**
 * The development client every emulator knows unless `clients` says otherwise.
 *
 * @example
 * createEmulator({ clients: [DEFAULT_CLIENT, { clientId: 'other', clientSecret: 's', redirectUris: [] }] })
 */
export const DEFAULT_CLIENT: ClientOptions = {
  clientId: 'ledgerlink-dev',
  clientSecret: 'ledgerlink-dev-secret',
  redirectUris: ['http://localhost:3000/api/quickbooks/callback'],
}

/**
 * QBO's documented limits (API-NOTES.md §9).
 *
 * @example
 * emulator.configure({ rateLimits: { ...DEFAULT_RATE_LIMITS, perMinute: 50 } })
 */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = { perMinute: 500, concurrent: 10, batchPerMinute: 40 }

/**
 * The live, mutable settings.
 *
 * @example
 * const settings: RuntimeSettings = { latencyMs: 0, rateLimits: DEFAULT_RATE_LIMITS }
 */
export interface RuntimeSettings {
  latencyMs: number
  rateLimits: RateLimitOptions | false
}

/**
 * Resolves a `rateLimits` option against the current value.
 *
 * @example
 * resolveRateLimits({ perMinute: 50 }) // { perMinute: 50, concurrent: 10, batchPerMinute: 40 }
 */
export function resolveRateLimits(
  value: boolean | Partial<RateLimitOptions> | undefined,
  current: RateLimitOptions | false = DEFAULT_RATE_LIMITS,
): RateLimitOptions | false {
  if (value === undefined) return current
  if (value === false) return false
  if (value === true) return current === false ? DEFAULT_RATE_LIMITS : current
  return { ...(current === false ? DEFAULT_RATE_LIMITS : current), ...value }
}
