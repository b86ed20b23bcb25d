import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createTokenCipher,
  isTokenCryptoError,
  parseKeyring,
  type TokenCryptoErrorCode,
} from './token-crypto'

const key1 = randomBytes(32)
const key2 = randomBytes(32)
const aad = { workspaceId: 'ws_1', realmId: '9130' }
const secret = 'AB11-refresh-token-very-secret-value'

const failure = (action: () => unknown): { code: TokenCryptoErrorCode; message: string } => {
  try {
    action()
  } catch (error) {
    if (isTokenCryptoError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a TokenCryptoError')
}

/** Flips one bit in the given dot-separated part of a ciphertext. */
const tamper = (ciphertext: string, part: number): string => {
  const parts = ciphertext.split('.')
  const bytes = Buffer.from(parts[part] ?? '', 'base64url')
  bytes[0] = (bytes[0] ?? 0) ^ 1
  parts[part] = bytes.toString('base64url')
  return parts.join('.')
}

describe('token encryption', () => {
  const cipher = createTokenCipher({ keys: [{ id: 'k1', key: key1 }], activeKeyId: 'k1' })

  it('decrypts what it encrypted', () => {
    expect(cipher.decrypt(cipher.encrypt(secret, aad), aad)).toBe(secret)
    expect(cipher.decrypt(cipher.encrypt('', aad), aad)).toBe('')
    expect(cipher.decrypt(cipher.encrypt('ünïcødé ✓', aad), aad)).toBe('ünïcødé ✓')
  })

  it('writes a versioned string with the key id, a 96-bit IV and a 128-bit tag, and no plaintext', () => {
    const value = cipher.encrypt(secret, aad)
    const [version, keyId, iv, body, tag] = value.split('.')
    expect([version, keyId]).toEqual(['v1', 'k1'])
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12)
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16)
    expect(Buffer.from(body ?? '', 'base64url')).toHaveLength(Buffer.byteLength(secret))
    expect(value).not.toContain(secret)
  })

  it('uses a fresh IV each time, so equal tokens give different ciphertexts', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => cipher.encrypt(secret, aad).split('.')[2]))
    expect(ivs.size).toBe(50)
  })

  it('refuses a ciphertext moved to another workspace or realm', () => {
    const value = cipher.encrypt(secret, aad)
    expect(failure(() => cipher.decrypt(value, { ...aad, workspaceId: 'ws_2' })).code).toBe(
      'decryption_failed',
    )
    expect(failure(() => cipher.decrypt(value, { ...aad, realmId: '9131' })).code).toBe('decryption_failed')
  })

  it('keeps the workspace and realm apart so that shifting characters between them fails', () => {
    const value = cipher.encrypt(secret, { workspaceId: 'ab', realmId: 'c' })
    expect(failure(() => cipher.decrypt(value, { workspaceId: 'a', realmId: 'bc' })).code).toBe(
      'decryption_failed',
    )
  })

  it.each([
    [2, 'the IV'],
    [3, 'the ciphertext'],
    [4, 'the tag'],
  ])('detects a change to part %i (%s)', (part) => {
    const value = cipher.encrypt(secret, aad)
    expect(failure(() => cipher.decrypt(tamper(value, part), aad)).code).toBe('decryption_failed')
  })

  it('refuses a ciphertext whose key id was rewritten to another configured key', () => {
    const both = createTokenCipher({
      keys: [
        { id: 'k1', key: key1 },
        { id: 'k2', key: key2 },
      ],
      activeKeyId: 'k1',
    })
    const moved = both.encrypt(secret, aad).replace('.k1.', '.k2.')
    expect(failure(() => both.decrypt(moved, aad)).code).toBe('decryption_failed')
  })

  it('refuses a ciphertext under a key it does not have', () => {
    const other = createTokenCipher({ keys: [{ id: 'k9', key: key2 }], activeKeyId: 'k9' })
    const result = failure(() => cipher.decrypt(other.encrypt(secret, aad), aad))
    expect(result.code).toBe('unknown_key')
    expect(result.message).toContain('"k9"')
  })

  it('refuses a ciphertext under the same key id but another key', () => {
    const impostor = createTokenCipher({ keys: [{ id: 'k1', key: key2 }], activeKeyId: 'k1' })
    expect(failure(() => cipher.decrypt(impostor.encrypt(secret, aad), aad)).code).toBe('decryption_failed')
  })

  it.each([
    '',
    'plain-token',
    'v2.k1.a.b.c',
    'v1.k1.AAAA.AAAA',
    'v1.k1.AAAAAAAAAAAAAAAA.AAAA.AAAA',
    'v1.k1.!!!.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
  ])('reports %j as malformed', (value) => {
    expect(failure(() => cipher.decrypt(value, aad)).code).toBe('malformed_ciphertext')
  })

  it('never puts the plaintext, key or ciphertext into an error message', () => {
    const value = cipher.encrypt(secret, aad)
    const messages = [
      failure(() => cipher.decrypt(value, { ...aad, realmId: 'x' })).message,
      failure(() => cipher.decrypt(tamper(value, 3), aad)).message,
      failure(() => cipher.decrypt(`${value}.extra`, aad)).message,
    ]
    for (const message of messages) {
      expect(message).not.toContain(secret)
      expect(message).not.toContain(value.split('.')[3])
      expect(message).not.toContain(key1.toString('base64'))
    }
  })
})

describe('key rotation', () => {
  it('reads old ciphertexts under the previous key and says they need re-encrypting', () => {
    const before = createTokenCipher({ keys: [{ id: 'old', key: key1 }], activeKeyId: 'old' })
    const stored = before.encrypt(secret, aad)
    const after = createTokenCipher({
      keys: [
        { id: 'new', key: key2 },
        { id: 'old', key: key1 },
      ],
      activeKeyId: 'new',
    })
    expect(after.needsReEncryption(stored)).toBe(true)
    const reEncrypted = after.encrypt(after.decrypt(stored, aad), aad)
    expect(reEncrypted.split('.')[1]).toBe('new')
    expect(after.needsReEncryption(reEncrypted)).toBe(false)
    expect(after.decrypt(reEncrypted, aad)).toBe(secret)
  })

  it('reports a malformed ciphertext when asked whether it needs re-encrypting', () => {
    const cipher = createTokenCipher({ keys: [{ id: 'k1', key: key1 }], activeKeyId: 'k1' })
    expect(failure(() => cipher.needsReEncryption('nope')).code).toBe('malformed_ciphertext')
  })
})

describe('keyring configuration', () => {
  const b64 = (key: Buffer) => key.toString('base64')

  it('parses several keys and makes the first one active', () => {
    const ring = parseKeyring(` k2:${b64(key2)} , k1:${b64(key1)} `)
    expect(ring.activeKeyId).toBe('k2')
    expect(ring.keys.map((k) => k.id)).toEqual(['k2', 'k1'])
    expect(ring.keys[1]?.key.equals(key1)).toBe(true)
    const cipher = createTokenCipher(ring)
    expect(cipher.decrypt(cipher.encrypt(secret, aad), aad)).toBe(secret)
  })

  it.each([
    ['', /empty/],
    [' , ', /empty/],
    ['k1', /entry 1 is not in the form/],
    [`bad id:${randomBytes(32).toString('base64')}`, /entry 1 has an invalid id/],
    ['k1:not*base64', /"k1" is not valid base64/],
    [`k1:${randomBytes(16).toString('base64')}`, /"k1" is 16 bytes; it must be 32 bytes/],
    [
      `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`,
      /appears more than once/,
    ],
  ])('rejects %j with a clear message', (value, message) => {
    const result = failure(() => parseKeyring(value))
    expect(result.code).toBe('invalid_keyring')
    expect(result.message).toMatch(message)
  })

  it('never echoes key material in a keyring error', () => {
    const short = randomBytes(31).toString('base64')
    const good = randomBytes(32).toString('base64')
    for (const value of [`k1:${short}`, `k1:${good},k1:${good}`, `k1:${good.slice(0, -2)}`]) {
      const { message } = failure(() => parseKeyring(value))
      expect(message).not.toContain(short)
      expect(message).not.toContain(good)
      expect(message).not.toContain(good.slice(0, 10))
    }
  })

  it('rejects a keyring without the active key, an empty one, and a key of the wrong size', () => {
    expect(
      failure(() => createTokenCipher({ keys: [{ id: 'k1', key: key1 }], activeKeyId: 'k2' })).code,
    ).toBe('invalid_keyring')
    expect(failure(() => createTokenCipher({ keys: [], activeKeyId: 'k1' })).message).toMatch(/no keys/)
    expect(
      failure(() => createTokenCipher({ keys: [{ id: 'k1', key: randomBytes(16) }], activeKeyId: 'k1' }))
        .message,
    ).toMatch(/exactly 32 bytes/)
  })

  it('is not affected by later changes to the key buffer it was given', () => {
    const key = Buffer.from(key1)
    const cipher = createTokenCipher({ keys: [{ id: 'k1', key }], activeKeyId: 'k1' })
    const value = cipher.encrypt(secret, aad)
    key.fill(0)
    expect(cipher.decrypt(value, aad)).toBe(secret)
  })
})
