import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  basic,
  COMPANIES,
  connect,
  days,
  OTHER_CLIENT,
  postToken,
  refresh,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'
import type { TokenResponse } from './types'

const INVALID_GRANT_TEXT = '{"error_description":"Token invalid","error":"invalid_grant"}'
const HARD_HEADER = { 'x-include-refresh-token-hard-expires-in': 'true' }

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

async function refreshOk(token: string, headers?: Record<string, string>): Promise<TokenResponse> {
  const response = await refresh(server, token, headers)
  expect(response.status).toBe(200)
  return (await response.json()) as TokenResponse
}

async function expectInvalidGrant(response: Response) {
  expect(response.status).toBe(400)
  expect(await response.text()).toBe(INVALID_GRANT_TEXT)
}

describe('refresh rotation', () => {
  it('issues a new refresh token and a new access token on every refresh', async () => {
    const first = await connect(server)
    const second = await refreshOk(first.refresh_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.access_token).not.toBe(first.access_token)
    expect(second).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    })
    const third = await refreshOk(second.refresh_token)
    expect(third.refresh_token).not.toBe(second.refresh_token)
    // Earlier access tokens stay valid for their hour.
    expect(server.oauth.verifyAccessToken(first.access_token)?.realmId).toBe(COMPANIES[0]!.realmId)
  })

  it('answers a superseded token within 24 hours with the current latest refresh token', async () => {
    const first = await connect(server)
    const second = await refreshOk(first.refresh_token)
    const third = await refreshOk(second.refresh_token)
    server.clock.advance(days(1) - 60_000)
    const replay = await refreshOk(first.refresh_token)
    expect(replay.refresh_token).toBe(third.refresh_token)
    expect(replay.access_token).not.toBe(third.access_token)
    expect(server.oauth.verifyAccessToken(replay.access_token)).toBeDefined()
    // The latest token still rotates normally afterwards.
    const fourth = await refreshOk(third.refresh_token)
    expect(fourth.refresh_token).not.toBe(third.refresh_token)
  })

  it('lets two racing refreshes with one token end on the same latest token', async () => {
    const tokens = await connect(server)
    const [a, b] = await Promise.all([refreshOk(tokens.refresh_token), refreshOk(tokens.refresh_token)])
    expect(a.refresh_token).toBe(b.refresh_token)
    expect(a.refresh_token).not.toBe(tokens.refresh_token)
  })

  it('refuses a superseded token once 24 hours have passed, while the latest keeps working', async () => {
    const first = await connect(server)
    const second = await refreshOk(first.refresh_token)
    server.clock.advance(days(1) + 1000)
    await expectInvalidGrant(await refresh(server, first.refresh_token))
    await expectInvalidGrant(await refresh(server, first.refresh_token))
    expect((await refresh(server, second.refresh_token)).status).toBe(200)
  })

  it('refuses another app’s refresh token without spending it', async () => {
    const tokens = await connect(server)
    const response = await postToken(
      server,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basic(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret) },
    )
    await expectInvalidGrant(response)
    expect((await refresh(server, tokens.refresh_token)).status).toBe(200)
  })

  it('refuses an access token presented as a refresh token', async () => {
    const tokens = await connect(server)
    await expectInvalidGrant(await refresh(server, tokens.access_token))
  })
})

describe('refresh token lifetime', () => {
  it('reports the remaining life, which each refresh restarts', async () => {
    const tokens = await connect(server)
    server.clock.advance(days(100))
    const renewed = await refreshOk(tokens.refresh_token)
    expect(renewed.x_refresh_token_expires_in).toBe(8726400)
    server.clock.advance(days(100))
    expect((await refreshOk(renewed.refresh_token)).x_refresh_token_expires_in).toBe(8726400)
  })

  it('refuses a refresh token left unused for 101 days', async () => {
    const tokens = await connect(server)
    server.clock.advance(8726400 * 1000)
    await expectInvalidGrant(await refresh(server, tokens.refresh_token))
  })

  it('reports the absolute 5-year cap only when asked by header', async () => {
    const tokens = await connect(server)
    expect(tokens.x_refresh_token_hard_expires_in).toBeUndefined()
    const plain = await refreshOk(tokens.refresh_token)
    expect(plain).not.toHaveProperty('x_refresh_token_hard_expires_in')
    server.clock.advance(days(10))
    const withCap = await refreshOk(plain.refresh_token, HARD_HEADER)
    const fiveYearsS = (Date.UTC(2031, 0, 15, 9) - Date.UTC(2026, 0, 15, 9)) / 1000
    expect(withCap.x_refresh_token_hard_expires_in).toBeGreaterThan(fiveYearsS - 10 * 86400 - 120)
    expect(withCap.x_refresh_token_hard_expires_in).toBeLessThanOrEqual(fiveYearsS - 10 * 86400)
  })

  it('caps the rolling life at five years from consent, then refuses the grant', async () => {
    const consentedAt = server.clock.now()
    let tokens = await connect(server)
    const hardCapAt = new Date(consentedAt)
    hardCapAt.setUTCFullYear(hardCapAt.getUTCFullYear() + 5)
    // Refresh every 90 days up to 50 days before the cap.
    while (server.clock.now() + days(90) < hardCapAt.getTime() - days(50)) {
      server.clock.advance(days(90))
      tokens = await refreshOk(tokens.refresh_token)
    }
    server.clock.set(hardCapAt.getTime() - days(50))
    const last = await refreshOk(tokens.refresh_token, HARD_HEADER)
    expect(last.x_refresh_token_expires_in).toBe(last.x_refresh_token_hard_expires_in)
    expect(last.x_refresh_token_expires_in).toBeLessThanOrEqual(50 * 86400)
    server.clock.set(hardCapAt.getTime() + 1000)
    await expectInvalidGrant(await refresh(server, last.refresh_token))
  })
})

describe('access token lifetime', () => {
  it('accepts an access token for an hour and refuses it after', async () => {
    const tokens = await connect(server)
    server.clock.advance(3599_000)
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeDefined()
    server.clock.advance(2000)
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeUndefined()
    const userinfo = await fetch(`${server.baseUrl}/v1/openid_connect/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(userinfo.status).toBe(401)
    const renewed = await refreshOk(tokens.refresh_token)
    expect(server.oauth.verifyAccessToken(renewed.access_token)).toBeDefined()
  })

  it('refuses tokens it never issued', () => {
    expect(server.oauth.verifyAccessToken('eyJnot-a-token')).toBeUndefined()
    expect(server.oauth.verifyAccessToken('')).toBeUndefined()
  })
})
