import type { TokenStore } from './auth/token-store'
import type { QboEndpoints, QboEnvironment } from './environment'
import type { QboLogger } from './logger'
import type { RateLimits } from './transport/rate-limit'
import type { RateLimitStore } from './transport/rate-limit-store'
import type { RetryOptions } from './transport/retry'

/**
 * Options of {@link createQboClient}. The client reads nothing from `process.env`; everything comes from here.
 *
 * @example
 * const options: QboClientOptions = {
 *   environment: 'emulator',
 *   emulatorBaseUrl: 'http://127.0.0.1:4010',
 *   clientId: 'ledgerlink-dev',
 *   clientSecret: 'ledgerlink-dev-secret',
 *   redirectUri: 'http://localhost:3000/api/quickbooks/callback',
 * }
 */
export interface QboClientOptions {
  environment: QboEnvironment
  /** Root URL of the emulator; required when `environment` is `'emulator'`. */
  emulatorBaseUrl?: string
  /** Overrides single endpoints (accounting base, discovery URL, deep-link base, expected issuer). */
  baseUrls?: Partial<QboEndpoints>
  clientId: string
  clientSecret: string
  /** The registered redirect URI used in the authorization request and the code exchange. */
  redirectUri: string
  /** Scopes requested by default; defaults to `['com.intuit.quickbooks.accounting']`. */
  scopes?: readonly string[]
  /** `fetch` to use (default: global fetch). */
  fetch?: typeof fetch
  /** Clock for token expiry, rate windows and retry budgets (default `Date.now`). */
  clock?: { now(): number }
  /** How to wait; tests pass one that advances a controllable clock (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** pino-compatible logger; never receives tokens. */
  logger?: QboLogger
  /** Where tokens live (default: in memory, this process only). */
  tokenStore?: TokenStore
  /** Counters for the per-company limiter (default: in memory). */
  rateLimitStore?: RateLimitStore
  /** Per-company limits; `false` turns the limiter off (default: QBO's 500/min, 10 concurrent, 40 batch/min). */
  rateLimits?: RateLimits | false
  timeouts?: {
    /** Per attempt of an accounting call (default 30 s; QBO itself gives up at 120 s). */
    requestMs?: number
    /** Per OAuth call (default 15 s). */
    tokenMs?: number
  }
  retry?: RetryOptions
  /** Refresh an access token this long before it expires (default 5 min). */
  refreshSkewMs?: number
  /** Sent as `minorversion` on every call (default `'75'`, API-NOTES §1). */
  minorVersion?: string | number
  /** Generates `requestid` values (default `crypto.randomUUID`). */
  generateRequestId?: () => string
}
