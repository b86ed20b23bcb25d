import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../test/helpers'

const VENDOR_JS = `export const words = ${JSON.stringify('ledgerlink '.repeat(400))}\n`

describe('the application shell', () => {
  let t: TestApp
  let webDir: string

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'ledgerlink-web-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Ledgerlink</title>')
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)')
    // A build writes compressed copies beside each text asset (vite.config.ts, precompress).
    writeFileSync(join(webDir, 'assets', 'vendor.js'), VENDOR_JS)
    writeFileSync(join(webDir, 'assets', 'vendor.js.br'), brotliCompressSync(VENDOR_JS))
    t = await buildTestApp('sqlite', { WEB_DIST_DIR: webDir })
  })
  afterAll(async () => {
    await t?.close()
    rmSync(webDir, { recursive: true, force: true })
  })

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/organizations',
        '/api/contacts/{id}',
        '/api/projects/{id}/history/{changeId}/undo',
        '/api/imports',
      ]),
    )
    const body = document.paths['/api/organizations'].post.requestBody.content['application/json'].schema
    expect(body.required).toEqual(['name'])
    expect(document.paths['/api/users'].post.description).toMatch(/initial password/)
  })

  it('serves a browsable API reference page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
    const csp = String(response.headers['content-security-policy'])
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
  })

  it('serves the web app, falls back to index.html for app routes, and 404s missing assets', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('<title>Ledgerlink</title>')
    expect((await t.app.inject({ method: 'GET', url: '/organizations/123' })).body).toContain(
      '<title>Ledgerlink</title>',
    )
    expect((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)')
    const missing = await t.app.inject({ method: 'GET', url: '/assets/old-bundle.js' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('NOT_FOUND')
  })

  it('sends hashed assets pre-compressed with a year-long cache life, and pages never stored', async () => {
    const asset = await t.app.inject({
      method: 'GET',
      url: '/assets/vendor.js',
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-encoding']).toBe('br')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(asset.rawPayload).toString()).toBe(VENDOR_JS)
    const plain = await t.app.inject({ method: 'GET', url: '/assets/vendor.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(VENDOR_JS)
    const page = await t.app.inject({ method: 'GET', url: '/contacts/42' })
    expect(page.headers['cache-control']).toBe('no-store')
  })

  it('compresses large API answers for clients that accept it, and keeps them out of caches', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br' },
    })
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(brotliDecompressSync(response.rawPayload).toString()).openapi).toMatch(/^3\./)
  })
})
