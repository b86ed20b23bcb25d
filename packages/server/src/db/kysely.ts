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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/** The default embedded database file inside the data folder (created when missing). */
export const sqliteFileIn = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true })
  return join(dataDir, 'ledgerlink.sqlite')
}
