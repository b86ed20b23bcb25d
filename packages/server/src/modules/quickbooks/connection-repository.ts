import type { Db, QboConnectionStatus } from '../../db'

export type ConnectionRow = {
  workspaceId: string
  realmId: string
  companyName: string
  status: QboConnectionStatus
  hasTokens: boolean
  tokenVersion: number
  reconnectReason: string | null
  connectedBy: string | null
  connectedAt: string
  lastSuccessAt: string | null
}

export type PendingRow = {
  workspaceId: string
  realmId: string
  companyName: string
  tokenCiphertext: string
  requestedBy: string
  expiresAt: string
}

/** The workspace's connection row (any status), or undefined when it never connected. */
export const findConnection = async (db: Db, workspaceId: string): Promise<ConnectionRow | undefined> => {
  const row = await db
    .selectFrom('qbo_connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    workspaceId: row.workspace_id,
    realmId: row.realm_id,
    companyName: row.company_name,
    status: row.status,
    hasTokens: row.token_ciphertext !== null,
    tokenVersion: row.token_version,
    reconnectReason: row.reconnect_reason,
    connectedBy: row.connected_by,
    connectedAt: row.connected_at,
    lastSuccessAt: row.last_success_at,
  }
}

/**
 * Connects the workspace to a company with fresh tokens. The token version continues from the old row, so a
 * process still holding the old tokens can never save over the new ones (compare-and-save in token-store-db.ts).
 */
export const upsertConnection = async (
  db: Db,
  values: {
    workspaceId: string
    realmId: string
    companyName: string
    tokenCiphertext: string
    connectedBy: string
    now: string
  },
): Promise<void> => {
  const existing = await db
    .selectFrom('qbo_connections')
    .select('token_version')
    .where('workspace_id', '=', values.workspaceId)
    .executeTakeFirst()
  const row = {
    realm_id: values.realmId,
    company_name: values.companyName,
    status: 'connected' as const,
    token_ciphertext: values.tokenCiphertext,
    reconnect_reason: null,
    connected_by: values.connectedBy,
    connected_at: values.now,
    last_success_at: values.now,
    updated_at: values.now,
  }
  if (existing) {
    await db
      .updateTable('qbo_connections')
      .set({ ...row, token_version: existing.token_version + 1 })
      .where('workspace_id', '=', values.workspaceId)
      .execute()
  } else {
    await db
      .insertInto('qbo_connections')
      .values({ workspace_id: values.workspaceId, ...row, token_version: 1 })
      .execute()
  }
}

/** Forgets the tokens and marks the connection disconnected; realm and company stay for a later reconnect. */
export const markDisconnected = async (db: Db, workspaceId: string, now: string): Promise<void> => {
  await db
    .updateTable('qbo_connections')
    .set((eb) => ({
      status: 'disconnected',
      token_ciphertext: null,
      reconnect_reason: null,
      token_version: eb('token_version', '+', 1),
      updated_at: now,
    }))
    .where('workspace_id', '=', workspaceId)
    .execute()
}

/** Records a successful QBO call, at most once a minute per workspace (the caller throttles; this is the write). */
export const touchLastSuccess = async (db: Db, workspaceId: string, realmId: string, now: string) => {
  await db
    .updateTable('qbo_connections')
    .set({ last_success_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '=', realmId)
    .execute()
}

export const findPending = async (
  db: Db,
  workspaceId: string,
  now: string,
): Promise<PendingRow | undefined> => {
  const row = await db
    .selectFrom('qbo_pending_connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    workspaceId: row.workspace_id,
    realmId: row.realm_id,
    companyName: row.company_name,
    tokenCiphertext: row.token_ciphertext,
    requestedBy: row.requested_by,
    expiresAt: row.expires_at,
  }
}

export const savePending = async (db: Db, values: PendingRow & { createdAt: string }): Promise<void> => {
  const row = {
    realm_id: values.realmId,
    company_name: values.companyName,
    token_ciphertext: values.tokenCiphertext,
    requested_by: values.requestedBy,
    created_at: values.createdAt,
    expires_at: values.expiresAt,
  }
  await db
    .insertInto('qbo_pending_connections')
    .values({ workspace_id: values.workspaceId, ...row })
    .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet(row))
    .execute()
}

/** Removes the pending connection; returns it (even when expired) so its tokens can be revoked. */
export const takePending = async (db: Db, workspaceId: string): Promise<PendingRow | undefined> => {
  const row = await db
    .selectFrom('qbo_pending_connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!row) return undefined
  const result = await db
    .deleteFrom('qbo_pending_connections')
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '=', row.realm_id)
    .where('created_at', '=', row.created_at)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) !== 1) return undefined
  return {
    workspaceId: row.workspace_id,
    realmId: row.realm_id,
    companyName: row.company_name,
    tokenCiphertext: row.token_ciphertext,
    requestedBy: row.requested_by,
    expiresAt: row.expires_at,
  }
}
