import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Checks Intuit's `intuit-signature` header: base64(HMAC-SHA256(key = the app's verifier token, message = the
 * raw request body bytes)), compared in constant time (API-NOTES §7). The same scheme signs both payload
 * formats. The body must be the bytes as received: re-serialised JSON would not match.
 * @example
 * isIntuitSignatureValid(rawBody, request.headers['intuit-signature'], verifierToken) // true or false
 */
export const isIntuitSignatureValid = (
  rawBody: Buffer,
  signature: string | string[] | undefined,
  verifierToken: string,
): boolean => {
  if (typeof signature !== 'string' || signature === '' || verifierToken === '') return false
  const expected = createHmac('sha256', Buffer.from(verifierToken, 'utf8')).update(rawBody).digest()
  const given = Buffer.from(signature.trim(), 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
