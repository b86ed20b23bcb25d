import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING,
  ALL_SCOPES,
  approve,
  basic,
  CLIENT,
  COMPANIES,
  connect,
  OTHER_CLIENT,
  postToken,
  REDIRECT_URI,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'

const fixturesDir = process.env.QBO_FIXTURES_DIR
const INVALID_GRANT_TEXT = '{"error_description":"Token invalid","error":"invalid_grant"}'

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

async function expectError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('intuit_tid')).toBeTruthy()
  const body = (await response.json()) as Record<string, unknown>
  expect(body.error).toBe(error)
  return body
}

async function expectInvalidGrant(response: Response) {
  expect(response.status).toBe(400)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  expect(await response.text()).toBe(INVALID_GRANT_TEXT)
}

const exchange = (code: string, redirectUri = REDIRECT_URI, headers?: Record<string, string>) =>
  postToken(server, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, headers)

describe('code exchange', () => {
  it('returns Intuit’s token response for the approved company', async () => {
    const { code, realmId } = await approve(server, { realmId: COMPANIES[1]!.realmId, scope: ALL_SCOPES })
    const response = await exchange(code)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('intuit_tid')).toMatch(/^1-/)
    const body = (await response.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'id_token',
        'refresh_token',
        'token_type',
        'x_refresh_token_expires_in',
      ].sort(),
    )
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    })
    expect(body.refresh_token).toMatch(/^L0\w{48}$/)
    expect(server.oauth.verifyAccessToken(String(body.access_token))).toEqual({
      realmId,
      clientId: CLIENT.clientId,
      scopes: [ACCOUNTING, 'openid', 'profile', 'email', 'phone', 'address'],
      sub: expect.any(String),
    })
  })

  it('leaves out id_token when openid was not granted', async () => {
    const tokens = await connect(server, { scope: ACCOUNTING })
    expect(tokens.id_token).toBeUndefined()
    expect(tokens.access_token).toBeTruthy()
  })

  it('accepts client_secret_post as well as Basic', async () => {
    const { code } = await approve(server)
    const response = await postToken(
      server,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      },
      {},
    )
    expect(response.status).toBe(200)
  })

  it('refuses a code the second time it is presented', async () => {
    const { code } = await approve(server)
    expect((await exchange(code)).status).toBe(200)
    await expectInvalidGrant(await exchange(code))
  })

  it('refuses a code after ten minutes', async () => {
    const { code } = await approve(server)
    server.clock.advance(10 * 60 * 1000 + 1)
    await expectInvalidGrant(await exchange(code))
  })

  it('accepts a code just before ten minutes have passed', async () => {
    const { code } = await approve(server)
    server.clock.advance(10 * 60 * 1000 - 1000)
    expect((await exchange(code)).status).toBe(200)
  })

  it('refuses a redirect_uri other than the one used to authorize, without using up the code', async () => {
    const { code } = await approve(server)
    await expectInvalidGrant(await exchange(code, CLIENT.redirectUris[1]))
    expect((await exchange(code)).status).toBe(200)
  })

  it('refuses another app’s code', async () => {
    const { code } = await approve(server)
    await expectInvalidGrant(
      await exchange(code, REDIRECT_URI, {
        authorization: basic(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret),
      }),
    )
    expect((await exchange(code)).status).toBe(200)
  })
})

describe('client authentication', () => {
  it.each([
    ['a wrong secret by Basic', { authorization: basic(CLIENT.clientId, 'wrong') }, {}],
    ['an unknown client by Basic', { authorization: basic('nobody', CLIENT.clientSecret) }, {}],
    ['a Basic header without a colon', { authorization: `Basic ${Buffer.from('x').toString('base64')}` }, {}],
    ['no credentials at all', {}, {}],
    ['a wrong secret by post', {}, { client_id: CLIENT.clientId, client_secret: 'wrong' }],
    ['a client_id alone', {}, { client_id: CLIENT.clientId }],
    [
      'a body client_id differing from Basic',
      { authorization: basic(CLIENT.clientId, CLIENT.clientSecret) },
      { client_id: 'other-app' },
    ],
  ])('answers 401 invalid_client for %s', async (_name, headers, body) => {
    const { code } = await approve(server)
    const response = await postToken(
      server,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...body },
      headers,
    )
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('{"error":"invalid_client"}')
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/)
    expect((await exchange(code)).status).toBe(200)
  })

  it('accepts Basic credentials form-encoded as RFC 6749 asks', async () => {
    const tokens = server.oauth.issueTokens(COMPANIES[0]!.realmId, OTHER_CLIENT.clientId)
    const encoded = (text: string) => encodeURIComponent(text).replace(/%20/g, '+')
    const raw = await postToken(
      server,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basic(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret) },
    )
    expect(raw.status).toBe(200)
    const { refresh_token } = (await raw.json()) as { refresh_token: string }
    const form = await postToken(
      server,
      { grant_type: 'refresh_token', refresh_token },
      { authorization: basic(encoded(OTHER_CLIENT.clientId), encoded(OTHER_CLIENT.clientSecret)) },
    )
    expect(form.status).toBe(200)
  })

  it('refuses two authentication methods at once', async () => {
    const response = await postToken(server, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_secret: CLIENT.clientSecret,
    })
    await expectError(response, 400, 'invalid_request')
  })
})

describe('token request validation', () => {
  it.each([
    ['no grant_type', {}, 'invalid_request', 'Missing parameter: grant_type'],
    [
      'an unsupported grant_type',
      { grant_type: 'client_credentials' },
      'unsupported_grant_type',
      'Unsupported grant_type',
    ],
    [
      'an exchange without code',
      { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI },
      'invalid_request',
      'Missing parameter: code',
    ],
    [
      'an exchange without redirect_uri',
      { grant_type: 'authorization_code', code: 'AB11x' },
      'invalid_request',
      'Missing parameter: redirect_uri',
    ],
    [
      'a refresh without refresh_token',
      { grant_type: 'refresh_token' },
      'invalid_request',
      'Missing parameter: refresh_token',
    ],
  ])('answers 400 for %s', async (_name, params, error, description) => {
    const response = await postToken(server, params)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error_description: description, error })
  })

  it('refuses a repeated parameter', async () => {
    const response = await fetch(`${server.baseUrl}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(CLIENT.clientId, CLIENT.clientSecret),
      },
      body: 'grant_type=refresh_token&refresh_token=a&refresh_token=b',
    })
    expect(await expectError(response, 400, 'invalid_request')).toMatchObject({
      error_description: 'Parameter repeated: refresh_token',
    })
  })

  it('refuses a JSON body', async () => {
    const response = await fetch(`${server.baseUrl}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: basic(CLIENT.clientId, CLIENT.clientSecret),
      },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    })
    await expectError(response, 400, 'invalid_request')
  })

  it('answers a malformed body with invalid_request, not a server error', async () => {
    const response = await fetch(`${server.baseUrl}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: basic(CLIENT.clientId, CLIENT.clientSecret) },
      body: '<grant/>',
    })
    await expectError(response, 400, 'invalid_request')
  })

  it('counts every request that reaches the token endpoint', async () => {
    const before = server.oauth.tokenRequestCount()
    await postToken(server, { grant_type: 'refresh_token', refresh_token: 'unknown' })
    await postToken(server, {}, {})
    expect(server.oauth.tokenRequestCount()).toBe(before + 2)
  })
})

describe.skipIf(!fixturesDir)('token errors against Intuit’s fixture', () => {
  it('answers invalid_grant with exactly Intuit’s body', async () => {
    const fixture = readFileSync(join(fixturesDir ?? '', 'oauth-error-invalid-grant.json'), 'utf8')
    const response = await postToken(server, { grant_type: 'refresh_token', refresh_token: 'L0unknown' })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(JSON.stringify(JSON.parse(fixture)))
  })
})
