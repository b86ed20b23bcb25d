import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createSignedInWorkspace, type SignedIn, type TestApp, testDatabases } from './helpers'
import { apiRoutes, typesOf } from './routes'

const HUGE = 'x'.repeat(20_000)

for (const dialect of testDatabases()) {
  describe(`bad input on every route on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      for (const [url, payload] of [
        ['/api/organizations', { name: 'Existing Org' }],
        ['/api/contacts', { lastName: 'Existing' }],
        ['/api/opportunities', { name: 'Existing Deal' }],
        ['/api/projects', { name: 'Existing Project' }],
      ] as const) {
        await t.app.inject({ method: 'POST', url, headers: admin.headers, payload })
      }
    })
    afterAll(async () => t?.close())

    const snapshot = async () => ({
      records: await t.db.selectFrom('records').select(['id', 'data', 'updated_at']).orderBy('id').execute(),
      users: await t.db
        .selectFrom('users')
        .select(['id', 'name', 'role', 'password_hash'])
        .orderBy('id')
        .execute(),
      links: await t.db.selectFrom('links').select('id').orderBy('id').execute(),
      history: await t.db.selectFrom('history').select('id').orderBy('id').execute(),
      imports: await t.db.selectFrom('imports').select(['id', 'status']).orderBy('id').execute(),
      sessions: await t.db.selectFrom('sessions').select('id_hash').orderBy('id_hash').execute(),
      qboConnections: await t.db.selectFrom('qbo_connections').selectAll().orderBy('workspace_id').execute(),
      qboStates: await t.db
        .selectFrom('qbo_oauth_states')
        .select('state_hash')
        .orderBy('state_hash')
        .execute(),
      qboCustomerLinks: await t.db
        .selectFrom('qbo_customer_links')
        .selectAll()
        .orderBy('record_id')
        .execute(),
      qboDocumentLinks: await t.db
        .selectFrom('qbo_document_links')
        .selectAll()
        .orderBy('record_id')
        .orderBy('document_id')
        .execute(),
    })

    const expectClientError = (response: { statusCode: number; body: string }, label: string) => {
      expect(
        response.statusCode,
        `${label} → ${response.statusCode} ${response.body.slice(0, 200)}`,
      ).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, label).toBeLessThan(500)
      const body = JSON.parse(response.body) as { error: { code: unknown; message: unknown } }
      expect(typeof body.error.code, label).toBe('string')
      expect(typeof body.error.message, label).toBe('string')
    }

    it('answers every malformed request with a 4xx error body and changes nothing', async () => {
      const routes = apiRoutes(t.app)
      expect(routes.length).toBeGreaterThan(40)
      const before = await snapshot()
      const fakeId = '0'.repeat(26)
      let requests = 0
      for (const route of routes) {
        if (route.path === '/api/auth/sign-out') continue
        const label = `${route.method} ${route.path}`
        const hasParams = route.path.includes('{')
        const validUrl = route.path.replace(/\{[^}]+\}/g, fakeId)
        const send = async (
          options: { url?: string; payload?: string; contentType?: string },
          what: string,
        ) => {
          const headers: Record<string, string> = { ...admin.headers }
          if (options.contentType) headers['content-type'] = options.contentType
          const response = await t.app.inject({
            method: route.method,
            url: options.url ?? validUrl,
            headers,
            ...(options.payload === undefined ? {} : { payload: options.payload }),
          })
          requests++
          expectClientError(response, `${label} (${what})`)
        }
        if (hasParams) {
          await send(
            {
              url: route.path.replace(/\{[^}]+\}/g, 'not-an-id'),
              ...(route.bodySchema ? { payload: '{}', contentType: 'application/json' } : {}),
            },
            'bad id',
          )
          await send(
            {
              url: route.path.replace(/\{[^}]+\}/g, `${fakeId}x`),
              ...(route.bodySchema ? { payload: '{}', contentType: 'application/json' } : {}),
            },
            'long id',
          )
        }
        if (
          route.method === 'GET' &&
          ['/api/organizations', '/api/contacts', '/api/opportunities', '/api/projects'].includes(route.path)
        ) {
          for (const query of [
            'limit=abc',
            'limit=-1',
            'sort=bogus',
            `q=${HUGE}`,
            'cursor=%%%',
            'limit=1&limit=2',
          ]) {
            await send({ url: `${validUrl}?${query}` }, query.slice(0, 20))
          }
        }
        if (!route.bodySchema) continue
        if (route.bodyType === 'text/csv') {
          await send(
            {
              url: `${validUrl}?recordType=organization`,
              payload: '{"name":"x"}',
              contentType: 'application/json',
            },
            'json instead of csv',
          )
          await send(
            { url: `${validUrl}?recordType=organization`, payload: 'name\nx', contentType: 'text/plain' },
            'text/plain',
          )
          await send(
            { url: `${validUrl}?recordType=bogus`, payload: 'name\nx', contentType: 'text/csv' },
            'bad record type',
          )
          continue
        }
        const json = (payload: unknown, what: string) =>
          send({ payload: JSON.stringify(payload), contentType: 'application/json' }, what)
        await send({ payload: '{"name":', contentType: 'application/json' }, 'bad JSON')
        await send({ payload: 'name=x', contentType: 'application/x-www-form-urlencoded' }, 'form')
        await send({ payload: 'hello', contentType: 'text/plain' }, 'text/plain')
        await send({ payload: '', contentType: 'application/json' }, 'empty body')
        await json([], 'array')
        await json('text', 'string')
        await json(null, 'null')
        await json({ unexpectedField: 1 }, 'unknown field')
        for (const [property, schema] of Object.entries(route.bodySchema.properties ?? {})) {
          const types = typesOf(schema)
          await json(
            { [property]: types.includes('object') ? 42 : { wrong: true } },
            `${property} wrong type`,
          )
          if (types.includes('string')) await json({ [property]: HUGE }, `${property} huge`)
          if (types.includes('array'))
            await json(
              { [property]: Array.from({ length: 500 }, () => HUGE.slice(0, 300)) },
              `${property} long list`,
            )
        }
      }
      expect(requests).toBeGreaterThan(200)
      expect(await snapshot()).toEqual(before)
    }, 60_000)

    it('answers unknown API paths with a JSON 404', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/nothing-here',
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(404)
      expect(response.json().error.code).toBe('NOT_FOUND')
    })

    it('answers a body over the JSON size limit with 400', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Big', background: 'x'.repeat(600_000) }),
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.message).toMatch(/too large/)
    })
  })
}
