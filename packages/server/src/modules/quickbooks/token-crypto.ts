/**
 * Encryption of OAuth tokens at rest (DESIGN.md §2: secrets encrypted with a key from the environment).
 * AES-256-GCM with a random 96-bit IV per message. The workspace and realm are bound in as additional
 * authenticated data, so a ciphertext copied to another workspace's or realm's row fails to decrypt instead of
 * handing one company's tokens to another. Several keys can be configured for rotation: new ciphertexts use the
 * active key, older ones still decrypt under their own key id until re-encrypted.
 *
 * Format: `v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** One encryption key: a short id (kept in every ciphertext) and 32 random bytes. */
export interface TokenKey {
  id: string
  key: Buffer
}

/** What a token ciphertext is bound to. */
export interface TokenAad {
  workspaceId: string
  realmId: string
}

/** Why encryption could not be set up or a token could not be decrypted. */
export type TokenCryptoErrorCode =
  | 'invalid_keyring'
  | 'unknown_key'
  | 'malformed_ciphertext'
  | 'decryption_failed'

/** A failure to configure, encrypt or decrypt. Messages never contain key material, plaintext or ciphertext. */
export class TokenCryptoError extends Error {
  constructor(
    readonly code: TokenCryptoErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'TokenCryptoError'
  }
}

/** Type guard for {@link TokenCryptoError}. */
export const isTokenCryptoError = (error: unknown): error is TokenCryptoError =>
  error instanceof TokenCryptoError

/** Encrypts and decrypts tokens under a keyring. */
export interface TokenCipher {
  readonly activeKeyId: string
  encrypt(plaintext: string, aad: TokenAad): string
  /** Throws {@link TokenCryptoError}: `unknown_key`, `malformed_ciphertext` or `decryption_failed`. */
  decrypt(ciphertext: string, aad: TokenAad): string
  /** True when the ciphertext is not under the active key (re-encrypt it after a successful decrypt). */
  needsReEncryption(ciphertext: string): boolean
}

const VERSION = 'v1'
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/
const IV_BYTES = 12
const TAG_BYTES = 16
const B64URL = /^[A-Za-z0-9_-]*$/

/** The AAD bytes: version, key id and the binding, in a form where no two inputs give the same bytes. */
function aadBytes(keyId: string, aad: TokenAad): Buffer {
  return Buffer.from(JSON.stringify([VERSION, keyId, aad.workspaceId, aad.realmId]), 'utf8')
}

function requireKeyring(keys: readonly TokenKey[], activeKeyId: string): Map<string, Buffer> {
  if (keys.length === 0) throw new TokenCryptoError('invalid_keyring', 'The token keyring has no keys.')
  const byId = new Map<string, Buffer>()
  for (const [index, entry] of keys.entries()) {
    if (!KEY_ID.test(entry.id))
      throw new TokenCryptoError(
        'invalid_keyring',
        `Token key ${index + 1} has an invalid id: use 1–32 letters, digits, "_" or "-".`,
      )
    if (byId.has(entry.id))
      throw new TokenCryptoError('invalid_keyring', `Token key id "${entry.id}" appears more than once.`)
    if (!Buffer.isBuffer(entry.key) || entry.key.length !== 32)
      throw new TokenCryptoError('invalid_keyring', `Token key "${entry.id}" must be exactly 32 bytes.`)
    byId.set(entry.id, Buffer.from(entry.key))
  }
  if (!byId.has(activeKeyId))
    throw new TokenCryptoError('invalid_keyring', 'The active token key id is not in the keyring.')
  return byId
}

interface Envelope {
  keyId: string
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

function parseEnvelope(value: string): Envelope {
  const malformed = () =>
    new TokenCryptoError('malformed_ciphertext', 'The stored token is not in a format Ledgerlink can read.')
  if (typeof value !== 'string') throw malformed()
  const parts = value.split('.')
  if (parts.length !== 5) throw malformed()
  const [version = '', keyId = '', iv = '', ciphertext = '', tag = ''] = parts
  if (version !== VERSION || !KEY_ID.test(keyId) || ![iv, ciphertext, tag].every((p) => B64URL.test(p)))
    throw malformed()
  const envelope = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  }
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed()
  return envelope
}

/**
 * Creates a cipher over a keyring. Throws `invalid_keyring` for no keys, a bad or duplicate id, a key that is not
 * 32 bytes, or an active id that is not in the keyring. The key buffers are copied.
 * @example
 * const cipher = createTokenCipher({ keys: [{ id: 'k1', key: randomBytes(32) }], activeKeyId: 'k1' })
 * cipher.decrypt(cipher.encrypt('secret', { workspaceId: 'w', realmId: 'r' }), { workspaceId: 'w', realmId: 'r' }) // 'secret'
 */
export function createTokenCipher(options: { keys: readonly TokenKey[]; activeKeyId: string }): TokenCipher {
  const keys = requireKeyring(options.keys, options.activeKeyId)
  const activeKeyId = options.activeKeyId
  return {
    activeKeyId,
    encrypt(plaintext, aad) {
      const key = keys.get(activeKeyId) as Buffer
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(aadBytes(activeKeyId, aad))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [VERSION, activeKeyId, iv, ciphertext, tag]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.')
    },
    decrypt(value, aad) {
      const envelope = parseEnvelope(value)
      const key = keys.get(envelope.keyId)
      if (!key)
        throw new TokenCryptoError(
          'unknown_key',
          `The stored token was encrypted with key "${envelope.keyId}", which is not configured.`,
        )
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv, { authTagLength: TAG_BYTES })
        decipher.setAAD(aadBytes(envelope.keyId, aad))
        decipher.setAuthTag(envelope.tag)
        return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8')
      } catch {
        // GCM cannot tell a wrong binding from tampering; both mean "do not trust this token".
        throw new TokenCryptoError(
          'decryption_failed',
          'The stored token could not be decrypted: it was altered or belongs to another workspace or company.',
        )
      }
    },
    needsReEncryption(value) {
      return parseEnvelope(value).keyId !== activeKeyId
    },
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * Parses a keyring from configuration text `keyId:base64key,keyId2:base64key` (standard base64 of 32 bytes,
 * e.g. `openssl rand -base64 32`). The first key is the active one; list the new key first when rotating.
 * Errors name the entry by position and id, never its key.
 * @example
 * parseKeyring(`k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`).activeKeyId // 'k2'
 */
export function parseKeyring(envValue: string): { keys: TokenKey[]; activeKeyId: string } {
  const entries = envValue
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0)
    throw new TokenCryptoError('invalid_keyring', 'The token keyring is empty: expected "keyId:base64key".')
  const keys = entries.map((entry, index): TokenKey => {
    const colon = entry.indexOf(':')
    if (colon === -1)
      throw new TokenCryptoError(
        'invalid_keyring',
        `Token key entry ${index + 1} is not in the form "keyId:base64key".`,
      )
    const id = entry.slice(0, colon).trim()
    const encoded = entry.slice(colon + 1).trim()
    if (!KEY_ID.test(id))
      throw new TokenCryptoError(
        'invalid_keyring',
        `Token key entry ${index + 1} has an invalid id: use 1–32 letters, digits, "_" or "-".`,
      )
    if (!BASE64.test(encoded))
      throw new TokenCryptoError('invalid_keyring', `Token key "${id}" is not valid base64.`)
    const key = Buffer.from(encoded, 'base64')
    if (key.length !== 32)
      throw new TokenCryptoError(
        'invalid_keyring',
        `Token key "${id}" is ${key.length} bytes; it must be 32 bytes (openssl rand -base64 32).`,
      )
    return { id, key }
  })
  const activeKeyId = keys[0]?.id ?? ''
  requireKeyring(keys, activeKeyId)
  return { keys, activeKeyId }
}
