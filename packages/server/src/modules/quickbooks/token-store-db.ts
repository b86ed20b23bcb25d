import { AsyncLocalStorage } from 'node:async_hooks'
import type { QboTokens, TokenRecord, TokenStore } from '@ledgerlink/qbo'
import { PostgresAdapter, sql } from 'kysely'
import type { Db } from '../../db'
import { isTokenCryptoError, type TokenCipher } from './token-crypto'

export type TokenStoreLogger = { warn: (obj: Record<string, unknown>, msg: string) => void }

/**
 * Refresh sections waiting per database handle and realm. Module-wide, so every store on one handle (several
 * QuickBooks instances in one process, e.g. on one SQLite file) shares them.
 */
const chainsByDb = new WeakMap<Db, Map<string, Promise<unknown>>>()

const chainsOf = (db: Db) => {
  let chains = chainsByDb.get(db)
  if (!chains) {
    chains = new Map()
    chainsByDb.set(db, chains)
  }
  return chains
}

/**
 * The transaction holding a refresh lock, for the store calls made inside the locked section. They use its
 * connection instead of another one from the pool: otherwise as many concurrent refreshes as the pool has
 * connections would each hold one for the lock and wait forever for a second.
 */
const lockScope = new AsyncLocalStorage<{ db: Db; trx: Db }>()

/** True when the database is PostgreSQL (several server processes may share it). */
export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter

/** Tokens as JSON, encrypted with the workspace and realm bound in (token-crypto.ts). */
export const sealTokens = (cipher: TokenCipher, workspaceId: string, realmId: string, tokens: QboTokens) =>
  cipher.encrypt(JSON.stringify(tokens), { workspaceId, realmId })

export const openTokens = (
  cipher: TokenCipher,
  workspaceId: string,
  realmId: string,
  ciphertext: string,
): QboTokens => JSON.parse(cipher.decrypt(ciphertext, { workspaceId, realmId })) as QboTokens

/**
 * The {@link TokenStore} of one workspace, on its `qbo_connections` row: a workspace holds one company, so a
 * realm other than the row's has no record. `token_version` is the compare-and-save key and only grows.
 *
 * The refresh lock is single-flight per workspace and realm: within this process through a promise chain per
 * database handle, and
 * across processes on PostgreSQL through a transaction-scoped advisory lock held while the refresh runs
 * (API-NOTES §10: two refreshes racing with one rotating refresh token end in invalid_grant). The lock is an
 * advisory lock rather than `SELECT … FOR UPDATE` because the refresh writes the same row from another pooled
 * connection, which a row lock would block forever. SQLite serves one process, so the chain is enough there.
 */
export const createDbTokenStore = (options: {
  db: Db
  cipher: TokenCipher
  workspaceId: string
  logger: TokenStoreLogger
  now: () => number
}): TokenStore => {
  const { db, cipher, workspaceId, logger } = options
  const chains = chainsOf(db)
  const conn = (): Db => {
    const scope = lockScope.getStore()
    return scope && scope.db === db ? scope.trx : db
  }
  const stamp = () => new Date(options.now()).toISOString()

  const row = (realmId: string) =>
    conn()
      .selectFrom('qbo_connections')
      .select(['token_ciphertext', 'token_version', 'status', 'reconnect_reason'])
      .where('workspace_id', '=', workspaceId)
      .where('realm_id', '=', realmId)
      .executeTakeFirst()

  const load = async (realmId: string): Promise<TokenRecord | undefined> => {
    const found = await row(realmId)
    if (!found?.token_ciphertext) return undefined
    let tokens: QboTokens
    try {
      tokens = openTokens(cipher, workspaceId, realmId, found.token_ciphertext)
    } catch (error) {
      if (!isTokenCryptoError(error)) throw error
      // A lost or rotated-away key: the tokens are gone for good, so the administrator must reconnect.
      logger.warn(
        { workspaceId, realmId, reason: error.code },
        'stored QuickBooks tokens cannot be decrypted',
      )
      await conn()
        .updateTable('qbo_connections')
        .set({ status: 'needs_reconnect', reconnect_reason: 'tokens_unreadable', updated_at: stamp() })
        .where('workspace_id', '=', workspaceId)
        .where('realm_id', '=', realmId)
        .where('token_version', '=', found.token_version)
        .execute()
      return {
        realmId,
        version: found.token_version,
        tokens: { accessToken: '', refreshToken: '', accessTokenExpiresAt: 0 },
        needsReconnect: true,
        reconnectReason: 'tokens_unreadable',
      }
    }
    return {
      realmId,
      version: found.token_version,
      tokens,
      needsReconnect: found.status === 'needs_reconnect',
      ...(found.reconnect_reason ? { reconnectReason: found.reconnect_reason } : {}),
    }
  }

  const save: TokenStore['save'] = async (realmId, tokens, expectedVersion) => {
    const current = await row(realmId)
    const version = current?.token_version ?? 0
    // `null` means "no tokens yet": the row exists without tokens (set up by the connection flow).
    const expected = expectedVersion ?? version
    if (expectedVersion === null && current?.token_ciphertext)
      return { saved: false, current: await load(realmId) }
    if (!current) return { saved: false, current: undefined }
    const result = await conn()
      .updateTable('qbo_connections')
      .set({
        token_ciphertext: sealTokens(cipher, workspaceId, realmId, tokens),
        token_version: expected + 1,
        status: 'connected',
        reconnect_reason: null,
        updated_at: stamp(),
      })
      .where('workspace_id', '=', workspaceId)
      .where('realm_id', '=', realmId)
      .where('token_version', '=', expected)
      .where('token_ciphertext', expectedVersion === null ? 'is' : 'is not', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return { saved: false, current: await load(realmId) }
    return {
      saved: true,
      record: { realmId, version: expected + 1, tokens: { ...tokens }, needsReconnect: false },
    }
  }

  const markNeedsReconnect: TokenStore['markNeedsReconnect'] = async (realmId, expectedVersion, reason) => {
    const result = await conn()
      .updateTable('qbo_connections')
      .set({ status: 'needs_reconnect', reconnect_reason: reason.slice(0, 100), updated_at: stamp() })
      .where('workspace_id', '=', workspaceId)
      .where('realm_id', '=', realmId)
      .where('token_version', '=', expectedVersion)
      .where('token_ciphertext', 'is not', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  const crossProcessLock = async <T>(realmId: string, fn: () => Promise<T>): Promise<T> => {
    if (!isPostgres(db)) return fn()
    const outcome = await db.transaction().execute(async (trx) => {
      const key = `qbo-refresh:${workspaceId}:${realmId}`
      await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx)
      // A failed refresh still commits what it wrote (the needs-reconnect mark after invalid_grant).
      try {
        return { ok: true as const, value: await lockScope.run({ db, trx }, fn) }
      } catch (error) {
        return { ok: false as const, error }
      }
    })
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }

  const withRefreshLock: TokenStore['withRefreshLock'] = async (realmId, fn) => {
    const key = `${workspaceId}:${realmId}`
    const previous = chains.get(key) ?? Promise.resolve()
    const locked = () => crossProcessLock(realmId, fn)
    const run = previous.then(locked, locked)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    chains.set(key, settled)
    try {
      return await run
    } finally {
      if (chains.get(key) === settled) chains.delete(key)
    }
  }

  const remove: TokenStore['remove'] = async (realmId) => {
    await db
      .updateTable('qbo_connections')
      .set({ token_ciphertext: null, updated_at: stamp() })
      .where('workspace_id', '=', workspaceId)
      .where('realm_id', '=', realmId)
      .execute()
  }

  return { load, save, markNeedsReconnect, withRefreshLock, remove }
}
