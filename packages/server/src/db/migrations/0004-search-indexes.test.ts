import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabases } from '../../../test/helpers'
import type { ServiceContext } from '../../context'
import { type CrmService, createCrmService } from '../../modules/crm'
import { createWorkspace } from '../../modules/workspaces'

const NAMES = [
  'Anderson Farms',
  'Sanders Bakery',
  'Müller & Söhne',
  '50% Off Deals',
  'snake_case Ltd',
  'Quote "Inc" Partners',
  'Back\\slash Studio',
  'Plain Company',
]

for (const dialect of testDatabases()) {
  describe(`substring search with the search index on ${dialect}`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let crm: CrmService
    let ctx: ServiceContext
    const ids = new Map<string, string>()

    beforeAll(async () => {
      database = await createTestDatabase(dialect)
      crm = createCrmService(database.db)
      const created = await createWorkspace(database.db, {
        name: 'Search',
        adminEmail: `search-${dialect}@example.test`,
        adminName: 'Sam Search',
        password: 'search-password-1',
      })
      ctx = { workspaceId: created.workspace.id, userId: null }
      for (const name of NAMES) ids.set(name, (await crm.createRecord(ctx, 'organization', { name })).id)
    })
    afterAll(async () => database?.close())

    const search = async (q: string) =>
      (await crm.listRecords(ctx, 'organization', { q, sort: 'name', limit: 50 })).items
        .map((r) => r.name)
        .sort()

    /** What a plain substring test over the names finds: the index must neither add nor lose a row. */
    const expected = (q: string, names = NAMES) =>
      names.filter((name) => name.toLowerCase().includes(q.trim().toLowerCase())).sort()

    it.each([
      'ander',
      'ANDER',
      '50%',
      'e_c',
      '"inc"',
      'müller',
      'MÜLLER & s',
      'k\\sl',
      'an',
      'zz',
      'xyzq',
      'ny',
      'company',
    ])('finds exactly the names containing %j', async (q) => {
      expect(await search(q)).toEqual(expected(q))
    })

    it('finds the same rows whether the index narrows a search or too many records match for it to help', async () => {
      const bulk = Array.from({ length: 1_050 }, (_, i) => ({
        name: `Bulkhead ${String(i).padStart(4, '0')}`,
      }))
      await database.db
        .transaction()
        .execute((trx) => crm.insertNew(trx, ctx, 'organization', bulk, 'import'))
      const page = await crm.listRecords(ctx, 'organization', { q: 'bulkhead 10', sort: 'name', limit: 200 })
      expect(page.items.map((r) => r.name)).toEqual(
        Array.from({ length: 50 }, (_, i) => `Bulkhead ${String(1_000 + i)}`),
      )
      const first = await crm.listRecords(ctx, 'organization', { q: 'ulkhea', sort: 'name', limit: 3 })
      expect(first.items.map((r) => r.name)).toEqual(['Bulkhead 0000', 'Bulkhead 0001', 'Bulkhead 0002'])
      expect(first.nextCursor).not.toBeNull()
    })

    it('follows renames and deletions', async () => {
      const anderson = ids.get('Anderson Farms') ?? ''
      await crm.updateRecordFields(ctx, 'organization', anderson, { name: 'Pearson Farms' })
      expect(await search('ander')).toEqual(['Sanders Bakery'])
      expect(await search('pearson')).toEqual(['Pearson Farms'])
      await crm.deleteRecord(ctx, 'organization', ids.get('Sanders Bakery') ?? '')
      expect(await search('ander')).toEqual([])
    })

    if (dialect === 'sqlite') {
      it('keeps one index entry per record', async () => {
        const count = async (table: string) =>
          Number(
            (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db))
              .rows[0]?.n,
          )
        expect(await count('records_search_keys')).toBe(await count('records'))
        expect(await count('records_search')).toBe(await count('records'))
      })
    }

    if (dialect === 'postgres') {
      it('answers a substring search from the trigram index when pg_trgm is available', async () => {
        const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(
          database.db,
        )
        const index = await sql`select 1 from pg_indexes where indexname = 'records_search_trgm'`.execute(
          database.db,
        )
        expect(index.rows.length).toBe(available.rows.length)
        if (available.rows.length === 0) return
        const plan = await database.db.transaction().execute(async (trx) => {
          // Eight rows make a scan cheapest; rule out the other plans to see that the index applies at all.
          await sql`set local enable_seqscan = off`.execute(trx)
          await sql`set local enable_indexscan = off`.execute(trx)
          return sql<{
            'QUERY PLAN': string
          }>`explain select id from records where search_text like ${'%xyzq%'} escape ${'\\'}`.execute(trx)
        })
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('records_search_trgm')
      })
    }
  })
}
