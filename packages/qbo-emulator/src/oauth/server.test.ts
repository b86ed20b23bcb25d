import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { OAuthIssueError } from './issue-error'
import {
  ACCOUNTING,
  CLIENT,
  COMPANIES,
  connect,
  OTHER_CLIENT,
  refresh,
  startTestOAuthServer,
  type TestOAuthServer,
} from './oauth-test-harness'
import { createOAuthServer } from './server'
import type { TokenResponse } from './types'

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

describe('issueTokens', () => {
  it('mints tokens exactly like a code exchange, without counting a token request', async () => {
    const before = server.oauth.tokenRequestCount()
    const tokens = server.oauth.issueTokens(COMPANIES[1]!.realmId, CLIENT.clientId)
    expect(server.oauth.tokenRequestCount()).toBe(before)
    expect(tokens).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    })
    expect(tokens.id_token).toBeTruthy()
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toMatchObject({
      realmId: COMPANIES[1]!.realmId,
      clientId: CLIENT.clientId,
    })
    const renewed = await refresh(server, tokens.refresh_token)
    expect(renewed.status).toBe(200)
  })

  it('grants only the scopes asked for', () => {
    const tokens = server.oauth.issueTokens(COMPANIES[0]!.realmId, CLIENT.clientId, { scopes: [ACCOUNTING] })
    expect(tokens.id_token).toBeUndefined()
    expect(server.oauth.verifyAccessToken(tokens.access_token)?.scopes).toEqual([ACCOUNTING])
  })

  it.each([
    ['an unknown company', () => server.oauth.issueTokens('404', CLIENT.clientId), 'unknown_realm'],
    ['an unknown client', () => server.oauth.issueTokens(COMPANIES[0]!.realmId, 'nobody'), 'unknown_client'],
    [
      'scopes without accounting',
      () => server.oauth.issueTokens(COMPANIES[0]!.realmId, CLIENT.clientId, { scopes: ['openid'] }),
      'invalid_scope',
    ],
  ])('throws OAuthIssueError for %s', (_name, issue, code) => {
    expect(issue).toThrow(OAuthIssueError)
    try {
      issue()
    } catch (error) {
      expect((error as OAuthIssueError).code).toBe(code)
    }
  })
})

describe('verifyAccessToken', () => {
  it('returns the same frozen info for every call', () => {
    const tokens = server.oauth.issueTokens(COMPANIES[0]!.realmId, OTHER_CLIENT.clientId)
    const info = server.oauth.verifyAccessToken(tokens.access_token)
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBe(info)
    expect(Object.isFrozen(info)).toBe(true)
    expect(Object.isFrozen(info?.scopes)).toBe(true)
  })
})

describe('snapshot and restore', () => {
  it('carries grants, rotation state, codes and the signing key into a new server', async () => {
    const first = await connect(server)
    const second = (await (await refresh(server, first.refresh_token)).json()) as TokenResponse
    const snapshot = JSON.parse(JSON.stringify(server.oauth.snapshot())) as unknown

    const clock = createClock({ startMs: server.clock.now() })
    let baseUrl = ''
    const restored = createOAuthServer({
      clock,
      clients: [CLIENT],
      companies: () => COMPANIES,
      baseUrl: () => baseUrl,
    })
    restored.restore(snapshot)
    const app = Fastify({ logger: false })
    await restored.register(app)
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      expect(restored.verifyAccessToken(second.access_token)?.realmId).toBe(COMPANIES[0]!.realmId)
      const before = (await (await fetch(`${server.baseUrl}/op/v1/jwks`)).json()) as {
        keys: Array<{ kid: string }>
      }
      const after = (await (await fetch(`${baseUrl}/op/v1/jwks`)).json()) as { keys: Array<{ kid: string }> }
      expect(after.keys[0]?.kid).toBe(before.keys[0]?.kid)
      // The superseded token is still inside its grace period after the restore.
      const response = await fetch(`${baseUrl}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as TokenResponse).refresh_token).toBe(second.refresh_token)
    } finally {
      await app.close()
    }
  })

  it.each([
    ['null', null],
    [
      'a wrong version',
      {
        version: 2,
        signingKey: null,
        registry: { grants: [], refreshTokens: [], accessTokens: [], codes: [] },
      },
    ],
    [
      'a malformed grant',
      {
        version: 1,
        signingKey: null,
        registry: { grants: [{ id: 1 }], refreshTokens: [], accessTokens: [], codes: [] },
      },
    ],
    ['a missing list', { version: 1, signingKey: null, registry: { grants: [] } }],
    [
      'a bad signing key',
      {
        version: 1,
        signingKey: { kty: 'RSA' },
        registry: { grants: [], refreshTokens: [], accessTokens: [], codes: [] },
      },
    ],
  ])('refuses %s and changes nothing', (_name, state) => {
    const tokens = server.oauth.issueTokens(COMPANIES[0]!.realmId, CLIENT.clientId)
    expect(() => server.oauth.restore(state)).toThrow()
    expect(server.oauth.verifyAccessToken(tokens.access_token)).toBeDefined()
  })

  it('leaves expired records out of the snapshot', () => {
    const clock = createClock()
    const oauth = createOAuthServer({
      clock,
      clients: [CLIENT],
      companies: () => COMPANIES,
      baseUrl: () => 'http://x',
    })
    oauth.issueTokens(COMPANIES[0]!.realmId, CLIENT.clientId, { scopes: [ACCOUNTING] })
    clock.advance(3601_000)
    const { registry } = oauth.snapshot() as { registry: { grants: unknown[]; accessTokens: unknown[] } }
    expect(registry.grants).toHaveLength(1)
    expect(registry.accessTokens).toHaveLength(0)
    clock.advance(8726400_000)
    const later = oauth.snapshot() as { registry: { grants: unknown[]; refreshTokens: unknown[] } }
    expect(later.registry.grants).toHaveLength(0)
    expect(later.registry.refreshTokens).toHaveLength(0)
  })
})
