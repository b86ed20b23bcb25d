import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signWebhookPayload, verifyWebhookSignature } from './signature'

const fixturesDir = process.env.QBO_FIXTURES_DIR

// Computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac TOKEN -binary | base64
const BODY =
  '{"eventNotifications":[{"realmId":"9130357766900456","dataChangeEvent":{"entities":[{"name":"Invoice","id":"130","operation":"Void","lastUpdated":"2026-11-24T16:15:00.000Z"}]}}]}'
const TOKEN = 'ledgerlink-verifier-token'
const SIGNATURE = '3BXxNYZjvInEStDCibeEp9EASIKcN4TiwI5GRjONWgo='

describe('signWebhookPayload', () => {
  it('computes base64 HMAC-SHA256 of the raw body keyed by the verifier token', () => {
    expect(signWebhookPayload(BODY, TOKEN)).toBe(SIGNATURE)
    expect(signWebhookPayload(Buffer.from(BODY, 'utf8'), TOKEN)).toBe(SIGNATURE)
  })

  it('changes when one byte of the body or the token changes', () => {
    expect(signWebhookPayload(`${BODY} `, TOKEN)).not.toBe(SIGNATURE)
    expect(signWebhookPayload(BODY, `${TOKEN}x`)).not.toBe(SIGNATURE)
  })
})

describe('verifyWebhookSignature', () => {
  it('accepts the matching signature', () => {
    expect(verifyWebhookSignature(BODY, SIGNATURE, TOKEN)).toBe(true)
  })

  it('rejects a tampered body, another token, and a missing or malformed header', () => {
    expect(verifyWebhookSignature(BODY.replace('130', '131'), SIGNATURE, TOKEN)).toBe(false)
    expect(verifyWebhookSignature(BODY, SIGNATURE, 'another-token')).toBe(false)
    expect(verifyWebhookSignature(BODY, undefined, TOKEN)).toBe(false)
    expect(verifyWebhookSignature(BODY, '', TOKEN)).toBe(false)
    expect(verifyWebhookSignature(BODY, 'not base64 at all', TOKEN)).toBe(false)
    expect(verifyWebhookSignature(BODY, SIGNATURE.slice(0, 20), TOKEN)).toBe(false)
  })
})

describe.skipIf(!fixturesDir)('the Intuit SDK signature test vector (fixtures)', () => {
  it('signs the vector body to the header Intuit sent, and verifies it', () => {
    const vector = JSON.parse(
      readFileSync(join(fixturesDir ?? '', 'webhook-signature-test-vector.json'), 'utf8'),
    ) as {
      verifierToken: string
      intuitSignatureHeader: string
      rawBody: string
    }
    expect(signWebhookPayload(vector.rawBody, vector.verifierToken)).toBe(vector.intuitSignatureHeader)
    expect(verifyWebhookSignature(vector.rawBody, vector.intuitSignatureHeader, vector.verifierToken)).toBe(
      true,
    )
  })
})
