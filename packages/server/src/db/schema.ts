/** Table types for Kysely. Timestamps are ISO-8601 UTC strings on both databases so they sort as text. */
export type WorkspaceTable = { id: string; name: string; created_at: string }

export type UserTable = {
  id: string
  workspace_id: string
  email: string
  name: string
  role: 'admin' | 'member'
  password_hash: string
  created_at: string
  updated_at: string
}

export type SessionTable = {
  id_hash: string
  workspace_id: string
  user_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

export type RecordTypeName = 'organization' | 'contact' | 'opportunity' | 'project'

/**
 * One row per CRM record. The type's fields live in `data` (JSON text); the columns every list, search, sort
 * and join needs are promoted next to it and indexed.
 */
export type RecordTable = {
  id: string
  workspace_id: string
  type: RecordTypeName
  name: string
  sort_name: string
  search_text: string
  organization_id: string | null
  owner_id: string | null
  data: string
  created_at: string
  updated_at: string
  created_by: string | null
}

export type LinkTable = {
  id: string
  workspace_id: string
  from_type: 'opportunity' | 'project'
  from_id: string
  to_type: 'organization' | 'contact'
  to_id: string
  role: string | null
  created_at: string
}

export type HistoryAction = 'create' | 'update' | 'undo' | 'import' | 'copy_from_quickbooks'

export type HistoryTable = {
  id: string
  workspace_id: string
  record_type: RecordTypeName
  record_id: string
  changed_at: string
  user_id: string | null
  action: HistoryAction
  changes: string
}

export type ImportStatus = 'previewed' | 'running' | 'completed' | 'failed'

export type ImportTable = {
  id: string
  workspace_id: string
  record_type: 'organization' | 'contact'
  status: ImportStatus
  content: string
  total: number
  processed: number
  created: number
  failed: number
  errors: string
  created_by: string
  created_at: string
  updated_at: string
}

export type Database = {
  workspaces: WorkspaceTable
  users: UserTable
  sessions: SessionTable
  records: RecordTable
  links: LinkTable
  history: HistoryTable
  imports: ImportTable
}
