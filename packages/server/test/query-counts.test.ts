import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import {
  createSignedInWorkspace,
  createTestDatabase,
  type SignedIn,
  type TestApp,
  testConfig,
  testDatabases,
} from './helpers'

/**
 * No N+1 queries on record pages: the database queries a request makes must not grow with the number of
 * related rows it shows. Every query through the app's database handle is counted; the server's background
 * work (change data capture is off here; PostgreSQL's invalidation poll runs once a second) could add to one
 * request's count, so each request is measured three times and the smallest count is its own.
 */
let queries = 0
const countingPlugin: KyselyPlugin = {
  transformQuery: (args) => {
    queries++
    return args.node
  },
  transformResult: async (args) => args.result,
}

for (const dialect of testDatabases()) {
  describe(`database queries per request on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      const database = await createTestDatabase(dialect)
      const db = database.db.withPlugin(countingPlugin)
      const config = testConfig({ QBO_CDC_INTERVAL_SECONDS: '0' })
      const app = await buildApp(config, { db })
      await app.ready()
      t = {
        app,
        db,
        config,
        close: async () => {
          await app.close()
          await database.close()
        },
      }
      ;({ admin } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const post = async (url: string, payload: object) => {
      const response = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload })
      expect(response.statusCode, response.body).toBe(201)
      return response.json().id as string
    }
    /** The queries one GET makes (and that it answered 200). */
    const queriesOf = async (url: string) => {
      const counts: number[] = []
      for (let run = 0; run < 3; run++) {
        const before = queries
        const response = await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })
        expect(response.statusCode, response.body).toBe(200)
        counts.push(queries - before)
      }
      return Math.min(...counts)
    }

    /** An opportunity linked to `count` contacts (each in an organization), edited `count` times. */
    const opportunityWith = async (count: number) => {
      const id = await post('/api/opportunities', { name: `Deal with ${count}` })
      for (let index = 0; index < count; index++) {
        const organizationId = await post('/api/organizations', { name: `Org ${count}-${index}` })
        const contactId = await post('/api/contacts', {
          lastName: `Person ${count}-${index}`,
          organizationId,
        })
        await post(`/api/opportunities/${id}/links`, { recordType: 'contact', recordId: contactId })
        const edited = await t.app.inject({
          method: 'PATCH',
          url: `/api/opportunities/${id}`,
          headers: admin.headers,
          payload: { name: `Deal with ${count} (v${index})` },
        })
        expect(edited.statusCode, edited.body).toBe(200)
      }
      return id
    }

    it('reads a record page in the same number of queries whether it has 2 or 30 links and changes', async () => {
      const small = await opportunityWith(2)
      const large = await opportunityWith(30)
      const figures: string[] = []
      for (const suffix of ['', '/links', '/history']) {
        const few = await queriesOf(`/api/opportunities/${small}${suffix}`)
        const many = await queriesOf(`/api/opportunities/${large}${suffix}`)
        figures.push(`GET /api/opportunities/:id${suffix}: ${few} / ${many}`)
        expect(many, `GET …${suffix}`).toBe(few)
        // The session, the record, and what it shows: a handful, and never none (the count is real).
        expect(few).toBeGreaterThan(0)
        expect(few).toBeLessThanOrEqual(8)
      }
      process.stdout.write(`queries with 2 / 30 links (${dialect}): ${figures.join('; ')}\n`)
    }, 60_000)

    it('lists a page of 50 contacts with their organizations in as many queries as a page of 5', async () => {
      const few = await queriesOf('/api/contacts?limit=5')
      const many = await queriesOf('/api/contacts?limit=50')
      expect(many).toBe(few)
      expect(few).toBeGreaterThan(0)
      expect(few).toBeLessThanOrEqual(6)
      const organization = (
        await t.app.inject({
          method: 'GET',
          url: '/api/organizations?limit=1',
          headers: { cookie: admin.cookie },
        })
      ).json().items[0]?.id as string
      expect(await queriesOf(`/api/organizations/${organization}/links`)).toBeLessThanOrEqual(8)
    })
  })
}
