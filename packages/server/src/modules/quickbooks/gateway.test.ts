import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, createTestDatabase, type TestApp, testConfig } from '../../../test/helpers'
import { testEncryptionKey } from '../../../test/quickbooks-helpers'
import { buildApp } from '../../app'
import { createQuickbooks } from './gateway'

const fixturesDir = process.env.QBO_FIXTURES_DIR

describe.skipIf(!fixturesDir)('QuickBooks against Intuit (sandbox settings)', () => {
  let t: TestApp
  const requested: string[] = []

  beforeAll(async () => {
    const discovery = readFileSync(join(fixturesDir ?? '', 'oauth-discovery-sandbox.json'), 'utf8')
    // Only Intuit's discovery document is needed to build the consent URL; nothing else may be called.
    const intuit: typeof fetch = async (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      requested.push(url)
      if (url === 'https://developer.api.intuit.com/.well-known/openid_sandbox_configuration') {
        return new Response(discovery, { headers: { 'content-type': 'application/json' } })
      }
      return new Response('not here', { status: 404 })
    }
    const database = await createTestDatabase('sqlite')
    const config = testConfig({
      QBO_CLIENT_ID: 'ABsandboxClient',
      QBO_CLIENT_SECRET: 'sandbox-secret',
      QBO_REDIRECT_URI: 'https://crm.example.com/api/quickbooks/callback',
      QBO_ENVIRONMENT: 'sandbox',
      LEDGERLINK_ENCRYPTION_KEY: testEncryptionKey(),
    })
    const quickbooks = createQuickbooks({
      db: database.db,
      config,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      fetch: intuit,
    })
    const app = await buildApp(config, { db: database.db, quickbooks })
    t = {
      app,
      db: database.db,
      config,
      close: async () => {
        await app.close()
        await database.close()
      },
    }
  })
  afterAll(async () => t?.close())

  it("sends the administrator to Intuit's consent page with the configured app and callback", async () => {
    const { admin } = await createSignedInWorkspace(t)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/quickbooks/connect',
      headers: admin.headers,
    })
    expect(response.statusCode).toBe(200)
    const url = new URL(response.json().authorizationUrl)
    expect(url.origin + url.pathname).toBe('https://appcenter.intuit.com/connect/oauth2')
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'ABsandboxClient',
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      redirect_uri: 'https://crm.example.com/api/quickbooks/callback',
    })
    expect(requested).toEqual(['https://developer.api.intuit.com/.well-known/openid_sandbox_configuration'])
    expect(response.body).not.toContain('sandbox-secret')
  })
})
