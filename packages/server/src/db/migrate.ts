import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import * as initial from './migrations/0001-initial'

/** Every migration, in order. Adding one means adding a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<string[]> => {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
