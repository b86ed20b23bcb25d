import type { Db, HistoryAction } from '../../db'
import type { RecordType } from './record-types'

export type FieldChange = { field: string; oldValue: unknown; newValue: unknown }
export type HistoryEntry = {
  id: string
  recordType: RecordType
  recordId: string
  changedAt: string
  userId: string | null
  action: HistoryAction
  changes: FieldChange[]
}

export const insertHistory = async (db: Db, workspaceId: string, entries: HistoryEntry[]) => {
  if (entries.length === 0) return
  await db
    .insertInto('history')
    .values(
      entries.map((entry) => ({
        id: entry.id,
        workspace_id: workspaceId,
        record_type: entry.recordType,
        record_id: entry.recordId,
        changed_at: entry.changedAt,
        user_id: entry.userId,
        action: entry.action,
        changes: JSON.stringify(entry.changes),
      })),
    )
    .execute()
}

type Row = {
  id: string
  record_type: RecordType
  record_id: string
  changed_at: string
  user_id: string | null
  action: HistoryAction
  changes: string
}

const toEntry = (row: Row): HistoryEntry => ({
  id: row.id,
  recordType: row.record_type,
  recordId: row.record_id,
  changedAt: row.changed_at,
  userId: row.user_id,
  action: row.action,
  changes: JSON.parse(row.changes) as FieldChange[],
})

const COLUMNS = ['id', 'record_type', 'record_id', 'changed_at', 'user_id', 'action', 'changes'] as const

/** Newest first; ids sort by creation time. */
export const listHistory = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  options: { beforeId: string | undefined; limit: number },
) => {
  let select = db
    .selectFrom('history')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
  if (options.beforeId) select = select.where('id', '<', options.beforeId)
  const rows = await select
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute()
  return rows.map(toEntry)
}

export const findHistoryEntry = async (db: Db, workspaceId: string, recordId: string, id: string) => {
  const row = await db
    .selectFrom('history')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toEntry(row) : undefined
}
