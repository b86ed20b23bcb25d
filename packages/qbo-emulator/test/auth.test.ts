import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h.close())

/** Intuit's gateway 401 body (lower-case keys, type AUTHENTICATION; API-NOTES.md §8). */
const authFault = {
  fault: {
    error: [
      {
        message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        detail: expect.any(String),
        code: '3200',
      },
    ],
    type: 'AUTHENTICATION',
  },
  time: expect.any(String),
}

describe('bearer tokens on the Accounting API', () => {
  it('answers a request without a token with 401 and the 3200 fault', async () => {
    const res = await h.get('preferences', { token: null })
    expect(res.status).toBe(401)
    expect(res.headers.get('intuit_tid')).toBeTruthy()
    expect(res.body).toEqual(authFault)
  })

  it('answers an unknown token with 401', async () => {
    const res = await h.get('preferences', { token: 'not-a-token' })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(authFault)
  })

  it('accepts a fresh token and refuses it once the clock passes its hour', async () => {
    const token = h.emulator.issueTokens(h.realmId).access_token
    expect((await h.get('preferences', { token })).status).toBe(200)
    h.emulator.clock.advance(3601_000)
    const res = await h.get('preferences', { token })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(authFault)
  })

  it('refuses a revoked token', async () => {
    const tokens = h.emulator.issueTokens(h.realmId)
    expect((await h.get('preferences', { token: tokens.access_token })).status).toBe(200)
    const revoke = await fetch(`${h.baseUrl}/oauth2/v1/tokens/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('ledgerlink-dev:ledgerlink-dev-secret').toString('base64')}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ token: tokens.refresh_token }),
    })
    expect(revoke.status).toBe(200)
    const res = await h.get('preferences', { token: tokens.access_token })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(authFault)
  })

  it('refuses a token of one company on another with 403 and 3100', async () => {
    const res = await h.get('preferences', {
      realmId: '9130357766900457',
      token: h.token('9130357766900456'),
    })
    expect(res.status).toBe(403)
    expect(res.body.Fault).toMatchObject({ type: 'AuthorizationFault', Error: [{ code: '3100' }] })
  })

  it('issues tokens through the control route exactly like the token endpoint', async () => {
    const res = await h.post(`/_emulator/companies/${h.realmId}/tokens`, { client_id: 'ledgerlink-dev' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    })
    expect((await h.get('preferences', { token: res.body.access_token })).status).toBe(200)
    expect((await h.post('/_emulator/companies/123/tokens', {})).status).toBe(404)
    expect((await h.post(`/_emulator/companies/${h.realmId}/tokens`, { client_id: 'nobody' })).status).toBe(
      400,
    )
  })
})
