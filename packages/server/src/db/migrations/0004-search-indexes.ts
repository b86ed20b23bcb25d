import { type Kysely, PostgresAdapter, sql } from 'kysely'

// CRM search is a substring search (`search_text LIKE '%…%'`), which no B-tree index can answer. PostgreSQL
// answers it from a pg_trgm GIN index on the column itself; SQLite from an FTS5 trigram table kept in step by
// triggers, which the record repository uses as a pre-filter (modules/crm/record-search-index.ts).
export const up = async (db: Kysely<unknown>): Promise<void> => {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await upPostgres(db)
    return
  }
  await upSqlite(db)
}

const upPostgres = async (db: Kysely<unknown>) => {
  // pg_trgm ships with PostgreSQL's contrib package, which some installations leave out: without it, search
  // keeps working through a scan, and a later migration run cannot add it retroactively, so say nothing.
  const available = await sql<{ name: string }>`
    select name from pg_available_extensions where name = 'pg_trgm'`.execute(db)
  if (available.rows.length === 0) return
  try {
    await sql`create extension if not exists pg_trgm`.execute(db)
  } catch {
    // Creating an extension needs a privilege the application's role may lack; search still works unindexed.
    return
  }
  await sql`create index if not exists records_search_trgm on records using gin (search_text gin_trgm_ops)`.execute(
    db,
  )
}

const upSqlite = async (db: Kysely<unknown>) => {
  const fts5 = await sql<{ ok: number }>`select sqlite_compileoption_used('ENABLE_FTS5') as ok`.execute(db)
  if (fts5.rows[0]?.ok !== 1) return
  // The records table has a text key and no INTEGER PRIMARY KEY, so its implicit rowids may change on VACUUM:
  // the index gets its own stable integer keys. It is contentless (the repository re-checks every candidate
  // with the exact LIKE on records), and `contentless_delete` lets the triggers remove a record's entry.
  await sql`create table records_search_keys (rowid integer primary key, id text not null unique)`.execute(db)
  await sql`
    create virtual table records_search using fts5(
      search_text, content = '', contentless_delete = 1, tokenize = 'trigram')`.execute(db)
  await sql`insert into records_search_keys (id) select id from records`.execute(db)
  await sql`
    insert into records_search (rowid, search_text)
    select k.rowid, r.search_text from records r join records_search_keys k on k.id = r.id`.execute(db)
  await sql`
    create trigger records_search_insert after insert on records begin
      insert into records_search_keys (id) values (new.id);
      insert into records_search (rowid, search_text)
        values ((select rowid from records_search_keys where id = new.id), new.search_text);
    end`.execute(db)
  await sql`
    create trigger records_search_update after update of search_text on records begin
      delete from records_search where rowid = (select rowid from records_search_keys where id = old.id);
      insert into records_search (rowid, search_text)
        values ((select rowid from records_search_keys where id = old.id), new.search_text);
    end`.execute(db)
  await sql`
    create trigger records_search_delete after delete on records begin
      delete from records_search where rowid = (select rowid from records_search_keys where id = old.id);
      delete from records_search_keys where id = old.id;
    end`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists records_search_trgm`.execute(db)
    return
  }
  for (const trigger of ['records_search_insert', 'records_search_update', 'records_search_delete']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db)
  }
  await sql`drop table if exists records_search`.execute(db)
  await sql`drop table if exists records_search_keys`.execute(db)
}
