import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING,
  ALL_SCOPES,
  connect,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'

const fixturesDir = process.env.QBO_FIXTURES_DIR

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

function userinfo(authorization?: string) {
  return fetch(`${server.baseUrl}/v1/openid_connect/userinfo`, {
    headers: authorization === undefined ? {} : { authorization, accept: 'application/json' },
  })
}

describe('userinfo', () => {
  it('returns Intuit’s camelCase claims for every granted scope', async () => {
    const tokens = await connect(server, { scope: ALL_SCOPES })
    const response = await userinfo(`Bearer ${tokens.access_token}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('intuit_tid')).toBeTruthy()
    const claims = (await response.json()) as Record<string, unknown>
    expect(claims).toMatchObject({
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      email: expect.stringContaining('@'),
      emailVerified: true,
      givenName: expect.any(String),
      familyName: expect.any(String),
      phoneNumber: expect.any(String),
      phoneNumberVerified: false,
      address: {
        streetAddress: expect.any(String),
        locality: expect.any(String),
        region: expect.any(String),
        postalCode: expect.any(String),
        country: expect.any(String),
      },
    })
  })

  it('returns only the claims of the granted scopes', async () => {
    const tokens = await connect(server, { scope: `${ACCOUNTING} openid email` })
    const claims = (await (await userinfo(`Bearer ${tokens.access_token}`)).json()) as Record<string, unknown>
    expect(Object.keys(claims)).toEqual(['sub', 'email', 'emailVerified'])
  })

  it('answers 403 insufficient_scope without openid', async () => {
    const tokens = await connect(server, { scope: ACCOUNTING })
    const response = await userinfo(`Bearer ${tokens.access_token}`)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      error_description: 'The openid scope is required',
      error: 'insufficient_scope',
    })
  })

  it.each([
    ['an unknown token', 'Bearer eyJunknown'],
    ['a Basic header', 'Basic abc'],
    ['no header', undefined],
  ])('answers 401 invalid_token for %s', async (_name, authorization) => {
    const response = await userinfo(authorization)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('invalid_token')
    expect(await response.json()).toEqual({ error_description: 'Token invalid', error: 'invalid_token' })
  })
})

describe.skipIf(!fixturesDir)('userinfo against Intuit’s fixture', () => {
  it('has the same keys, in the same order, with the same value types', async () => {
    const fixture = JSON.parse(
      readFileSync(join(fixturesDir ?? '', 'oauth-userinfo.json'), 'utf8'),
    ) as Record<string, unknown>
    const tokens = await connect(server, { scope: ALL_SCOPES })
    const claims = (await (await userinfo(`Bearer ${tokens.access_token}`)).json()) as Record<string, unknown>
    expect(Object.keys(claims)).toEqual(Object.keys(fixture))
    for (const [key, value] of Object.entries(fixture)) expect(typeof claims[key], key).toBe(typeof value)
    expect(Object.keys(claims.address as object)).toEqual(Object.keys(fixture.address as object))
  })
})
