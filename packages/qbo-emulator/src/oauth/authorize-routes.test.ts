import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING,
  authorizeUrl,
  CLIENT,
  COMPANIES,
  hiddenFields,
  OTHER_CLIENT,
  REDIRECT_URI,
  startTestOAuthServer,
  submitConsent,
  type TestOAuthServer,
} from './oauth-test-harness'

let server: TestOAuthServer
beforeAll(async () => {
  server = await startTestOAuthServer()
})
afterAll(() => server.close())

async function consentPage(overrides: Record<string, string | undefined> = {}) {
  const response = await fetch(authorizeUrl(server, overrides), { redirect: 'manual' })
  return { response, html: await response.text() }
}

function callbackParams(response: Response): URLSearchParams {
  expect(response.status).toBe(302)
  const location = new URL(response.headers.get('location') ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI)
  return location.searchParams
}

describe('consent page', () => {
  it('asks to connect the app and lists every company as a labelled radio button', async () => {
    const { response, html } = await consentPage()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain('<h1>Ledgerlink Dev wants to connect to your QuickBooks company</h1>')
    expect(html).toContain('<html lang="en">')
    COMPANIES.forEach((company, index) => {
      expect(html).toContain(`id="company-${index}" name="realmId" value="${company.realmId}"`)
      expect(html).toContain(`<label for="company-${index}">`)
    })
    expect(html).toContain('<button type="submit" name="decision" value="connect">Connect</button>')
    expect(html).toContain('value="cancel"')
  })

  it('escapes company names and the app name', async () => {
    const { html } = await consentPage()
    expect(html).toContain('Second &lt;Sandbox&gt; &amp; &quot;Co&quot;')
    expect(html).not.toContain('<Sandbox>')
    const other = await fetch(
      authorizeUrl(server, {
        client_id: OTHER_CLIENT.clientId,
        redirect_uri: OTHER_CLIENT.redirectUris[0],
        state: '"><script>alert(1)</script>',
      }),
    )
    const otherHtml = await other.text()
    expect(otherHtml).toContain('Other &lt;App&gt; wants to connect')
    expect(otherHtml).not.toContain('<script>')
    expect(hiddenFields(otherHtml).state).toBe('"><script>alert(1)</script>')
  })

  it('sends a strict content security policy that lets the form reach the redirect origin', async () => {
    const { response } = await consentPage()
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("form-action 'self' http://localhost:3000")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/style-src 'nonce-[\w-]+'/)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('intuit_tid')).toBeTruthy()
  })

  it('carries the request in hidden fields with an anti-forgery token', async () => {
    const fields = hiddenFields((await consentPage()).html)
    expect(fields).toMatchObject({
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      state: 'state-123',
    })
    expect(fields.form_token).toMatch(/^[\w-]{20,}$/)
  })
})

describe('consent decisions', () => {
  it('redirects with code, state and realmId when the user connects a company', async () => {
    const fields = hiddenFields((await consentPage()).html)
    const params = callbackParams(
      await submitConsent(server, fields, { decision: 'connect', realmId: COMPANIES[1]!.realmId }),
    )
    expect(params.get('code')).toMatch(/^AB11\w+$/)
    expect(params.get('state')).toBe('state-123')
    expect(params.get('realmId')).toBe(COMPANIES[1]!.realmId)
  })

  it('redirects with error=access_denied and the state when the user cancels', async () => {
    const fields = hiddenFields((await consentPage()).html)
    const params = callbackParams(await submitConsent(server, fields, { decision: 'cancel' }))
    expect(Object.fromEntries(params)).toEqual({ error: 'access_denied', state: 'state-123' })
  })

  it('refuses a form whose anti-forgery token is forged or already used', async () => {
    const fields = hiddenFields((await consentPage()).html)
    const forged = await submitConsent(
      server,
      { ...fields, form_token: 'forged' },
      { decision: 'connect', realmId: COMPANIES[0]!.realmId },
    )
    expect(forged.status).toBe(403)
    expect(forged.headers.get('location')).toBeNull()
    const first = await submitConsent(server, fields, { decision: 'connect', realmId: COMPANIES[0]!.realmId })
    expect(first.status).toBe(302)
    const replay = await submitConsent(server, fields, {
      decision: 'connect',
      realmId: COMPANIES[0]!.realmId,
    })
    expect(replay.status).toBe(403)
  })

  it('refuses a form whose hidden fields were altered, without redirecting', async () => {
    const fields = hiddenFields((await consentPage()).html)
    const otherUri = await submitConsent(
      server,
      { ...fields, redirect_uri: CLIENT.redirectUris[1]! },
      { decision: 'connect', realmId: COMPANIES[0]!.realmId },
    )
    expect(otherUri.status).toBe(403)
    const badScope = await submitConsent(server, { ...fields, scope: 'openid' }, { decision: 'connect' })
    expect(badScope.status).toBe(400)
    expect(badScope.headers.get('location')).toBeNull()
  })

  it('refuses to connect a company that is not listed', async () => {
    const fields = hiddenFields((await consentPage()).html)
    const response = await submitConsent(server, fields, { decision: 'connect', realmId: '123' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Choose one of the listed companies.')
  })

  it('expires a consent page after thirty minutes', async () => {
    const fields = hiddenFields((await consentPage()).html)
    server.clock.advance(30 * 60 * 1000 + 1)
    const response = await submitConsent(server, fields, {
      decision: 'connect',
      realmId: COMPANIES[0]!.realmId,
    })
    expect(response.status).toBe(403)
  })
})

describe('authorize validation', () => {
  it.each([
    ['an unknown client_id', { client_id: 'nobody' }, 'The client_id is not a registered app.'],
    ['no client_id', { client_id: undefined }, 'The request has no client_id.'],
    ['no redirect_uri', { redirect_uri: undefined }, 'The request has no redirect_uri.'],
    ['an unregistered redirect_uri', { redirect_uri: 'http://localhost:3000/evil' }, 'not registered'],
    [
      'a redirect_uri differing only by a trailing slash',
      { redirect_uri: `${REDIRECT_URI}/` },
      'not registered',
    ],
    ['another app’s redirect_uri', { redirect_uri: OTHER_CLIENT.redirectUris[0] }, 'not registered'],
  ])('shows an error page and never redirects for %s', async (_name, overrides, message) => {
    const { response, html } = await consentPage(overrides)
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html).toContain(message)
  })

  it('shows an error page for a repeated client_id', async () => {
    const response = await fetch(`${authorizeUrl(server)}&client_id=other-app`, { redirect: 'manual' })
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
  })

  it.each([
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type', 'state-123'],
    ['no response_type', { response_type: undefined }, 'invalid_request', 'state-123'],
    ['no state', { state: undefined }, 'invalid_request', null],
    ['no scope', { scope: undefined }, 'invalid_scope', 'state-123'],
    ['no accounting scope', { scope: 'openid email' }, 'invalid_scope', 'state-123'],
    ['an unknown scope', { scope: `${ACCOUNTING} admin` }, 'invalid_scope', 'state-123'],
  ])('redirects back with an error for %s', async (_name, overrides, error, state) => {
    const { response } = await consentPage(overrides)
    const params = callbackParams(response)
    expect(params.get('error')).toBe(error)
    expect(params.get('error_description')).toBeTruthy()
    expect(params.get('state')).toBe(state)
    expect(params.get('code')).toBeNull()
  })
})
