import { SqliteAdapter, sql } from 'kysely'
import type { Db, RecordTable } from '../../db'
import type { RecordData, RecordType } from './record-types'

export type StoredRecord = {
  id: string
  type: RecordType
  name: string
  data: RecordData
  organizationId: string | null
  ownerId: string | null
  createdAt: string
  updatedAt: string
  createdBy: string | null
}

export type SortColumn = 'sort_name' | 'updated_at' | 'created_at'
export type ListQuery = {
  search: string | undefined
  column: SortColumn
  isDescending: boolean
  after: { value: string; id: string } | undefined
  limit: number
}

const COLUMNS = [
  'id',
  'type',
  'name',
  'data',
  'organization_id',
  'owner_id',
  'created_at',
  'updated_at',
  'created_by',
  'sort_name',
] as const

type Row = Pick<RecordTable, (typeof COLUMNS)[number]>

const toRecord = (row: Row): StoredRecord & { sortName: string } => ({
  id: row.id,
  type: row.type,
  name: row.name,
  data: JSON.parse(row.data) as RecordData,
  organizationId: row.organization_id,
  ownerId: row.owner_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  createdBy: row.created_by,
  sortName: row.sort_name,
})

export type RecordRowValues = {
  name: string
  sortName: string
  searchText: string
  organizationId: string | null
  ownerId: string | null
  data: RecordData
}

export const insertRecords = async (
  db: Db,
  workspaceId: string,
  rows: (RecordRowValues & { id: string; type: RecordType; createdAt: string; createdBy: string | null })[],
) => {
  if (rows.length === 0) return
  await db
    .insertInto('records')
    .values(
      rows.map((row) => ({
        id: row.id,
        workspace_id: workspaceId,
        type: row.type,
        name: row.name,
        sort_name: row.sortName,
        search_text: row.searchText,
        organization_id: row.organizationId,
        owner_id: row.ownerId,
        data: JSON.stringify(row.data),
        created_at: row.createdAt,
        updated_at: row.createdAt,
        created_by: row.createdBy,
      })),
    )
    .execute()
}

export const updateRecordRow = async (
  db: Db,
  workspaceId: string,
  id: string,
  values: RecordRowValues & { updatedAt: string },
  expectedData: RecordData,
): Promise<boolean> => {
  // Optimistic check: the row must still hold the data the change was computed from (a concurrent edit of
  // another field would otherwise be lost, since all fields live in one JSON column).
  const result = await db
    .updateTable('records')
    .set({
      name: values.name,
      sort_name: values.sortName,
      search_text: values.searchText,
      organization_id: values.organizationId,
      owner_id: values.ownerId,
      data: JSON.stringify(values.data),
      updated_at: values.updatedAt,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('data', '=', JSON.stringify(expectedData))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export const findRecord = async (db: Db, workspaceId: string, type: RecordType, id: string) => {
  const row = await db
    .selectFrom('records')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', type)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toRecord(row) : undefined
}

/** Names of records by id (any type), for showing links and a contact's organization. */
export const findRecordSummaries = async (db: Db, workspaceId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, { type: RecordType; name: string }>()
  const rows = await db
    .selectFrom('records')
    .select(['id', 'type', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, { type: row.type, name: row.name }]))
}

/** Escapes LIKE wildcards so a search for "50%" finds the text "50%". */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * SQLite's trigram index of search_text (migration 0004-search-indexes), when the database has it. It narrows
 * a substring search to the rows containing every trigram of the search; the LIKE still decides, so results
 * are exactly those of the LIKE alone. PostgreSQL answers the LIKE itself from its pg_trgm index.
 */
const trigramIndexes = new WeakMap<Db, Promise<boolean>>()
const hasTrigramIndex = (db: Db): Promise<boolean> => {
  let known = trigramIndexes.get(db)
  if (!known) {
    known =
      db.getExecutor().adapter instanceof SqliteAdapter
        ? sql`select 1 from sqlite_master where type = 'table' and name = 'records_search'`
            .execute(db)
            .then((result) => result.rows.length > 0)
            .catch(() => false)
        : Promise.resolve(false)
    trigramIndexes.set(db, known)
  }
  return known
}

/** Trigrams need three characters; a shorter search is answered by the LIKE alone. */
const TRIGRAM_LENGTH = 3

/** The search as one FTS5 phrase: a quoted string matches it as a substring under the trigram tokenizer. */
const trigramPhrase = (search: string) => `"${search.replaceAll('"', '""')}"`

/** Beyond this many candidates, walking a sort index with the LIKE finds a page sooner than sorting them all. */
const MAX_TRIGRAM_CANDIDATES = 1000

/** Ids of the records (any workspace) whose search text may contain `search`, or undefined: use the LIKE alone. */
const trigramCandidates = async (db: Db, search: string): Promise<string[] | undefined> => {
  if ([...search].length < TRIGRAM_LENGTH || !(await hasTrigramIndex(db))) return undefined
  const result = await sql<{ id: string }>`
    select k.id from records_search s join records_search_keys k on k.rowid = s.rowid
    where records_search match ${trigramPhrase(search)} limit ${MAX_TRIGRAM_CANDIDATES + 1}`.execute(db)
  return result.rows.length > MAX_TRIGRAM_CANDIDATES ? undefined : result.rows.map((row) => row.id)
}

/** One page in keyset order on (sort column, id); fetches one extra row to know whether there is a next page. */
export const listRecords = async (db: Db, workspaceId: string, type: RecordType, query: ListQuery) => {
  const direction = query.isDescending ? 'desc' : 'asc'
  const search = query.search?.toLowerCase()
  const candidates = search ? await trigramCandidates(db, search) : undefined
  if (candidates?.length === 0) return []
  let select = db.selectFrom('records').select(COLUMNS)
  select = candidates
    ? // A few candidates: look them up by id and sort them. The unary `+` keeps SQLite from walking a whole
      // sort index instead, which it would otherwise estimate as cheaper.
      select
        .where(sql<boolean>`+workspace_id = ${workspaceId} and +type = ${type}`)
        .where('id', 'in', candidates)
    : select.where('workspace_id', '=', workspaceId).where('type', '=', type)
  if (search) {
    select = select.where(sql<boolean>`search_text like ${likePattern(search)} escape ${'\\'}`)
  }
  if (query.after) {
    const { value, id } = query.after
    const op = query.isDescending ? '<' : '>'
    // A row-value comparison, which both databases answer with a range scan of the (…, column, id) index.
    select = select.where((eb) => eb(eb.refTuple(query.column, 'id'), op, eb.tuple(value, id)))
  }
  const rows = await select
    .orderBy(query.column, direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute()
  return rows.map(toRecord)
}

export const deleteRecordRow = async (db: Db, workspaceId: string, id: string) => {
  await db.deleteFrom('records').where('workspace_id', '=', workspaceId).where('id', '=', id).execute()
}

export const findContactIdsOfOrganization = async (db: Db, workspaceId: string, organizationId: string) => {
  const rows = await db
    .selectFrom('records')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('organization_id', '=', organizationId)
    .where('type', '=', 'contact')
    .execute()
  return rows.map((row) => row.id)
}

export const countRecords = async (db: Db, workspaceId: string, type: RecordType) => {
  const row = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', type)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Organization ids by lower-cased name, for filling a contact's organization from an organization column. */
export const findOrganizationIdsByName = async (db: Db, workspaceId: string, names: string[]) => {
  if (names.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('records')
    .select(['id', 'sort_name'])
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', 'organization')
    .where('sort_name', 'in', names)
    .orderBy('id')
    .execute()
  const map = new Map<string, string>()
  for (const row of rows) if (!map.has(row.sort_name)) map.set(row.sort_name, row.id)
  return map
}
