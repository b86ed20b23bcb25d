import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

export type Db = Kysely<Database>
export type Dialect = 'sqlite' | 'postgres'

export type DbHandle = { db: Db; dialect: Dialect; close: () => Promise<void> }

// PostgreSQL returns COUNT(*) and BIGINT as strings; the integers we store fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise an embedded SQLite file in WAL mode
 * (`:memory:` for a throw-away database).
 */
export const openDatabase = (options: {
  databaseUrl?: string | undefined
  sqliteFile?: string
  onIdleError?: (error: Error) => void
}): DbHandle => {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    // An idle connection dropped by the server (restart, admin command) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => options.onIdleError?.(error))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  const file = options.sqliteFile ?? ':memory:'
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew, and on SQLite preparing costs about as much as running a small query. The
 * application sends a few hundred distinct statements, so each is prepared once and kept (least recently used
 * out past 500). better-sqlite3 runs a statement to completion synchronously, so sharing one is safe as long as
 * nothing streams rows with `iterate()` (Ledgerlink does not use Kysely's `stream()`); SQLite re-prepares a
 * kept statement by itself after a schema change.
 */
const withStatementCache = (sqlite: SqliteDatabase.Database) => {
  const statements = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      const kept = statements.get(sql)
      if (kept) {
        statements.delete(sql)
        statements.set(sql, kept)
        return kept
      }
      const statement = sqlite.prepare(sql)
      statements.set(sql, statement)
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value
        if (oldest !== undefined) statements.delete(oldest)
      }
      return statement
    },
  }
}

/** The default embedded database file inside the data folder (created when missing). */
export const sqliteFileIn = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true })
  return join(dataDir, 'ledgerlink.sqlite')
}
