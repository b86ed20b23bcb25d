import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The `intuit-signature` header of a webhook delivery: base64(HMAC-SHA256(key = the app's verifier token,
 * message = the raw request body bytes)) (API-NOTES.md §7, the same for legacy and CloudEvents payloads).
 *
 * @example
 * signWebhookPayload('{"eventNotifications":[]}', '00faeec4-08d0-4996-bb37-698ae19f0149') // base64, 44 chars
 */
export function signWebhookPayload(rawBody: string | Buffer, verifierToken: string): string {
  return createHmac('sha256', Buffer.from(verifierToken, 'utf8')).update(rawBody).digest('base64')
}

/**
 * Checks an `intuit-signature` header against the raw body in constant time, as receivers must (§7).
 *
 * @example
 * verifyWebhookSignature(body, request.headers['intuit-signature'], verifierToken) // true or false
 */
export function verifyWebhookSignature(
  rawBody: string | Buffer,
  signature: string | undefined,
  verifierToken: string,
): boolean {
  if (typeof signature !== 'string' || signature === '') return false
  const expected = Buffer.from(signWebhookPayload(rawBody, verifierToken), 'base64')
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
