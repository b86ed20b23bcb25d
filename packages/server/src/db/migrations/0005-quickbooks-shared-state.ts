import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/** An ever-growing integer key: PostgreSQL's bigserial, SQLite's autoincrement rowid. */
const serialKey = (db: Kysely<unknown>) => {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter
  return {
    type: isPostgres ? ('bigserial' as const) : ('integer' as const),
    build: (c: ColumnDefinitionBuilder) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()),
  }
}

// What several server processes sharing one database must agree on for QuickBooks (DESIGN.md §2): the
// per-company rate-limit windows, the cache invalidations, the webhook notifications already handled, and the
// change-data-capture checkpoint of each connection.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const serial = serialKey(db)
  // One row per QBO request (or batch) counted against a limiter key; `cost` is what it counts for.
  await db.schema
    .createTable('qbo_rate_limit_entries')
    .addColumn('id', serial.type, serial.build)
    .addColumn('limit_key', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    // Which store instance (process) recorded it, and whether its request is still running.
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('in_flight', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('qbo_rate_limit_entries_by_key')
    .on('qbo_rate_limit_entries')
    .columns(['limit_key', 'at_ms'])
    .execute()

  await db.schema
    .createTable('qbo_cache_invalidations')
    .addColumn('id', serial.type, serial.build)
    .addColumn('realm_id', 'text', (c) => c.notNull())
    // Null: every workspace connected to the realm.
    .addColumn('workspace_id', 'text')
    // JSON array of cache tags.
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('qbo_cache_invalidations_by_time')
    .on('qbo_cache_invalidations')
    .column('created_at')
    .execute()

  await db.schema
    .createTable('qbo_webhook_notifications')
    .addColumn('notification_id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('qbo_webhook_notifications_by_time')
    .on('qbo_webhook_notifications')
    .column('received_at')
    .execute()

  await db.schema
    .createTable('qbo_cdc_checkpoints')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('changed_since', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'qbo_cdc_checkpoints',
    'qbo_webhook_notifications',
    'qbo_cache_invalidations',
    'qbo_rate_limit_entries',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
