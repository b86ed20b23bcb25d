import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
} from 'node:crypto'

/**
 * The public half of the signing key as published at `/op/v1/jwks`.
 *
 * @example
 * const [jwk]: PublicJwk[] = keys.jwks().keys
 */
export interface PublicJwk {
  kty: 'RSA'
  e: string
  n: string
  use: 'sig'
  alg: 'RS256'
  kid: string
}

interface KeyPair {
  privateKey: KeyObject
  publicJwk: PublicJwk
}

function toKeyPair(privateKey: KeyObject): KeyPair {
  const { e, n } = createPublicKey(privateKey).export({ format: 'jwk' })
  if (typeof e !== 'string' || typeof n !== 'string')
    throw new TypeError('OAuth signing key must be an RSA key')
  // RFC 7638 thumbprint: stable across restarts as long as the key is restored from a snapshot.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url')
    .slice(0, 20)
  return { privateKey, publicJwk: { kty: 'RSA', e, n, use: 'sig', alg: 'RS256', kid } }
}

/**
 * One key per process, generated on first use: RSA generation costs 0.1–0.5 s, and test suites start many
 * emulators. An emulator's key protects nothing, so sharing it between instances is harmless.
 */
let processKey: KeyPair | undefined

/**
 * The RS256 key that signs id_tokens. Until `restore()` gives an instance its own key, it uses the process's
 * key, generated on first use, so emulators that never sign anything pay nothing. `snapshot()` carries the key
 * across restarts.
 *
 * @example
 * const keys = createSigningKeys()
 * const jwt = keys.signJwt({ sub: 'u', iat: 0 })
 * keys.jwks().keys[0]?.kid // the `kid` in the JWT header
 */
export function createSigningKeys() {
  let pair: KeyPair | undefined

  function current(): KeyPair {
    // 2048 bits: common JOSE libraries (jose, oauth4webapi) refuse smaller RSA keys.
    pair ??= processKey ??= toKeyPair(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)
    return pair
  }

  return {
    /** The JSON Web Key Set document. */
    jwks(): { keys: PublicJwk[] } {
      return { keys: [current().publicJwk] }
    },

    /** A compact JWS (header `{"kid","alg":"RS256"}`, like Intuit's id_tokens) over `claims`. */
    signJwt(claims: Record<string, unknown>): string {
      const { privateKey, publicJwk } = current()
      const header = Buffer.from(JSON.stringify({ kid: publicJwk.kid, alg: 'RS256' })).toString('base64url')
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url')
      return `${header}.${payload}.${signature}`
    },

    /** The private key as a JWK, or `null` when none was generated yet. */
    snapshot(): JsonWebKey | null {
      return pair === undefined ? null : pair.privateKey.export({ format: 'jwk' })
    },

    /** Adopts a key from `snapshot()`; `null` falls back to the process's key. */
    restore(jwk: unknown): void {
      if (jwk === null || jwk === undefined) {
        pair = undefined
        return
      }
      if (typeof jwk !== 'object') throw new TypeError('OAuth snapshot: signingKey must be a JWK object')
      pair = toKeyPair(createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }))
    },
  }
}

/**
 * The signer created by {@link createSigningKeys}.
 *
 * @example
 * const keys: SigningKeys = createSigningKeys()
 */
export type SigningKeys = ReturnType<typeof createSigningKeys>
