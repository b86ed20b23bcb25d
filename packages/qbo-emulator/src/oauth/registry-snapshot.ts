/**
 * The JSON-safe form of the token registry, and a strict reader for it (persisted files are input too).
 */

/**
 * One grant: a user's consent for a client to reach a company, and its refresh-token chain.
 *
 * @example
 * const grants: GrantSnapshot[] = registry.snapshot().grants
 */
export interface GrantSnapshot {
  id: string
  clientId: string
  realmId: string
  scopes: string[]
  sub: string
  consentedAtMs: number
  hardExpiresAtMs: number
  refreshExpiresAtMs: number
  latestRefreshToken: string
}

/**
 * Everything the registry holds, as plain data.
 *
 * @example
 * const snapshot: RegistrySnapshot = registry.snapshot()
 */
export interface RegistrySnapshot {
  grants: GrantSnapshot[]
  refreshTokens: Array<{ token: string; grantId: string; supersededAtMs: number | null }>
  accessTokens: Array<{ token: string; grantId: string; expiresAtMs: number }>
  codes: Array<{
    code: string
    clientId: string
    redirectUri: string
    realmId: string
    scopes: string[]
    sub: string
    consentedAtMs: number
    expiresAtMs: number
    isUsed: boolean
  }>
}

type Shape = Record<string, 'string' | 'number' | 'boolean' | 'strings' | 'number|null'>

const GRANT: Shape = {
  id: 'string',
  clientId: 'string',
  realmId: 'string',
  scopes: 'strings',
  sub: 'string',
  consentedAtMs: 'number',
  hardExpiresAtMs: 'number',
  refreshExpiresAtMs: 'number',
  latestRefreshToken: 'string',
}
const REFRESH: Shape = { token: 'string', grantId: 'string', supersededAtMs: 'number|null' }
const ACCESS: Shape = { token: 'string', grantId: 'string', expiresAtMs: 'number' }
const CODE: Shape = {
  code: 'string',
  clientId: 'string',
  redirectUri: 'string',
  realmId: 'string',
  scopes: 'strings',
  sub: 'string',
  consentedAtMs: 'number',
  expiresAtMs: 'number',
  isUsed: 'boolean',
}

function matches(value: unknown, kind: Shape[string]): boolean {
  switch (kind) {
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
    case 'number|null':
      return value === null || Number.isFinite(value)
    case 'number':
      return Number.isFinite(value)
    default:
      return typeof value === kind
  }
}

function readList(source: Record<string, unknown>, key: string, shape: Shape): void {
  const list = source[key]
  if (!Array.isArray(list)) throw new TypeError(`OAuth snapshot: "${key}" must be an array`)
  list.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null)
      throw new TypeError(`OAuth snapshot: ${key}[${index}] is not an object`)
    for (const [field, kind] of Object.entries(shape)) {
      if (!matches((item as Record<string, unknown>)[field], kind)) {
        throw new TypeError(`OAuth snapshot: ${key}[${index}].${field} must be ${kind}`)
      }
    }
  })
}

/**
 * Checks that `value` has the shape of a {@link RegistrySnapshot}; throws a `TypeError` naming the first bad field.
 *
 * @example
 * const snapshot = parseRegistrySnapshot(JSON.parse(text))
 */
export function parseRegistrySnapshot(value: unknown): RegistrySnapshot {
  if (typeof value !== 'object' || value === null)
    throw new TypeError('OAuth snapshot: registry must be an object')
  const source = value as Record<string, unknown>
  readList(source, 'grants', GRANT)
  readList(source, 'refreshTokens', REFRESH)
  readList(source, 'accessTokens', ACCESS)
  readList(source, 'codes', CODE)
  return source as unknown as RegistrySnapshot
}
