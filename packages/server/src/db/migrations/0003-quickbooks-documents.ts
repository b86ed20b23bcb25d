import type { Kysely } from 'kysely'

// Direct links from opportunities and projects to QBO invoices, estimates and payments (DESIGN.md §1.2). One
// document may be linked to several records. `snapshot` keeps what the document looked like when it was linked
// (number, date, total, currency, customer) so that a row can still be shown once QBO has deleted it.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('qbo_document_links')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // Deleting a CRM record removes its document links with it.
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('qbo_document_links_pk', [
      'workspace_id',
      'record_id',
      'document_type',
      'document_id',
    ])
    .execute()
  await db.schema
    .createIndex('qbo_document_links_by_document')
    .on('qbo_document_links')
    .columns(['workspace_id', 'realm_id', 'document_type', 'document_id'])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('qbo_document_links').execute()
}
