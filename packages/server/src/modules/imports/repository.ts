import type { Db, ImportStatus } from '../../db'
import type { ImportRecordType } from './import-fields'

export type ImportError = { row: number; message: string }
export type StoredImport = {
  id: string
  recordType: ImportRecordType
  status: ImportStatus
  content: string
  total: number
  processed: number
  created: number
  failed: number
  errors: ImportError[]
  createdBy: string
}

export const insertImport = async (db: Db, workspaceId: string, job: StoredImport) => {
  const now = new Date().toISOString()
  await db
    .insertInto('imports')
    .values({
      id: job.id,
      workspace_id: workspaceId,
      record_type: job.recordType,
      status: job.status,
      content: job.content,
      total: job.total,
      processed: 0,
      created: 0,
      failed: 0,
      errors: '[]',
      created_by: job.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute()
}

export const findImport = async (
  db: Db,
  workspaceId: string,
  id: string,
): Promise<StoredImport | undefined> => {
  const row = await db
    .selectFrom('imports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    recordType: row.record_type,
    status: row.status,
    content: row.content,
    total: Number(row.total),
    processed: Number(row.processed),
    created: Number(row.created),
    failed: Number(row.failed),
    errors: JSON.parse(row.errors) as ImportError[],
    createdBy: row.created_by,
  }
}

/** Moves an import from previewed to running; false when another request started it first. */
export const claimImport = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const result = await db
    .updateTable('imports')
    .set({ status: 'running', updated_at: new Date().toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'previewed')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export const updateProgress = async (
  db: Db,
  workspaceId: string,
  id: string,
  progress: {
    status: ImportStatus
    processed: number
    created: number
    failed: number
    errors: ImportError[]
  },
) => {
  await db
    .updateTable('imports')
    .set({
      status: progress.status,
      processed: progress.processed,
      created: progress.created,
      failed: progress.failed,
      errors: JSON.stringify(progress.errors),
      updated_at: new Date().toISOString(),
      // The uploaded file is only needed until the import finishes.
      ...(progress.status === 'completed' || progress.status === 'failed' ? { content: '' } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute()
}

/** Imports left running by a stopped server cannot resume (their progress was per chunk); mark them failed. */
export const failRunningImports = async (db: Db) => {
  const result = await db
    .updateTable('imports')
    .set({ status: 'failed', content: '', updated_at: new Date().toISOString() })
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
