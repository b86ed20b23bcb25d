import type { Role } from '../../context'
import type { Db } from '../../db'

export type SessionRow = {
  idHash: string
  workspaceId: string
  userId: string
  csrfToken: string
  expiresAt: string
  user: { email: string; name: string; role: Role }
  workspace: { name: string }
}

export const insertSession = async (
  db: Db,
  session: {
    idHash: string
    workspaceId: string
    userId: string
    csrfToken: string
    createdAt: string
    expiresAt: string
  },
) => {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      workspace_id: session.workspaceId,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute()
}

/** The session with its user and workspace; the joins keep a session valid only while its user exists. */
export const findSession = async (db: Db, idHash: string): Promise<SessionRow | undefined> => {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'sessions.user_id')
        .onRef('users.workspace_id', '=', 'sessions.workspace_id'),
    )
    .innerJoin('workspaces', 'workspaces.id', 'sessions.workspace_id')
    .select([
      'sessions.id_hash',
      'sessions.workspace_id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.email',
      'users.name as user_name',
      'users.role',
      'workspaces.name as workspace_name',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    idHash: row.id_hash,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    user: { email: row.email, name: row.user_name, role: row.role },
    workspace: { name: row.workspace_name },
  }
}

export const extendSession = async (db: Db, idHash: string, expiresAt: string) => {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute()
}

export const deleteSession = async (db: Db, idHash: string) => {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

export const deleteOtherSessions = async (
  db: Db,
  workspaceId: string,
  userId: string,
  keepIdHash: string,
) => {
  await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id_hash', '!=', keepIdHash)
    .execute()
}

export const deleteExpiredSessions = async (db: Db, now: string) => {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute()
}
