import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestOAuthServer, type TestOAuthServer } from './oauth-test-harness'

const fixturesDir = process.env.QBO_FIXTURES_DIR

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

async function discovery(path = '/.well-known/openid-configuration') {
  const response = await fetch(`${server.baseUrl}${path}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return (await response.json()) as Record<string, unknown>
}

describe('discovery', () => {
  it('points every endpoint at the emulator itself', async () => {
    const document = await discovery()
    expect(document).toMatchObject({
      issuer: `${server.baseUrl}/op/v1`,
      authorization_endpoint: `${server.baseUrl}/connect/oauth2`,
      token_endpoint: `${server.baseUrl}/oauth2/v1/tokens/bearer`,
      revocation_endpoint: `${server.baseUrl}/oauth2/v1/tokens/revoke`,
      userinfo_endpoint: `${server.baseUrl}/v1/openid_connect/userinfo`,
      jwks_uri: `${server.baseUrl}/op/v1/jwks`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    })
  })

  it('serves the same document under Intuit’s alias names', async () => {
    const canonical = await discovery()
    for (const alias of [
      '/.well-known/openid_configuration',
      '/.well-known/openid_sandbox_configuration',
      '/.well-known/openid-sandbox-configuration',
    ]) {
      expect(await discovery(alias)).toEqual(canonical)
    }
  })

  it('sends an intuit_tid header', async () => {
    const response = await fetch(`${server.baseUrl}/.well-known/openid-configuration`)
    expect(response.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]+-[0-9a-f]{24}$/)
  })

  it('publishes one RS256 signing key at the JWKS endpoint', async () => {
    const response = await fetch(`${server.baseUrl}/op/v1/jwks`)
    expect(response.status).toBe(200)
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> }
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' })
    expect(keys[0]).not.toHaveProperty('d')
  })
})

describe.skipIf(!fixturesDir)('discovery against Intuit’s sandbox document', () => {
  it('has the same keys, in the same order, and the same supported lists', async () => {
    const fixture = JSON.parse(
      readFileSync(join(fixturesDir ?? '', 'oauth-discovery-sandbox.json'), 'utf8'),
    ) as Record<string, unknown>
    const document = await discovery()
    expect(Object.keys(document)).toEqual(Object.keys(fixture))
    for (const [key, value] of Object.entries(fixture)) {
      if (Array.isArray(value)) expect(document[key], key).toEqual(value)
      else expect(new URL(String(document[key])).pathname, key).toMatch(/^\/[\w/.-]+$/)
    }
    // Paths mirror Intuit's where the emulator can keep them (one origin instead of several hosts).
    for (const key of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'issuer',
    ]) {
      expect(new URL(String(document[key])).pathname, key).toBe(new URL(String(fixture[key])).pathname)
    }
  })
})
