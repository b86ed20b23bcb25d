import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../test/helpers'

describe('the application shell', () => {
  let t: TestApp
  let webDir: string

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'ledgerlink-web-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Ledgerlink</title>')
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)')
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
})
