/**
 * Where a company's OAuth tokens live. The client never holds tokens anywhere else, so several client
 * instances (processes) sharing one store see each other's refreshes.
 */

/**
 * Tokens of one company (realm) as the client stores them. Times are epoch milliseconds.
 *
 * @example
 * const tokens: QboTokens = { accessToken: 'at', refreshToken: 'rt', accessTokenExpiresAt: Date.now() + 3_600_000 }
 */
export interface QboTokens {
  accessToken: string
  refreshToken: string
  accessTokenExpiresAt: number
  /** Rolling 100-day refresh-token expiry (from `x_refresh_token_expires_in`, API-NOTES §10). */
  refreshTokenExpiresAt?: number
  /** Absolute 5-year cap, when Intuit sent `x_refresh_token_hard_expires_in`. */
  refreshTokenHardExpiresAt?: number
  idToken?: string
  scope?: string
}

/**
 * A stored record: the tokens plus a `version` that increases with every save (the compare-and-save key)
 * and the needs-reconnect flag.
 *
 * @example
 * const rec: TokenRecord = { realmId: '9130357766900456', version: 3, needsReconnect: false,
 *   tokens: { accessToken: 'at', refreshToken: 'rt', accessTokenExpiresAt: 0 } }
 */
export interface TokenRecord {
  realmId: string
  version: number
  tokens: QboTokens
  needsReconnect: boolean
  /** Why the connection needs a reconnect (e.g. `invalid_grant`), when it does. */
  reconnectReason?: string
}

/**
 * Storage contract for tokens, designed so a PostgreSQL table can implement it.
 *
 * - `load` returns the current record or `undefined`.
 * - `save` is a **compare-and-save**: it writes only when the stored version equals `expectedVersion`
 *   (`null` = "no record yet"), bumps the version and clears needs-reconnect; otherwise it writes nothing
 *   and returns the record that won. In SQL:
 *   `UPDATE qbo_tokens SET …, version = version + 1 WHERE realm_id = $1 AND version = $2 RETURNING *`
 *   (or `INSERT … ON CONFLICT DO NOTHING` for `null`).
 * - `markNeedsReconnect` flags the record, but only if it is still at `expectedVersion`, so a process that
 *   saw a stale token fail cannot condemn a token another process just saved.
 * - `withRefreshLock` runs `fn` while holding a lock that is exclusive per realm **across every process
 *   sharing the store** and releases it afterwards, even on error. The client refreshes only inside it and
 *   re-reads the record first, so a second process waiting on the lock finds the rotated token instead of
 *   spending the dead one (Intuit rotates refresh tokens, API-NOTES §10). In PostgreSQL: a transaction with
 *   `SELECT pg_advisory_xact_lock(hashtext('qbo-refresh:' || $realmId))` or `SELECT … FOR UPDATE` on the
 *   realm's row.
 * - `remove` deletes the record (after a revoke).
 *
 * @example
 * async function current(store: TokenStore) {
 *   const rec = await store.load('9130357766900456')
 *   return rec?.needsReconnect ? undefined : rec?.tokens.accessToken
 * }
 */
export interface TokenStore {
  load(realmId: string): Promise<TokenRecord | undefined>
  save(
    realmId: string,
    tokens: QboTokens,
    expectedVersion: number | null,
  ): Promise<{ saved: true; record: TokenRecord } | { saved: false; current: TokenRecord | undefined }>
  markNeedsReconnect(realmId: string, expectedVersion: number, reason: string): Promise<boolean>
  withRefreshLock<T>(realmId: string, fn: () => Promise<T>): Promise<T>
  remove(realmId: string): Promise<void>
}

/**
 * In-memory {@link TokenStore}: records are copied in and out, and the refresh lock is a promise chain per
 * realm. Share one instance between client instances to model several processes.
 *
 * @example
 * const store = createMemoryTokenStore()
 * await store.save('9130357766900456', { accessToken: 'at', refreshToken: 'rt', accessTokenExpiresAt: Date.now() + 3_600_000 }, null)
 */
export function createMemoryTokenStore(): TokenStore {
  const records = new Map<string, TokenRecord>()
  const locks = new Map<string, Promise<unknown>>()
  const copy = (r: TokenRecord): TokenRecord => ({ ...r, tokens: { ...r.tokens } })

  return {
    async load(realmId) {
      const r = records.get(realmId)
      return r ? copy(r) : undefined
    },
    async save(realmId, tokens, expectedVersion) {
      const current = records.get(realmId)
      if ((current?.version ?? null) !== expectedVersion) {
        return { saved: false, current: current ? copy(current) : undefined }
      }
      const record: TokenRecord = {
        realmId,
        version: (current?.version ?? 0) + 1,
        tokens: { ...tokens },
        needsReconnect: false,
      }
      records.set(realmId, record)
      return { saved: true, record: copy(record) }
    },
    async markNeedsReconnect(realmId, expectedVersion, reason) {
      const current = records.get(realmId)
      if (!current || current.version !== expectedVersion) return false
      records.set(realmId, { ...current, needsReconnect: true, reconnectReason: reason })
      return true
    },
    async withRefreshLock(realmId, fn) {
      const previous = locks.get(realmId) ?? Promise.resolve()
      const run = previous.then(fn, fn)
      const settled = run.then(
        () => undefined,
        () => undefined,
      )
      locks.set(realmId, settled)
      try {
        return await run
      } finally {
        if (locks.get(realmId) === settled) locks.delete(realmId)
      }
    },
    async remove(realmId) {
      records.delete(realmId)
    },
  }
}
