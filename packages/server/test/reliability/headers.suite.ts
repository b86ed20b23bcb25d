import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn } from '../helpers'
import { connectWorkspace } from '../quickbooks-helpers'
import { apiRoutes } from '../routes'
import { tally } from './figures'
import { buildReliabilityApp } from './reliability-app'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A path of the OpenAPI document with its parameters filled in. */
const concrete = (path: string, id: string) =>
  path
    .replaceAll('{type}', 'organizations')
    .replaceAll('{kind}', 'invoice')
    .replaceAll('{documentId}', '1')
    .replace(/\{[^}]+\}/g, id)

describe('headers and sessions', () => {
  let t: Awaited<ReturnType<typeof buildReliabilityApp>>
  let admin: SignedIn
  let organizationId = ''
  let webDir = ''

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'ledgerlink-csp-'))
    // A page with an inline script and an inline event handler: the CSP must stop both.
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html><head><title>csp</title><script>window.inlineRan = true</script></head>' +
        '<body><img src="/missing.png" onerror="window.handlerRan = true"><p>Ledgerlink</p></body></html>',
    )
    t = await buildReliabilityApp('sqlite', { env: { COOKIE_SECURE: 'true', WEB_DIST_DIR: webDir } })
    admin = (await createSignedInWorkspace(t)).admin
    expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: admin.headers,
      payload: { name: 'Header Check Ltd' },
    })
    organizationId = created.json().organization?.id ?? created.json().id
  })
  afterAll(async () => {
    await t?.close()
    if (webDir) rmSync(webDir, { recursive: true, force: true })
  })

  it('sets the session cookie Secure, HttpOnly and SameSite behind HTTPS', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    })
    const cookie = response.cookies.find((candidate) => candidate.name === 'll_session')
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' })
    const score = tally('8 session cookie flags')
    score.ok()
    score.record('Secure; HttpOnly; SameSite=Lax')
  })

  it('refuses every state-changing route without the CSRF token', async () => {
    const score = tally('8 CSRF on every state-changing route')
    const before = await t.db
      .selectFrom('records')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst()
    const open = new Set(['/api/auth/sign-in', '/api/quickbooks/webhooks'])
    const routes = apiRoutes(t.app).filter((route) => route.method !== 'GET' && !open.has(route.path))
    expect(routes.length).toBeGreaterThan(20)
    const accepted: string[] = []
    for (const route of routes) {
      for (const headers of [{ cookie: admin.cookie }, { cookie: admin.cookie, 'x-csrf-token': 'forged' }]) {
        const response = await t.app.inject({
          method: route.method,
          url: concrete(route.path, organizationId),
          headers,
          payload: {},
        })
        if (response.statusCode === 403 && response.json().error?.code === 'CSRF_TOKEN_INVALID') score.ok()
        else {
          score.fail()
          accepted.push(`${route.method} ${route.path} → ${response.statusCode}`)
        }
      }
    }
    expect(accepted).toEqual([])
    const after = await t.db
      .selectFrom('records')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst()
    expect(Number(after?.n)).toBe(Number(before?.n))
    score.record(`${routes.length} routes × (no token, forged token) → 403`)
  })

  it('sends no-store on every QuickBooks answer and on the pages, and refuses TRACE everywhere', async () => {
    const score = tally('8 no-store and TRACE')
    const reads = apiRoutes(t.app).filter(
      (route) => route.method === 'GET' && route.tags.includes('quickbooks'),
    )
    expect(reads.length).toBeGreaterThan(5)
    const wrong: string[] = []
    const check = (label: string, value: unknown) => {
      if (String(value).includes('no-store')) score.ok()
      else {
        score.fail()
        wrong.push(`${label}: ${String(value)}`)
      }
    }
    for (const route of reads) {
      const response = await t.app.inject({
        method: 'GET',
        url: `${concrete(route.path, organizationId)}?q=a&kind=invoice&number=1&direction=to_quickbooks`,
        headers: { cookie: admin.cookie },
      })
      check(`${route.path} (${response.statusCode})`, response.headers['cache-control'])
    }
    for (const page of ['/', '/organizations', '/settings/integrations']) {
      const response = await t.app.inject({ method: 'GET', url: page, headers: { cookie: admin.cookie } })
      expect(response.statusCode).toBe(200)
      check(`page ${page}`, response.headers['cache-control'])
    }
    expect(wrong).toEqual([])
    for (const url of ['/', '/api/health', '/api/quickbooks/connection']) {
      const trace = await t.app.inject({ method: 'TRACE', url, headers: { cookie: admin.cookie } })
      expect(trace.statusCode).toBe(405)
      expect(trace.body).not.toContain('ll_session')
      score.ok()
    }
    score.record(`${reads.length} QuickBooks GET routes and 3 pages: no-store; TRACE 405 on 3 paths`)
  })

  it.skipIf(!existsSync(chromiumPath))('blocks inline script in a real browser through its CSP', async () => {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    try {
      const page = await browser.newPage()
      const violations: string[] = []
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
      })
      const response = await page.goto(`${url}/organizations`)
      expect(response?.status()).toBe(200)
      await page.waitForTimeout(200)
      // Run in the page (a string: this package is type-checked without the DOM library).
      const ran = await page.evaluate(`(() => {
        const script = document.createElement('script')
        script.textContent = 'window.injectedRan = true'
        document.head.append(script)
        return { inline: window.inlineRan === true, handler: window.handlerRan === true, injected: window.injectedRan === true }
      })()`)
      expect(ran).toEqual({ inline: false, handler: false, injected: false })
      expect(violations.length).toBeGreaterThan(0)
      const score = tally('8 CSP blocks inline script (Chromium)')
      score.add(3)
      score.record(
        `inline <script>, onerror= and injected <script> blocked; ${violations.length} CSP reports`,
      )
    } finally {
      await browser.close()
    }
  })
})
