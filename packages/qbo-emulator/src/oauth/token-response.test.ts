import { createPublicKey, type JsonWebKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ALL_SCOPES,
  CLIENT,
  COMPANIES,
  connect,
  refresh,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'
import type { TokenResponse } from './types'

const fixturesDir = process.env.QBO_FIXTURES_DIR

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
}

/** Verifies a compact RS256 JWS against the published JWKS with node:crypto; returns the claims. */
async function verifyIdToken(idToken: string): Promise<Record<string, unknown>> {
  const [header, payload, signature] = idToken.split('.')
  const { kid, alg } = decodePart(header)
  expect(alg).toBe('RS256')
  const jwks = (await (await fetch(`${server.baseUrl}/op/v1/jwks`)).json()) as {
    keys: Array<JsonWebKey & { kid: string }>
  }
  const jwk = jwks.keys.find((key) => key.kid === kid)
  expect(jwk).toBeDefined()
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
  const isValid = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature ?? '', 'base64url'),
  )
  expect(isValid).toBe(true)
  return decodePart(payload)
}

describe('id_token', () => {
  it('verifies against the JWKS and carries Intuit’s claims', async () => {
    const tokens = await connect(server, { scope: ALL_SCOPES })
    const claims = await verifyIdToken(tokens.id_token ?? '')
    const now = Math.floor(server.clock.now() / 1000)
    expect(Object.keys(claims)).toEqual(['sub', 'aud', 'realmid', 'auth_time', 'iss', 'exp', 'iat'])
    expect(claims).toMatchObject({
      aud: [CLIENT.clientId],
      realmid: COMPANIES[0]!.realmId,
      iss: `${server.baseUrl}/op/v1`,
    })
    expect(Math.abs(Number(claims.iat) - now)).toBeLessThanOrEqual(2)
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600)
    expect(Number(claims.auth_time)).toBeLessThanOrEqual(Number(claims.iat))
  })

  it('is issued again on refresh, keeping auth_time from the consent', async () => {
    const tokens = await connect(server, { scope: ALL_SCOPES })
    const first = await verifyIdToken(tokens.id_token ?? '')
    server.clock.advance(7200_000)
    const renewed = (await (await refresh(server, tokens.refresh_token)).json()) as TokenResponse
    const second = await verifyIdToken(renewed.id_token ?? '')
    expect(second.auth_time).toBe(first.auth_time)
    expect(Number(second.iat) - Number(first.iat)).toBeGreaterThanOrEqual(7200)
  })

  it('fails verification once tampered with', async () => {
    const tokens = await connect(server, { scope: ALL_SCOPES })
    const [header, payload, signature] = (tokens.id_token ?? '').split('.')
    const forged = Buffer.from(JSON.stringify({ ...decodePart(payload), realmid: '1' })).toString('base64url')
    const jwks = (await (await fetch(`${server.baseUrl}/op/v1/jwks`)).json()) as { keys: JsonWebKey[] }
    const key = createPublicKey({ key: jwks.keys[0] as JsonWebKey, format: 'jwk' })
    expect(
      verify('sha256', Buffer.from(`${header}.${forged}`), key, Buffer.from(signature ?? '', 'base64url')),
    ).toBe(false)
  })
})

describe.skipIf(!fixturesDir)('token response against Intuit’s fixture', () => {
  it('has the same keys and value types', async () => {
    const fixture = JSON.parse(
      readFileSync(join(fixturesDir ?? '', 'oauth-token-response.json'), 'utf8'),
    ) as Record<string, unknown>
    const tokens = (await connect(server, { scope: ALL_SCOPES })) as unknown as Record<string, unknown>
    expect(Object.keys(tokens).sort()).toEqual(Object.keys(fixture).sort())
    for (const [key, value] of Object.entries(fixture)) expect(typeof tokens[key], key).toBe(typeof value)
    expect(tokens.x_refresh_token_expires_in).toBe(fixture.x_refresh_token_expires_in)
  })
})
