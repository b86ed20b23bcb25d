import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'
import { createCrmService } from './record-service'

for (const dialect of testDatabases()) {
  describe(`list sort and cursor pagination on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      const crm = createCrmService(t.db)
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      // Duplicate names make the id tie-breaker matter.
      for (let i = 0; i < 60; i++)
        await crm.createRecord(ctx, 'organization', { name: `Org ${String(i % 20).padStart(2, '0')}` })
    })
    afterAll(async () => t?.close())

    const page = async (query: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/organizations?${query}`,
        headers: { cookie: admin.cookie },
      })
      expect(response.statusCode).toBe(200)
      return response.json() as {
        items: { id: string; name: string; createdAt: string }[]
        nextCursor: string | null
      }
    }

    const walk = async (sort: string, limit: number, onPage?: (index: number) => Promise<void>) => {
      const seen: { id: string; name: string; createdAt: string }[] = []
      let cursor: string | null = null
      let index = 0
      do {
        const result = await page(
          `sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        seen.push(...result.items)
        cursor = result.nextCursor
        await onPage?.(index++)
      } while (cursor)
      return seen
    }

    it('sorts by name by default and returns 25 items with a cursor', async () => {
      const first = await page('')
      expect(first.items).toHaveLength(25)
      expect(first.nextCursor).toEqual(expect.any(String))
      const names = first.items.map((item) => item.name)
      expect(names).toEqual([...names].sort())
    })

    it('walks every sort order without duplicates or gaps', async () => {
      for (const sort of ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']) {
        const all = await walk(sort, 7)
        expect(new Set(all.map((item) => item.id)).size, sort).toBe(60)
        expect(all).toHaveLength(60)
      }
    })

    it('neither repeats nor skips existing rows while others are inserted between pages', async () => {
      const before = new Set((await walk('name', 100)).map((item) => item.id))
      const crm = createCrmService(t.db)
      const ctx = { workspaceId: admin.workspaceId, userId: admin.userId }
      const seen = await walk('name', 9, async (index) => {
        await crm.createRecord(ctx, 'organization', { name: `Org 0${index % 3} inserted ${index}` })
        await crm.createRecord(ctx, 'organization', { name: `AAA inserted ${index}` })
      })
      const ids = seen.map((item) => item.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const id of before) expect(ids).toContain(id)
    })

    it('rejects a cursor from another sort order, a forged cursor and an out-of-range limit', async () => {
      const first = await page('sort=name&limit=5')
      for (const query of [
        `sort=-name&cursor=${first.nextCursor}`,
        'cursor=not-a-cursor',
        'limit=0',
        'limit=101',
        'limit=ten',
        'sort=size',
      ]) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/organizations?${query}`,
          headers: { cookie: admin.cookie },
        })
        expect(response.statusCode, query).toBe(400)
        expect(response.json().error.code).toMatch(/BAD_CURSOR|BAD_INPUT/)
      }
    })
  })
}
