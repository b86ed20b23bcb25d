import type { Kysely } from 'kysely'

// The QuickBooks connection of each workspace, the OAuth states of connections in progress, and the links from
// CRM records to QBO customers. Tokens are stored only encrypted (modules/quickbooks/token-crypto.ts).
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('qbo_connections')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_ciphertext', 'text')
    // The compare-and-save key of the token store: it only ever grows, across reconnections too.
    .addColumn('token_version', 'integer', (c) => c.notNull())
    .addColumn('reconnect_reason', 'text')
    .addColumn('connected_by', 'text')
    .addColumn('connected_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('qbo_oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('qbo_oauth_states_expiry').on('qbo_oauth_states').column('expires_at').execute()

  // A connection to a different company than the one the workspace's links point at waits here for an
  // administrator to confirm that those links may be cleared.
  await db.schema
    .createTable('qbo_pending_connections')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text', (c) => c.notNull())
    .addColumn('token_ciphertext', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('qbo_customer_links')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // Deleting a CRM record removes its link with it.
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('qbo_customer_links_pk', ['workspace_id', 'record_id'])
    .execute()
  await db.schema
    .createIndex('qbo_customer_links_by_customer')
    .on('qbo_customer_links')
    .columns(['workspace_id', 'realm_id', 'customer_id'])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'qbo_customer_links',
    'qbo_pending_connections',
    'qbo_oauth_states',
    'qbo_connections',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
