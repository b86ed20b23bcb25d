export { type Db, type DbHandle, type Dialect, openDatabase, sqliteFileIn } from './kysely'
export { migrateToLatest } from './migrate'
export { openConfiguredDatabase } from './open'
export type * from './schema'
