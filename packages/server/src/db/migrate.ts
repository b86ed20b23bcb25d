import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import * as initial from './migrations/0001-initial'
import * as quickbooks from './migrations/0002-quickbooks'
import * as quickbooksDocuments from './migrations/0003-quickbooks-documents'
import * as searchIndexes from './migrations/0004-search-indexes'
import * as quickbooksSharedState from './migrations/0005-quickbooks-shared-state'

/** Every migration, in order. Adding one means adding a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-quickbooks': quickbooks,
  '0003-quickbooks-documents': quickbooksDocuments,
  '0004-search-indexes': searchIndexes,
  '0005-quickbooks-shared-state': quickbooksSharedState,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<string[]> => {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
