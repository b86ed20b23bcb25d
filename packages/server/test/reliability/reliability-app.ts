import type { RetryOptions } from '@ledgerlink/qbo'
import type { Logger } from 'pino'
import { type Db, type Dialect, openDatabase } from '../../src/db'
import { createDbRateLimitStore } from '../../src/modules/quickbooks'
import { createTestDatabase } from '../helpers'
import { buildQuickbooksTestApp, type QuickbooksTestApp, type TestEmulator } from '../quickbooks-helpers'

/** Retries as in production (3 attempts, backoff with jitter), scaled down so a run takes seconds. */
export const FAST_PRODUCTION_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 2,
  maxDelayMs: 20,
  throttleDelayMs: 20,
  budgetMs: 5_000,
}

/**
 * `fetch` that gives up after `ms`: the emulator's `timeout` fault holds a request open for 130 s, and the
 * production client waits 15–20 s before it gives up; this keeps the same failure (an aborted request) short.
 */
export const fetchWithTimeout =
  (ms: number, observe?: (url: string, init: RequestInit | undefined) => void): typeof fetch =>
  (input, init) => {
    observe?.(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init)
    // A timer holding the controller, not AbortSignal.timeout: a timeout signal reachable only through
    // AbortSignal.any can be garbage-collected before it fires, and the request would then wait 20 s.
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms)
    timer.unref()
    const outer = init?.signal
    if (outer?.aborted) controller.abort(outer.reason)
    else outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true })
    return fetch(input, { ...init, signal: controller.signal })
  }

export type SharedDatabase = { db: Db; url?: string; close: () => Promise<void> }

/** A second handle on a test database, as a second server process has: its own pool on PostgreSQL. */
export const secondHandleOn = (database: SharedDatabase): SharedDatabase => {
  if (!database.url) return { db: database.db, close: async () => undefined }
  const handle = openDatabase({ databaseUrl: database.url })
  return { db: handle.db, close: handle.close }
}

/**
 * The real app wired to an in-process emulator, like buildQuickbooksTestApp, with the knobs the reliability
 * scenarios need: production-like retries, a short per-request timeout, a shared database and logger.
 */
export const buildReliabilityApp = async (
  dialect: Dialect,
  options: {
    emulator?: TestEmulator
    database?: SharedDatabase
    encryptionKey?: string
    logger?: Logger
    retry?: RetryOptions
    requestTimeoutMs?: number
    env?: Record<string, string>
    /** Share QBO's per-company limits through the database, as app.ts does in production (default: in memory). */
    sharedRateLimits?: boolean
    /** Sees every request the app sends to QuickBooks (URL and init), before it is sent. */
    observeQbo?: (url: string, init: RequestInit | undefined) => void
  } = {},
): Promise<QuickbooksTestApp & { database: SharedDatabase }> => {
  const database = options.database ?? (await createTestDatabase(dialect))
  const t = await buildQuickbooksTestApp(dialect, {
    database,
    ...(options.emulator ? { emulator: options.emulator } : {}),
    ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.env ? { env: options.env } : {}),
    qbo: {
      retry: options.retry ?? FAST_PRODUCTION_RETRY,
      fetch: fetchWithTimeout(options.requestTimeoutMs ?? 2_000, options.observeQbo),
      ...(options.sharedRateLimits
        ? { rateLimitStore: createDbRateLimitStore({ db: database.db, concurrency: { limit: 10 } }) }
        : {}),
    },
  })
  return {
    ...t,
    database,
    close: async () => {
      await t.close()
      if (!options.database) await database.close()
    },
  }
}
