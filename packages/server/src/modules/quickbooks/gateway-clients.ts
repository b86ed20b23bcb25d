import {
  createDeepLinks,
  createMemoryRateLimitStore,
  createMemoryTokenStore,
  createQboClient,
  type QboClient,
  type QboClientOptions,
  type QboDeepLinks,
  type QboLogger,
  type RateLimitStore,
  type RetryOptions,
} from '@ledgerlink/qbo'
import type { Config } from '../../config'
import type { Db } from '../../db'
import { touchLastSuccess } from './connection-repository'
import type { TokenCipher } from './token-crypto'
import { createDbTokenStore } from './token-store-db'

export const CALLBACK_PATH = '/api/quickbooks/callback'

/**
 * A user is waiting on every call: give up within seconds rather than minutes. A throttled call is not waited
 * out (QBO asks for 60 s, API-NOTES §9), which the budget below guarantees; the user is told to retry instead.
 */
const INTERACTIVE_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 3_000,
  budgetMs: 15_000,
}

/**
 * The longest a request waits for the company's QBO allowance (40 batches and 500 requests a minute,
 * API-NOTES §9) before the user is told QuickBooks is busy.
 */
const INTERACTIVE_LIMIT_WAIT_MS = 10_000

/** Successful calls are recorded at most this often per workspace. */
const SUCCESS_WRITE_INTERVAL_MS = 60_000

export type ClientsOptions = {
  db: Db
  qbo: Config['qbo']
  cipher: TokenCipher
  logger: QboLogger
  fetch: typeof fetch
  now: () => number
  emulatorBaseUrl: string | undefined
  retry: RetryOptions | undefined
  /** Per-company rate-limit counters (default: in this process's memory). */
  rateLimitStore: RateLimitStore | undefined
}

/** QBO clients: one per workspace (its tokens in the database) and throw-away ones for the OAuth handshake. */
export type QboClients = {
  readonly deepLinks: QboDeepLinks
  /** The workspace's client; its token store is the workspace's encrypted row. */
  forWorkspace(workspaceId: string): QboClient
  /** A client whose tokens live only in memory: for a code exchange and revoking tokens not stored. */
  ephemeral(redirectUri: string): QboClient
}

const REALM_IN_PATH = /\/v3\/company\/(\d{1,32})\//

export const createQboClients = (options: ClientsOptions): QboClients => {
  const { db, qbo, logger, now } = options
  const byWorkspace = new Map<string, QboClient>()
  // Shared by every client of this process: QBO's limits are per realm and app, not per workspace.
  const rateLimitStore = options.rateLimitStore ?? createMemoryRateLimitStore()
  const lastWrite = new Map<string, number>()

  const base = (redirectUri: string): QboClientOptions => ({
    environment: qbo.environment,
    ...(options.emulatorBaseUrl ? { emulatorBaseUrl: options.emulatorBaseUrl } : {}),
    clientId: qbo.clientId,
    clientSecret: qbo.clientSecret,
    redirectUri,
    fetch: options.fetch,
    clock: { now },
    logger,
    rateLimitStore,
    // A request that would wait longer for the company's allowance is answered "QuickBooks is busy" at once.
    rateLimits: { maxWaitMs: INTERACTIVE_LIMIT_WAIT_MS },
    retry: options.retry ?? INTERACTIVE_RETRY,
    timeouts: { requestMs: 20_000, tokenMs: 15_000 },
  })

  const noteSuccess = (workspaceId: string, url: string) => {
    const realmId = REALM_IN_PATH.exec(url)?.[1]
    if (!realmId) return
    const at = now()
    if (at - (lastWrite.get(workspaceId) ?? 0) < SUCCESS_WRITE_INTERVAL_MS) return
    lastWrite.set(workspaceId, at)
    touchLastSuccess(db, workspaceId, realmId, new Date(at).toISOString()).catch((error: unknown) =>
      logger.warn(
        { workspaceId, err: (error as Error)?.message },
        'could not record a successful QuickBooks call',
      ),
    )
  }

  const fetchFor =
    (workspaceId: string): typeof fetch =>
    async (input, init) => {
      const response = await options.fetch(input, init)
      if (response.ok) {
        noteSuccess(
          workspaceId,
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        )
      }
      return response
    }

  const placeholderRedirect = qbo.redirectUri ?? `http://localhost${CALLBACK_PATH}`

  return {
    deepLinks: createDeepLinks({
      environment: qbo.environment,
      ...(options.emulatorBaseUrl ? { emulatorBaseUrl: options.emulatorBaseUrl } : {}),
    }),
    forWorkspace(workspaceId) {
      let client = byWorkspace.get(workspaceId)
      if (!client) {
        client = createQboClient({
          ...base(placeholderRedirect),
          fetch: fetchFor(workspaceId),
          tokenStore: createDbTokenStore({ db, cipher: options.cipher, workspaceId, logger, now }),
        })
        byWorkspace.set(workspaceId, client)
      }
      return client
    },
    ephemeral(redirectUri) {
      return createQboClient({ ...base(redirectUri), tokenStore: createMemoryTokenStore() })
    },
  }
}
