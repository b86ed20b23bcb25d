import type { Role } from '../../context'
import type { Db } from '../../db'

export type User = {
  id: string
  workspaceId: string
  email: string
  name: string
  role: Role
  createdAt: string
}
export type UserWithHash = User & { passwordHash: string }

type UserRow = {
  id: string
  workspace_id: string
  email: string
  name: string
  role: Role
  created_at: string
  password_hash: string
}

const toUser = (row: UserRow): UserWithHash => ({
  id: row.id,
  workspaceId: row.workspace_id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  passwordHash: row.password_hash,
})

const USER_COLUMNS = ['id', 'workspace_id', 'email', 'name', 'role', 'created_at', 'password_hash'] as const

export const insertWorkspace = async (db: Db, workspace: { id: string; name: string; createdAt: string }) => {
  await db
    .insertInto('workspaces')
    .values({ id: workspace.id, name: workspace.name, created_at: workspace.createdAt })
    .execute()
}

export const findWorkspace = async (db: Db, workspaceId: string) =>
  db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', workspaceId).executeTakeFirst()

export const hasAnyWorkspace = async (db: Db) =>
  (await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst()) !== undefined

export const findWorkspaceByName = async (db: Db, name: string) =>
  db.selectFrom('workspaces').select(['id', 'name']).where('name', '=', name).executeTakeFirst()

export const insertUser = async (db: Db, user: UserWithHash) => {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      workspace_id: user.workspaceId,
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
      updated_at: user.createdAt,
    })
    .execute()
}

/** Sign-in looks a user up by email alone (emails are unique across workspaces). */
export const findUserByEmail = async (db: Db, email: string): Promise<UserWithHash | undefined> => {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export const findUser = async (
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<UserWithHash | undefined> => {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst()
  return row ? toUser(row) : undefined
}

export const listUsers = async (db: Db, workspaceId: string): Promise<UserWithHash[]> => {
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map(toUser)
}

export const findUserNames = async (db: Db, workspaceId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

export const updateUser = async (
  db: Db,
  workspaceId: string,
  userId: string,
  changes: { name?: string; role?: Role; passwordHash?: string },
  now: string,
) => {
  await db
    .updateTable('users')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .execute()
}

export const deleteUserSessions = async (db: Db, workspaceId: string, userId: string) => {
  await db
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute()
}

export const deleteUser = async (db: Db, workspaceId: string, userId: string) => {
  await deleteUserSessions(db, workspaceId, userId)
  await db.deleteFrom('users').where('workspace_id', '=', workspaceId).where('id', '=', userId).execute()
}

export const countAdmins = async (db: Db, workspaceId: string): Promise<number> => {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
