import type { Db } from '../../db'

export type StoredLink = {
  id: string
  fromType: 'opportunity' | 'project'
  fromId: string
  toType: 'organization' | 'contact'
  toId: string
  role: string | null
  createdAt: string
}

type Row = {
  id: string
  from_type: 'opportunity' | 'project'
  from_id: string
  to_type: 'organization' | 'contact'
  to_id: string
  role: string | null
  created_at: string
}

const toLink = (row: Row): StoredLink => ({
  id: row.id,
  fromType: row.from_type,
  fromId: row.from_id,
  toType: row.to_type,
  toId: row.to_id,
  role: row.role,
  createdAt: row.created_at,
})

const COLUMNS = ['id', 'from_type', 'from_id', 'to_type', 'to_id', 'role', 'created_at'] as const

export const insertLink = async (db: Db, workspaceId: string, link: StoredLink) => {
  await db
    .insertInto('links')
    .values({
      id: link.id,
      workspace_id: workspaceId,
      from_type: link.fromType,
      from_id: link.fromId,
      to_type: link.toType,
      to_id: link.toId,
      role: link.role,
      created_at: link.createdAt,
    })
    .execute()
}

export const findLinkBetween = async (db: Db, workspaceId: string, fromId: string, toId: string) => {
  const row = await db
    .selectFrom('links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('from_id', '=', fromId)
    .where('to_id', '=', toId)
    .executeTakeFirst()
  return row ? toLink(row) : undefined
}

/** Links touching a record, in either direction. */
export const listLinksOf = async (db: Db, workspaceId: string, recordId: string) => {
  const rows = await db
    .selectFrom('links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toLink)
}

export const findLinkOf = async (db: Db, workspaceId: string, recordId: string, linkId: string) => {
  const row = await db
    .selectFrom('links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', linkId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .executeTakeFirst()
  return row ? toLink(row) : undefined
}

export const deleteLink = async (db: Db, workspaceId: string, linkId: string) => {
  await db.deleteFrom('links').where('workspace_id', '=', workspaceId).where('id', '=', linkId).execute()
}

export const deleteLinksOf = async (db: Db, workspaceId: string, recordId: string) => {
  await db
    .deleteFrom('links')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .execute()
}
