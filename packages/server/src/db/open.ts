import type { Kysely } from 'kysely'
import type { Config } from '../config'
import { type DbHandle, openDatabase, sqliteFileIn } from './kysely'
import { migrateToLatest } from './migrate'

/** Opens the configured database (PostgreSQL from DATABASE_URL, else SQLite in the data folder) and migrates it. */
export const openConfiguredDatabase = async (
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  onIdleError?: (error: Error) => void,
): Promise<DbHandle> => {
  const handle = config.databaseUrl
    ? openDatabase({ databaseUrl: config.databaseUrl, ...(onIdleError ? { onIdleError } : {}) })
    : openDatabase({ sqliteFile: sqliteFileIn(config.dataDir) })
  await migrateToLatest(handle.db as unknown as Kysely<unknown>)
  return handle
}
