import type { ControllableClock } from '../clock'
import type { FaultInjector } from '../faults-injection'
import type { RuntimeSettings } from '../options'
import type { RateLimiter } from '../rate-limit'
import type { RegistryHandle } from '../store'
import type { IdempotencyCache } from './idempotency'
import type { StatsCounter } from './stats'

/** What a verified access token says (the OAuth server's `verifyAccessToken`). */
export interface TokenInfo {
  realmId: string
  clientId: string
}

/** Everything the routes share. Built once by `createEmulator`. */
export interface EmulatorContext {
  registry: RegistryHandle
  clock: ControllableClock
  settings: RuntimeSettings
  injector: FaultInjector
  limiter: RateLimiter
  idempotency: IdempotencyCache
  stats: StatsCounter
  /** Verifies a bearer token; undefined when the token is unknown, expired or revoked. */
  verifyAccessToken: ((token: string) => TokenInfo | undefined) | undefined
  /** Replies held open by the `timeout` fault, destroyed on close. */
  held: Set<{ destroy(): void }>
  /** Resolves pending latency waits on close so no timer outlives the emulator. */
  sleep(ms: number): Promise<void>
}
