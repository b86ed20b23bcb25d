import type { Generated } from 'kysely'

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

export type QboConnectionStatus = 'connected' | 'needs_reconnect' | 'disconnected'

export type QboConnectionTable = {
  workspace_id: string
  realm_id: string
  company_name: string
  status: QboConnectionStatus
  token_ciphertext: string | null
  token_version: number
  reconnect_reason: string | null
  connected_by: string | null
  connected_at: string
  last_success_at: string | null
  updated_at: string
}

export type QboOAuthStateTable = {
  state_hash: string
  workspace_id: string
  user_id: string
  session_hash: string
  redirect_uri: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export type QboPendingConnectionTable = {
  workspace_id: string
  realm_id: string
  company_name: string
  token_ciphertext: string
  requested_by: string
  created_at: string
  expires_at: string
}

export type QboCustomerLinkTable = {
  workspace_id: string
  record_id: string
  realm_id: string
  customer_id: string
  display_name: string
  linked_by: string | null
  linked_at: string
}

export type QboDocumentLinkTable = {
  workspace_id: string
  record_id: string
  realm_id: string
  document_type: 'invoice' | 'estimate' | 'payment'
  document_id: string
  doc_number: string | null
  /** JSON: what the document looked like when linked (shown once QBO no longer has it). */
  snapshot: string
  linked_by: string | null
  linked_at: string
}

/** One QBO request (or batch) counted by a per-company limiter (modules/quickbooks/rate-limit-store-db.ts). */
export type QboRateLimitEntryTable = {
  id: Generated<number>
  limit_key: string
  at_ms: number
  cost: number
  owner: string
  in_flight: number
}

/** A cache invalidation every server process applies (modules/quickbooks/cache-invalidation.ts). */
export type QboCacheInvalidationTable = {
  id: Generated<number>
  realm_id: string
  workspace_id: string | null
  /** JSON array of cache tags. */
  tags: string
  origin: string
  created_at: string
}

/** Webhook notifications already handled, so a replay does nothing. */
export type QboWebhookNotificationTable = { notification_id: string; received_at: string }

/** Where change data capture resumes for each connection. */
export type QboCdcCheckpointTable = {
  workspace_id: string
  realm_id: string
  changed_since: string
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
  qbo_connections: QboConnectionTable
  qbo_oauth_states: QboOAuthStateTable
  qbo_pending_connections: QboPendingConnectionTable
  qbo_customer_links: QboCustomerLinkTable
  qbo_document_links: QboDocumentLinkTable
  qbo_rate_limit_entries: QboRateLimitEntryTable
  qbo_cache_invalidations: QboCacheInvalidationTable
  qbo_webhook_notifications: QboWebhookNotificationTable
  qbo_cdc_checkpoints: QboCdcCheckpointTable
}
