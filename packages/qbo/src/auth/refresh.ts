import { isQboNetworkError, isQboTimeoutError, QboReconnectRequiredError } from '../errors'
import type { QboLogger } from '../logger'
import { decideRetry, type ResolvedRetryOptions } from '../transport/retry'
import { type OAuthEndpoints, type TokenEndpointResponse, tokensFromResponse } from './oauth'
import type { TokenRecord, TokenStore } from './token-store'

/** An access token and the store version it came from (used to tell a stale 401 from a fresh one). */
export interface AccessGrant {
  accessToken: string
  version: number
}

/** Hands out valid access tokens, refreshing each company's token at most once at a time. */
export interface TokenManager {
  /** A token valid for at least the skew window, refreshing first when needed. */
  accessToken(realmId: string): Promise<AccessGrant>
  /** Called after QBO rejected `rejected` with a 401: refresh unless someone already replaced that version. */
  afterRejection(realmId: string, rejected: AccessGrant): Promise<AccessGrant>
  /** Refresh now, whatever the expiry says. */
  forceRefresh(realmId: string): Promise<TokenRecord>
  /** Store tokens from a token response (initial connection or reconnection). */
  connect(realmId: string, response: TokenEndpointResponse | Record<string, unknown>): Promise<TokenRecord>
}

/**
 * Creates the token manager.
 *
 * Refresh is single-flight twice over: inside this process concurrent callers share one promise per realm,
 * and across processes the refresh runs inside `store.withRefreshLock` after re-reading the record, so a
 * process that lost the race picks up the winner's tokens instead of spending a refresh token Intuit has
 * already rotated (API-NOTES §10). New tokens are saved (compare-and-save on the version read) before any
 * caller receives the new access token. Network errors, timeouts and 5xx from the token endpoint never
 * touch the store; `invalid_grant` flags the record as needing a reconnect.
 */
export function createTokenManager(options: {
  store: TokenStore
  oauth: OAuthEndpoints
  now: () => number
  sleep: (ms: number) => Promise<void>
  skewMs: number
  retry: ResolvedRetryOptions
  logger: QboLogger
}): TokenManager {
  const { store, now, skewMs, logger } = options
  const flights = new Map<string, Promise<TokenRecord>>()
  const isFresh = (r: TokenRecord) => r.tokens.accessTokenExpiresAt - skewMs > now()

  const usable = (realmId: string, r: TokenRecord | undefined): TokenRecord => {
    if (!r) throw new QboReconnectRequiredError(realmId, `no QBO tokens stored for realm ${realmId}`)
    if (r.needsReconnect) {
      throw new QboReconnectRequiredError(
        realmId,
        `the QBO connection for realm ${realmId} must be re-authorized`,
        {
          oauthError: r.reconnectReason,
        },
      )
    }
    return r
  }

  const callTokenEndpoint = async (realmId: string, refreshToken: string): Promise<TokenEndpointResponse> => {
    const started = now()
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.oauth.refresh(realmId, refreshToken)
      } catch (err) {
        // Only transport failures are retried: Intuit keeps the old refresh token valid for 24 h after a
        // rotation (API-NOTES §10), so repeating a refresh whose answer was lost is safe.
        if (!isQboNetworkError(err) && !isQboTimeoutError(err)) throw err
        const decision = decideRetry(
          { attempt, elapsedMs: now() - started, throttled: false, retryAfterMs: undefined },
          options.retry,
        )
        if (!decision.retry) throw err
        logger.warn({ realmId, attempt, err: (err as Error).message }, 'qbo token refresh failed, retrying')
        await options.sleep(decision.delayMs)
      }
    }
  }

  const refreshLocked = (realmId: string, staleVersion: number | undefined): Promise<TokenRecord> =>
    store.withRefreshLock(realmId, async () => {
      const current = usable(realmId, await store.load(realmId))
      if (current.version !== staleVersion && isFresh(current)) return current
      let response: TokenEndpointResponse
      try {
        response = await callTokenEndpoint(realmId, current.tokens.refreshToken)
      } catch (err) {
        if (err instanceof QboReconnectRequiredError) {
          const isMarked = await store.markNeedsReconnect(
            realmId,
            current.version,
            err.oauthError ?? 'invalid_grant',
          )
          if (!isMarked) {
            // A store without a real lock let someone else save newer tokens meanwhile: use theirs.
            const newer = await store.load(realmId)
            if (newer && !newer.needsReconnect && isFresh(newer)) return newer
          }
          logger.warn({ realmId, intuitTid: err.intuitTid }, 'qbo refresh token rejected; reconnect required')
        }
        throw err
      }
      const saved = await store.save(realmId, tokensFromResponse(response, now()), current.version)
      if (saved.saved) {
        logger.info({ realmId, version: saved.record.version }, 'qbo tokens refreshed')
        return saved.record
      }
      // Someone wrote without holding the lock; keep theirs rather than overwrite a token they may be using.
      return usable(realmId, saved.current)
    })

  const refresh = (realmId: string, staleVersion: number | undefined): Promise<TokenRecord> => {
    const inFlight = flights.get(realmId)
    if (inFlight) return inFlight
    const flight = refreshLocked(realmId, staleVersion).finally(() => flights.delete(realmId))
    flights.set(realmId, flight)
    return flight
  }

  const grant = (r: TokenRecord): AccessGrant => ({ accessToken: r.tokens.accessToken, version: r.version })

  return {
    async accessToken(realmId) {
      const record = usable(realmId, await store.load(realmId))
      if (isFresh(record)) return grant(record)
      return grant(await refresh(realmId, record.version))
    },
    async afterRejection(realmId, rejected) {
      return grant(await refresh(realmId, rejected.version))
    },
    async forceRefresh(realmId) {
      const record = usable(realmId, await store.load(realmId))
      return refresh(realmId, record.version)
    },
    async connect(realmId, response) {
      const tokens = tokensFromResponse(response as Record<string, unknown>, now())
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await store.load(realmId)
        const saved = await store.save(realmId, tokens, current?.version ?? null)
        if (saved.saved) return saved.record
      }
      throw new QboReconnectRequiredError(realmId, 'could not store tokens: the record kept changing')
    },
  }
}
