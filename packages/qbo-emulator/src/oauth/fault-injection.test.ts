import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  basic,
  CLIENT,
  connect,
  refresh,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'
import type { TokenResponse } from './types'

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterEach(() => server.setFault(undefined))
afterAll(() => server.close())

function revoke(token: string) {
  return fetch(`${server.baseUrl}/oauth2/v1/tokens/revoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: basic(CLIENT.clientId, CLIENT.clientSecret),
    },
    body: JSON.stringify({ token }),
  })
}

function userinfo(accessToken: string) {
  return fetch(`${server.baseUrl}/v1/openid_connect/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
}

describe('injected faults on the token endpoint', () => {
  it('answers 503 with a gateway page for 5xx and leaves the refresh token as it was', async () => {
    const tokens = await connect(server)
    server.setFault('5xx', 'token')
    const response = await refresh(server, tokens.refresh_token)
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('503 Service Temporarily Unavailable')
    server.setFault(undefined)
    const renewed = (await (await refresh(server, tokens.refresh_token)).json()) as TokenResponse
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token)
  })

  it('answers 500 with a JSON server_error when the emulator’s fault object asks for status 500', async () => {
    const tokens = await connect(server)
    server.setFault({ kind: '5xx', status: 500 }, 'token')
    const response = await refresh(server, tokens.refresh_token)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error_description: 'Internal error', error: 'server_error' })
  })

  it('accepts the emulator’s fault objects for every kind', async () => {
    const tokens = await connect(server)
    server.setFault({ kind: 'lost-response' }, 'token')
    await expect(refresh(server, tokens.refresh_token)).rejects.toThrow(TypeError)
    server.setFault({ kind: '5xx' }, 'token')
    expect((await refresh(server, tokens.refresh_token)).status).toBe(503)
  })

  it('answers 429 with Retry-After', async () => {
    const tokens = await connect(server)
    server.setFault('429', 'token')
    const response = await refresh(server, tokens.refresh_token)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('60')
    expect(response.headers.get('intuit_tid')).toBeTruthy()
  })

  it('resets the connection without answering', async () => {
    const tokens = await connect(server)
    server.setFault('reset', 'token')
    await expect(refresh(server, tokens.refresh_token)).rejects.toThrow(TypeError)
    server.setFault(undefined)
    expect((await refresh(server, tokens.refresh_token)).status).toBe(200)
  })

  it('rotates the refresh token and then drops the answer for lost-response', async () => {
    const tokens = await connect(server)
    const before = server.oauth.tokenRequestCount()
    server.setFault('lost-response', 'token')
    await expect(refresh(server, tokens.refresh_token)).rejects.toThrow(TypeError)
    expect(server.oauth.tokenRequestCount()).toBe(before + 1)
    server.setFault(undefined)
    // The lost rotation happened: the old token is now superseded and answers with the new latest token,
    // which is then rotated normally — the client can recover within the grace period.
    const recovered = (await (await refresh(server, tokens.refresh_token)).json()) as TokenResponse
    expect(recovered.refresh_token).not.toBe(tokens.refresh_token)
    const next = (await (await refresh(server, recovered.refresh_token)).json()) as TokenResponse
    expect(next.refresh_token).not.toBe(recovered.refresh_token)
    // Replaying the original token again still answers with the chain's latest token.
    const replay = (await (await refresh(server, tokens.refresh_token)).json()) as TokenResponse
    expect(replay.refresh_token).toBe(next.refresh_token)
  })

  it('holds the request open for timeout until the client gives up', async () => {
    const tokens = await connect(server)
    server.setFault('timeout', 'token')
    await expect(
      fetch(`${server.baseUrl}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basic(CLIENT.clientId, CLIENT.clientSecret),
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow(/aborted|timeout/i)
    server.setFault(undefined)
    expect((await refresh(server, tokens.refresh_token)).status).toBe(200)
  })

  it('lets the server close while a request is held', async () => {
    const own = await startTestOAuthServer()
    own.setFault('timeout')
    const held = fetch(`${own.baseUrl}/v1/openid_connect/userinfo`).then(
      (response) => response.status,
      (error: unknown) => error,
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await own.close()
    expect(await held).toBeInstanceOf(TypeError)
  })

  it('leaves endpoints without a fault untouched', async () => {
    const tokens = await connect(server)
    server.setFault('5xx', 'revoke')
    expect((await refresh(server, tokens.refresh_token)).status).toBe(200)
    expect((await userinfo(tokens.access_token)).status).toBe(200)
  })
})

describe('injected faults on revoke and userinfo', () => {
  it('revokes the grant and then drops the answer for lost-response on revoke', async () => {
    const tokens = await connect(server)
    server.setFault('lost-response', 'revoke')
    await expect(revoke(tokens.refresh_token)).rejects.toThrow(TypeError)
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeUndefined()
  })

  it('revokes nothing when revoke answers 5xx, 429 or resets', async () => {
    const tokens = await connect(server)
    server.setFault('5xx', 'revoke')
    expect((await revoke(tokens.refresh_token)).status).toBe(503)
    server.setFault('429', 'revoke')
    expect((await revoke(tokens.refresh_token)).status).toBe(429)
    server.setFault('reset', 'revoke')
    await expect(revoke(tokens.refresh_token)).rejects.toThrow(TypeError)
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeDefined()
  })

  it('applies each fault kind to userinfo', async () => {
    const tokens = await connect(server)
    server.setFault('5xx', 'userinfo')
    expect((await userinfo(tokens.access_token)).status).toBe(503)
    server.setFault('429', 'userinfo')
    expect((await userinfo(tokens.access_token)).status).toBe(429)
    server.setFault('reset', 'userinfo')
    await expect(userinfo(tokens.access_token)).rejects.toThrow(TypeError)
    server.setFault('lost-response', 'userinfo')
    await expect(userinfo(tokens.access_token)).rejects.toThrow(TypeError)
  })
})
