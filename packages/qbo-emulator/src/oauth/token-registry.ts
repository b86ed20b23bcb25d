import type { Clock } from '../clock'
import {
  ACCESS_TOKEN_LIFETIME_S,
  AUTHORIZATION_CODE_LIFETIME_MS,
  hardExpiryOf,
  REFRESH_GRACE_MS,
  REFRESH_TOKEN_LIFETIME_S,
} from './lifetimes'
import { type GrantSnapshot, parseRegistrySnapshot, type RegistrySnapshot } from './registry-snapshot'
import { newAccessToken, newAuthorizationCode, newOpaqueId, newRefreshToken } from './token-strings'
import type { AccessTokenInfo } from './types'

/**
 * Who consented to what: the input of a grant.
 *
 * @example
 * registry.createGrant({ clientId: 'app', realmId: '1', scopes: ['com.intuit.quickbooks.accounting'], sub: 'u' })
 */
export interface GrantInput {
  clientId: string
  realmId: string
  scopes: string[]
  sub: string
}

/**
 * The tokens minted by a code exchange or a refresh, with what the token response needs.
 *
 * @example
 * const minted: MintedTokens | undefined = registry.refresh(refreshToken, clientId)
 */
export interface MintedTokens {
  grant: GrantInput & { consentedAtMs: number }
  accessToken: string
  refreshToken: string
  issuedAtMs: number
  refreshExpiresInS: number
  hardExpiresInS: number
}

interface Grant extends GrantSnapshot {
  info: AccessTokenInfo
  accessTokens: Set<string>
  refreshTokens: Set<string>
}

interface RefreshRecord {
  grant: Grant
  supersededAtMs: number | undefined
}

interface AccessRecord {
  grant: Grant
  expiresAtMs: number
}

type CodeRecord = RegistrySnapshot['codes'][number]

/** Expired records are dropped every this many writes, so memory stays bounded under load. */
const SWEEP_EVERY_WRITES = 256

/**
 * The token registry: codes, grants, refresh-token chains and access tokens, all timed by `clock`.
 *
 * Rotation policy (API-NOTES.md §10): every refresh with the latest refresh token issues a new one and
 * supersedes the old. A superseded token keeps working for 24 hours; using it then mints a new access
 * token and answers with the chain's *current* latest refresh token (no further rotation), so two workers
 * racing on one token both end up holding the same latest token. After the grace period it is
 * `invalid_grant`. Each successful refresh restarts the rolling 101-day life, never past the 5-year cap.
 *
 * @example
 * const registry = createTokenRegistry(createClock())
 * const minted = registry.createGrant({ clientId: 'app', realmId: '1', scopes: ['com.intuit.quickbooks.accounting'], sub: 'u' })
 * registry.verifyAccessToken(minted.accessToken)?.realmId // '1'
 */
export function createTokenRegistry(clock: Clock) {
  const grants = new Map<string, Grant>()
  const refreshTokens = new Map<string, RefreshRecord>()
  const accessTokens = new Map<string, AccessRecord>()
  const codes = new Map<string, CodeRecord>()
  let writes = 0

  function noteWrite(): void {
    writes += 1
    if (writes % SWEEP_EVERY_WRITES === 0) sweep()
  }

  function addGrant(snapshot: GrantSnapshot): Grant {
    const info: AccessTokenInfo = Object.freeze({
      realmId: snapshot.realmId,
      clientId: snapshot.clientId,
      scopes: Object.freeze([...snapshot.scopes]) as string[],
      sub: snapshot.sub,
    })
    const grant: Grant = { ...snapshot, info, accessTokens: new Set(), refreshTokens: new Set() }
    grants.set(grant.id, grant)
    return grant
  }

  function endGrant(grant: Grant): void {
    for (const token of grant.accessTokens) accessTokens.delete(token)
    for (const token of grant.refreshTokens) refreshTokens.delete(token)
    grants.delete(grant.id)
  }

  function addRefreshToken(grant: Grant, token: string, supersededAtMs: number | undefined): void {
    refreshTokens.set(token, { grant, supersededAtMs })
    grant.refreshTokens.add(token)
  }

  function addAccessToken(grant: Grant, token: string, expiresAtMs: number): void {
    accessTokens.set(token, { grant, expiresAtMs })
    grant.accessTokens.add(token)
  }

  function mint(grant: Grant, nowMs: number): MintedTokens {
    const accessToken = newAccessToken()
    addAccessToken(grant, accessToken, nowMs + ACCESS_TOKEN_LIFETIME_S * 1000)
    noteWrite()
    return {
      grant: {
        clientId: grant.clientId,
        realmId: grant.realmId,
        scopes: [...grant.scopes],
        sub: grant.sub,
        consentedAtMs: grant.consentedAtMs,
      },
      accessToken,
      refreshToken: grant.latestRefreshToken,
      issuedAtMs: nowMs,
      refreshExpiresInS: Math.floor((grant.refreshExpiresAtMs - nowMs) / 1000),
      hardExpiresInS: Math.floor((grant.hardExpiresAtMs - nowMs) / 1000),
    }
  }

  function isGrantAlive(grant: Grant, nowMs: number): boolean {
    return nowMs < grant.refreshExpiresAtMs && nowMs < grant.hardExpiresAtMs
  }

  function rollingExpiry(grant: Grant, nowMs: number): number {
    return Math.min(nowMs + REFRESH_TOKEN_LIFETIME_S * 1000, grant.hardExpiresAtMs)
  }

  function createGrant(input: GrantInput, consentedAtMs = clock.now()): MintedTokens {
    const nowMs = clock.now()
    const hardExpiresAtMs = hardExpiryOf(consentedAtMs)
    const refreshToken = newRefreshToken()
    const grant = addGrant({
      id: newOpaqueId(),
      ...input,
      scopes: [...input.scopes],
      consentedAtMs,
      hardExpiresAtMs,
      refreshExpiresAtMs: Math.min(nowMs + REFRESH_TOKEN_LIFETIME_S * 1000, hardExpiresAtMs),
      latestRefreshToken: refreshToken,
    })
    addRefreshToken(grant, refreshToken, undefined)
    return mint(grant, nowMs)
  }

  function sweep(): void {
    const nowMs = clock.now()
    for (const [code, record] of codes) if (nowMs >= record.expiresAtMs) codes.delete(code)
    for (const grant of grants.values()) {
      if (!isGrantAlive(grant, nowMs)) {
        endGrant(grant)
        continue
      }
      for (const token of grant.accessTokens) {
        const record = accessTokens.get(token)
        if (record === undefined || nowMs >= record.expiresAtMs) {
          accessTokens.delete(token)
          grant.accessTokens.delete(token)
        }
      }
      for (const token of grant.refreshTokens) {
        const record = refreshTokens.get(token)
        if (record?.supersededAtMs !== undefined && nowMs >= record.supersededAtMs + REFRESH_GRACE_MS) {
          refreshTokens.delete(token)
          grant.refreshTokens.delete(token)
        }
      }
    }
  }

  return {
    /** Stores a single-use authorization code for an approved consent. */
    issueCode(input: GrantInput & { redirectUri: string }): string {
      const code = newAuthorizationCode()
      const nowMs = clock.now()
      codes.set(code, {
        code,
        ...input,
        scopes: [...input.scopes],
        consentedAtMs: nowMs,
        expiresAtMs: nowMs + AUTHORIZATION_CODE_LIFETIME_MS,
        isUsed: false,
      })
      noteWrite()
      return code
    },

    /**
     * Exchanges a code; `undefined` means `invalid_grant` (unknown, expired, reused, another client's, or a
     * different redirect_uri). A redirect_uri mismatch does not consume the code.
     */
    exchangeCode(code: string, clientId: string, redirectUri: string): MintedTokens | undefined {
      const record = codes.get(code)
      if (record === undefined || record.clientId !== clientId) return undefined
      if (clock.now() >= record.expiresAtMs) {
        codes.delete(code)
        return undefined
      }
      if (record.isUsed || record.redirectUri !== redirectUri) return undefined
      record.isUsed = true
      const { realmId, scopes, sub } = record
      return createGrant({ clientId, realmId, scopes, sub }, record.consentedAtMs)
    },

    /** Starts a grant directly, as if a code had just been exchanged. */
    createGrant(input: GrantInput): MintedTokens {
      return createGrant(input)
    },

    /** Refreshes per the rotation policy above; `undefined` means `invalid_grant`. */
    refresh(refreshToken: string, clientId: string): MintedTokens | undefined {
      const record = refreshTokens.get(refreshToken)
      if (record === undefined || record.grant.clientId !== clientId) return undefined
      const { grant } = record
      const nowMs = clock.now()
      if (!isGrantAlive(grant, nowMs)) {
        endGrant(grant)
        return undefined
      }
      if (record.supersededAtMs !== undefined) {
        if (nowMs >= record.supersededAtMs + REFRESH_GRACE_MS) {
          refreshTokens.delete(refreshToken)
          grant.refreshTokens.delete(refreshToken)
          return undefined
        }
      } else {
        record.supersededAtMs = nowMs
        grant.latestRefreshToken = newRefreshToken()
        addRefreshToken(grant, grant.latestRefreshToken, undefined)
      }
      grant.refreshExpiresAtMs = rollingExpiry(grant, nowMs)
      return mint(grant, nowMs)
    },

    /** O(1): one map lookup and one clock read. */
    verifyAccessToken(token: string): AccessTokenInfo | undefined {
      const record = accessTokens.get(token)
      if (record === undefined || clock.now() >= record.expiresAtMs) return undefined
      return record.grant.info
    },

    /** Ends the grant behind an access or refresh token of `clientId`; `false` when there is none. */
    revoke(token: string, clientId: string): boolean {
      const grant = (accessTokens.get(token) ?? refreshTokens.get(token))?.grant
      if (grant === undefined || grant.clientId !== clientId) return false
      endGrant(grant)
      return true
    },

    /** How many records are held (expired ones included until the next sweep). */
    counts(): { grants: number; refreshTokens: number; accessTokens: number; codes: number } {
      return {
        grants: grants.size,
        refreshTokens: refreshTokens.size,
        accessTokens: accessTokens.size,
        codes: codes.size,
      }
    },

    /** Live records as plain data (expired ones are dropped first). */
    snapshot(): RegistrySnapshot {
      sweep()
      return {
        grants: [...grants.values()].map(({ info, accessTokens: _a, refreshTokens: _r, ...rest }) => ({
          ...rest,
          scopes: [...rest.scopes],
        })),
        refreshTokens: [...refreshTokens].map(([token, record]) => ({
          token,
          grantId: record.grant.id,
          supersededAtMs: record.supersededAtMs ?? null,
        })),
        accessTokens: [...accessTokens].map(([token, record]) => ({
          token,
          grantId: record.grant.id,
          expiresAtMs: record.expiresAtMs,
        })),
        codes: [...codes.values()].map((record) => ({ ...record, scopes: [...record.scopes] })),
      }
    },

    /** Replaces every record with those of `value`; throws a `TypeError` (and changes nothing) when malformed. */
    restore(value: unknown): void {
      const snapshot = parseRegistrySnapshot(value)
      grants.clear()
      refreshTokens.clear()
      accessTokens.clear()
      codes.clear()
      for (const grant of snapshot.grants) addGrant({ ...grant, scopes: [...grant.scopes] })
      for (const { token, grantId, supersededAtMs } of snapshot.refreshTokens) {
        const grant = grants.get(grantId)
        if (grant !== undefined) addRefreshToken(grant, token, supersededAtMs ?? undefined)
      }
      for (const { token, grantId, expiresAtMs } of snapshot.accessTokens) {
        const grant = grants.get(grantId)
        if (grant !== undefined) addAccessToken(grant, token, expiresAtMs)
      }
      for (const code of snapshot.codes) codes.set(code.code, { ...code, scopes: [...code.scopes] })
    },
  }
}

/**
 * The registry created by {@link createTokenRegistry}.
 *
 * @example
 * const registry: TokenRegistry = createTokenRegistry(createClock())
 */
export type TokenRegistry = ReturnType<typeof createTokenRegistry>
