import { randomBytes } from 'node:crypto'
import type { QboCompany, QboDeepLinks, QboLogger, RateLimitStore, RetryOptions } from '@ledgerlink/qbo'
import type { Config } from '../../config'
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import type { AppError } from '../../errors'
import { findConnection } from './connection-repository'
import { type ConnectionService, createConnectionService } from './connection-service'
import { findCustomerLinks } from './customer-links-repository'
import { CALLBACK_PATH, createQboClients } from './gateway-clients'
import { type ErrorLogger, MESSAGES, quickbooksError, toAppError } from './qbo-errors'
import { createTokenCipher, parseKeyring } from './token-crypto'

export type QuickbooksLogger = QboLogger & ErrorLogger

export type QuickbooksDeps = {
  db: Db
  config: Pick<Config, 'qbo' | 'encryptionKey' | 'port'>
  logger: QuickbooksLogger
  fetch?: typeof fetch
  clock?: { now(): number }
  /** The emulator's base URL in emulator mode (default `http://127.0.0.1:<QBO_EMULATOR_PORT>`). */
  emulatorBaseUrl?: string
  /**
   * Callback URLs the emulator accepts, in emulator mode without QBO_REDIRECT_URI. The list may grow later
   * (server.ts adds its real URLs after listening); a connection uses the one on the host the admin is using.
   */
  redirectUris?: readonly string[]
  /** Retry policy of QBO calls (tests shorten it). */
  retry?: RetryOptions
  /** Per-company rate-limit counters; share one in the database so several processes keep QBO's limits together. */
  rateLimitStore?: RateLimitStore
}

/** The workspace's company API, ready to call. */
export type CompanyAccess = { realmId: string; company: QboCompany; deepLinks: QboDeepLinks }

export type Quickbooks = {
  readonly environment: Config['qbo']['environment']
  /**
   * The QBO company API for the workspace's connection (tokens from the database, refreshed single-flight).
   * Throws AppError `quickbooks_not_connected` or `quickbooks_needs_reconnect` (409).
   */
  companyFor(ctx: ServiceContext): Promise<CompanyAccess>
  /** The realm the workspace is connected to (any status but disconnected), or undefined. */
  currentRealmOf(ctx: ServiceContext): Promise<string | undefined>
  /** QBO error → domain error (see qbo-errors.ts). */
  toAppError(error: unknown, logger?: ErrorLogger): AppError
  /** Customer links of the records, in the workspace's current company only. */
  linkedCustomersOf(
    ctx: ServiceContext,
    recordIds: readonly string[],
  ): Promise<Map<string, { customerId: string; displayName: string }>>
  readonly connection: ConnectionService
}

/** Keys for a server started without one (tests, a first `npm start`); tokens then do not survive a restart. */
const ephemeralKeyring = () => `ephemeral:${randomBytes(32).toString('base64')}`

/**
 * Builds the QuickBooks capability once per server: QBO clients per workspace over the encrypted token store,
 * the connection flow, and the error seam.
 * @example const quickbooks = createQuickbooks({ db, config, logger: app.log })
 */
export const createQuickbooks = (deps: QuickbooksDeps): Quickbooks => {
  const { db, config, logger } = deps
  const now = deps.clock ? () => deps.clock!.now() : Date.now
  if (!config.encryptionKey) {
    logger.warn(
      {},
      'no token encryption key is configured; QuickBooks connections will not survive a restart',
    )
  }
  const cipher = createTokenCipher(parseKeyring(config.encryptionKey ?? ephemeralKeyring()))
  const emulatorBaseUrl =
    config.qbo.environment === 'emulator'
      ? (deps.emulatorBaseUrl ?? `http://127.0.0.1:${config.qbo.emulatorPort}`)
      : undefined
  const clients = createQboClients({
    db,
    qbo: config.qbo,
    cipher,
    logger,
    fetch: deps.fetch ?? globalThis.fetch,
    now,
    emulatorBaseUrl,
    retry: deps.retry,
    rateLimitStore: deps.rateLimitStore,
  })

  const defaultRedirect = `http://localhost:${config.port}${CALLBACK_PATH}`
  const redirectUriFor = (origin: string | undefined): string => {
    if (config.qbo.redirectUri) return config.qbo.redirectUri
    const allowed = deps.redirectUris ?? [defaultRedirect]
    const fromOrigin = origin ? `${origin}${CALLBACK_PATH}` : undefined
    if (fromOrigin && allowed.includes(fromOrigin)) return fromOrigin
    return allowed[0] ?? defaultRedirect
  }

  const connection = createConnectionService({
    db,
    qbo: config.qbo,
    clients,
    cipher,
    logger,
    now,
    redirectUriFor,
  })

  const currentRealmOf = async (ctx: ServiceContext) => {
    const row = await findConnection(db, ctx.workspaceId)
    return row && row.status !== 'disconnected' ? row.realmId : undefined
  }

  return {
    environment: config.qbo.environment,
    connection,
    currentRealmOf,
    async companyFor(ctx) {
      const row = await findConnection(db, ctx.workspaceId)
      if (!row || row.status === 'disconnected' || !row.hasTokens) {
        throw quickbooksError('quickbooks_not_connected', MESSAGES.notConnected)
      }
      if (row.status === 'needs_reconnect') {
        throw quickbooksError('quickbooks_needs_reconnect', MESSAGES.needsReconnect)
      }
      const client = clients.forWorkspace(ctx.workspaceId)
      return { realmId: row.realmId, company: client.company(row.realmId), deepLinks: clients.deepLinks }
    },
    toAppError: (error, errorLogger) => toAppError(error, errorLogger ?? logger),
    async linkedCustomersOf(ctx, recordIds) {
      const realmId = await currentRealmOf(ctx)
      const result = new Map<string, { customerId: string; displayName: string }>()
      if (!realmId || recordIds.length === 0) return result
      for (const [recordId, link] of await findCustomerLinks(db, ctx.workspaceId, recordIds, realmId)) {
        result.set(recordId, { customerId: link.customerId, displayName: link.displayName })
      }
      return result
    },
  }
}
