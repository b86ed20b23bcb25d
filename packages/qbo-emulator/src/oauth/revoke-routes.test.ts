import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  basic,
  CLIENT,
  COMPANIES,
  connect,
  OTHER_CLIENT,
  refresh,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

function revoke(body: unknown, options: { path?: string; auth?: string; contentType?: string } = {}) {
  return fetch(`${server.baseUrl}${options.path ?? '/oauth2/v1/tokens/revoke'}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      accept: 'application/json',
      authorization: options.auth ?? basic(CLIENT.clientId, CLIENT.clientSecret),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function expectRevoked(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('intuit_tid')).toBeTruthy()
  expect(await response.json()).toEqual({})
}

describe('revoke', () => {
  it('ends the whole grant when given the refresh token', async () => {
    const first = await connect(server)
    const second = (await (await refresh(server, first.refresh_token)).json()) as typeof first
    await expectRevoked(await revoke({ token: second.refresh_token }))
    expect(server.oauth.verifyAccessToken(first.access_token)).toBeUndefined()
    expect(server.oauth.verifyAccessToken(second.access_token)).toBeUndefined()
    expect((await refresh(server, second.refresh_token)).status).toBe(400)
    // The superseded token would have been inside its grace period; revocation ends it too.
    expect((await refresh(server, first.refresh_token)).status).toBe(400)
  })

  it('ends the whole grant when given an access token', async () => {
    const tokens = await connect(server)
    await expectRevoked(await revoke({ token: tokens.access_token }))
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeUndefined()
    expect(await (await refresh(server, tokens.refresh_token)).text()).toBe(
      '{"error_description":"Token invalid","error":"invalid_grant"}',
    )
  })

  it('leaves other grants of the same company alone', async () => {
    const kept = await connect(server)
    const revoked = await connect(server)
    await expectRevoked(await revoke({ token: revoked.refresh_token }))
    expect(server.oauth.verifyAccessToken(kept.access_token)?.realmId).toBe(COMPANIES[0]!.realmId)
  })

  it('answers 200 for an unknown or already revoked token', async () => {
    await expectRevoked(await revoke({ token: 'L0unknown' }))
    const tokens = await connect(server)
    await expectRevoked(await revoke({ token: tokens.refresh_token }))
    await expectRevoked(await revoke({ token: tokens.refresh_token }))
  })

  it('answers 200 but keeps the grant when another app presents the token', async () => {
    const tokens = await connect(server)
    await expectRevoked(
      await revoke(
        { token: tokens.refresh_token },
        { auth: basic(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret) },
      ),
    )
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeDefined()
  })

  it('accepts a form body and Intuit’s own revoke path', async () => {
    const tokens = await connect(server)
    await expectRevoked(
      await revoke(new URLSearchParams({ token: tokens.refresh_token }).toString(), {
        path: '/v2/oauth2/tokens/revoke',
        contentType: 'application/x-www-form-urlencoded',
      }),
    )
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeUndefined()
  })

  it('answers 401 invalid_client for bad credentials and revokes nothing', async () => {
    const tokens = await connect(server)
    const response = await revoke({ token: tokens.refresh_token }, { auth: basic(CLIENT.clientId, 'wrong') })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'invalid_client' })
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeDefined()
  })

  it.each([
    ['no token', {}, 'Missing parameter: token'],
    ['a non-string token', { token: 42 }, 'Parameter must be a string: token'],
  ])('answers 400 invalid_request for %s', async (_name, body, description) => {
    const response = await revoke(body)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error_description: description, error: 'invalid_request' })
  })

  it('answers malformed JSON with invalid_request', async () => {
    const response = await revoke('{"token":')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error_description: 'Malformed request',
      error: 'invalid_request',
    })
  })
})
