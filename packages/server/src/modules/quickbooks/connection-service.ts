import type { QboTokens } from '@ledgerlink/qbo'
import type { Config } from '../../config'
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { countLinksOutside, deleteLinksOutside } from './connection-links'
import { companyNameOf, revokeTokens } from './connection-qbo'
import * as repo from './connection-repository'
import { connectionState } from './connection-state'
import type { QboClients } from './gateway-clients'
import { consumeState, issueState, type StateOwner } from './oauth-states'
import { MESSAGES, quickbooksError } from './qbo-errors'
import type { TokenCipher } from './token-crypto'
import { openTokens, sealTokens } from './token-store-db'

/** How long a connection to a different company waits for the administrator's confirmation. */
const PENDING_LIFETIME_MS = 60 * 60_000

export type { ConnectionState } from './connection-state'

export type ConnectionLogger = {
  info: (obj: Record<string, unknown>, msg: string) => void
  warn: (obj: Record<string, unknown>, msg: string) => void
}

export type CallbackQuery = {
  code?: string | undefined
  state?: string | undefined
  realmId?: string | undefined
  error?: string | undefined
}

/** Where the callback sends the browser: connected, waiting for confirmation, or why it failed. */
export type CallbackOutcome =
  | { outcome: 'connected' | 'confirm' }
  | {
      outcome: 'error'
      reason: 'invalid_state' | 'access_denied' | 'authorization_failed' | 'exchange_failed'
    }

export type ConnectionService = ReturnType<typeof createConnectionService>

export const createConnectionService = (deps: {
  db: Db
  qbo: Config['qbo']
  clients: QboClients
  cipher: TokenCipher
  logger: ConnectionLogger
  now: () => number
  /** The callback URL for a connection started from `origin` (the browser must come back to the same host). */
  redirectUriFor: (origin: string | undefined) => string
}) => {
  const { db, clients, cipher, logger } = deps
  const stamp = () => new Date(deps.now()).toISOString()

  const state = (ctx: ServiceContext, canManage: boolean) =>
    connectionState({ db, environment: deps.qbo.environment, now: deps.now }, ctx, canManage)

  const start = async (owner: StateOwner, origin: string | undefined) => {
    const redirectUri = deps.redirectUriFor(origin)
    const stateValue = await issueState(db, owner, redirectUri, deps.now())
    try {
      const { url } = await clients.ephemeral(redirectUri).oauth.authorizationUrl({ state: stateValue })
      return { authorizationUrl: url }
    } catch (error) {
      logger.warn({ err: (error as Error)?.message }, 'QuickBooks sign-in page could not be prepared')
      throw quickbooksError('quickbooks_unavailable', MESSAGES.unavailable, error)
    }
  }

  const revokeLoose = (realmId: string, tokens: QboTokens) =>
    revokeTokens({ clients, logger, redirectUri: deps.redirectUriFor(undefined) }, realmId, tokens)

  const complete = async (
    owner: StateOwner,
    query: CallbackQuery,
    callbackUrl: (redirectUri: string) => URL,
  ): Promise<CallbackOutcome> => {
    const issued = query.state ? await consumeState(db, query.state, owner, deps.now()) : undefined
    if (!issued || !query.state) return { outcome: 'error', reason: 'invalid_state' }
    if (query.error) {
      return {
        outcome: 'error',
        reason: query.error === 'access_denied' ? 'access_denied' : 'authorization_failed',
      }
    }
    if (!query.code || !query.realmId || !/^\d{1,32}$/.test(query.realmId)) {
      return { outcome: 'error', reason: 'authorization_failed' }
    }
    const client = clients.ephemeral(issued.redirectUri)
    let realmId: string
    let tokens: QboTokens
    try {
      const exchanged = await client.oauth.exchangeCode({
        callbackUrl: callbackUrl(issued.redirectUri),
        expectedState: query.state,
      })
      realmId = exchanged.realmId
      tokens = exchanged.record.tokens
    } catch (error) {
      logger.warn(
        { intuitTid: (error as { intuitTid?: string })?.intuitTid, err: (error as Error)?.message },
        'QuickBooks authorization code exchange failed',
      )
      return { outcome: 'error', reason: 'exchange_failed' }
    }
    const companyName = await companyNameOf(client, realmId, logger)
    const current = await repo.findConnection(db, owner.workspaceId)
    const isSwitch = current !== undefined && current.realmId !== realmId
    if (isSwitch && (await countLinksOutside(db, owner.workspaceId, realmId)) > 0) {
      const previous = await repo.takePending(db, owner.workspaceId)
      await repo.savePending(db, {
        workspaceId: owner.workspaceId,
        realmId,
        companyName,
        tokenCiphertext: sealTokens(cipher, owner.workspaceId, realmId, tokens),
        requestedBy: owner.userId,
        createdAt: stamp(),
        expiresAt: new Date(deps.now() + PENDING_LIFETIME_MS).toISOString(),
      })
      // Revoking disconnects the app from that company at Intuit (API-NOTES §10), so never for the same company.
      if (previous && previous.realmId !== realmId) await revokePendingTokens(previous)
      logger.info(
        { workspaceId: owner.workspaceId, realmId },
        'QuickBooks connection to another company awaits confirmation',
      )
      return { outcome: 'confirm' }
    }
    await apply(owner.workspaceId, owner.userId, { realmId, companyName, tokens }, current)
    return { outcome: 'connected' }
  }

  const revokePendingTokens = async (pending: repo.PendingRow) => {
    try {
      await revokeLoose(
        pending.realmId,
        openTokens(cipher, pending.workspaceId, pending.realmId, pending.tokenCiphertext),
      )
    } catch (error) {
      logger.warn(
        { realmId: pending.realmId, err: (error as Error)?.message },
        'pending QuickBooks tokens unreadable',
      )
    }
  }

  /** Makes `next` the workspace's connection; a different company's tokens are revoked, its links cleared. */
  const apply = async (
    workspaceId: string,
    userId: string,
    next: { realmId: string; companyName: string; tokens: QboTokens },
    current: repo.ConnectionRow | undefined,
  ) => {
    const oldTokens =
      current && current.realmId !== next.realmId && current.hasTokens
        ? await clients.forWorkspace(workspaceId).tokenStore.load(current.realmId)
        : undefined
    await db.transaction().execute(async (trx) => {
      await deleteLinksOutside(trx, workspaceId, next.realmId)
      await repo.upsertConnection(trx, {
        workspaceId,
        realmId: next.realmId,
        companyName: next.companyName,
        tokenCiphertext: sealTokens(cipher, workspaceId, next.realmId, next.tokens),
        connectedBy: userId,
        now: stamp(),
      })
    })
    const dropped = await repo.takePending(db, workspaceId)
    if (dropped && dropped.realmId !== next.realmId) await revokePendingTokens(dropped)
    if (current && oldTokens && !oldTokens.needsReconnect)
      await revokeLoose(current.realmId, oldTokens.tokens)
    logger.info({ workspaceId, realmId: next.realmId }, 'QuickBooks connected')
  }

  const confirm = async (ctx: ServiceContext & { userId: string }) => {
    const pending = await repo.findPending(db, ctx.workspaceId, stamp())
    if (!pending) throw noPending()
    const taken = await repo.takePending(db, ctx.workspaceId)
    if (!taken || taken.realmId !== pending.realmId) throw noPending()
    const tokens = openTokens(cipher, ctx.workspaceId, taken.realmId, taken.tokenCiphertext)
    const current = await repo.findConnection(db, ctx.workspaceId)
    await apply(
      ctx.workspaceId,
      ctx.userId,
      { realmId: taken.realmId, companyName: taken.companyName, tokens },
      current,
    )
  }

  const dropPending = async (ctx: ServiceContext) => {
    const taken = await repo.takePending(db, ctx.workspaceId)
    if (!taken) throw noPending()
    await revokePendingTokens(taken)
  }

  const disconnect = async (ctx: ServiceContext) => {
    const row = await repo.findConnection(db, ctx.workspaceId)
    if (!row || row.status === 'disconnected' || !row.hasTokens) {
      throw quickbooksError('quickbooks_not_connected', 'This workspace is not connected to QuickBooks.')
    }
    const client = clients.forWorkspace(ctx.workspaceId)
    try {
      // Revoking at Intuit ends the app's access to the company (API-NOTES §10); tokens go either way.
      await client.oauth.revoke(row.realmId)
    } catch (error) {
      logger.warn(
        {
          realmId: row.realmId,
          intuitTid: (error as { intuitTid?: string })?.intuitTid,
          err: (error as Error)?.message,
        },
        'QuickBooks did not confirm the revocation; the tokens are deleted anyway',
      )
    }
    await repo.markDisconnected(db, ctx.workspaceId, stamp())
    const pending = await repo.takePending(db, ctx.workspaceId)
    if (pending) await revokePendingTokens(pending)
    logger.info({ workspaceId: ctx.workspaceId, realmId: row.realmId }, 'QuickBooks disconnected')
  }

  return { state, start, complete, confirm, dropPending, disconnect }
}

const noPending = () =>
  quickbooksError('no_pending_connection', 'There is no connection to another QuickBooks company waiting.')
