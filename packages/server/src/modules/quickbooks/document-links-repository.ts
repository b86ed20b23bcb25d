import type { Db } from '../../db'
import type { DocumentSnapshot, DocumentType } from './documents'

/** A direct link from an opportunity or project to a QBO document, in one company (realm). */
export type DocumentLink = {
  recordId: string
  realmId: string
  documentType: DocumentType
  documentId: string
  docNumber: string | null
  snapshot: DocumentSnapshot
  linkedBy: string | null
  linkedAt: string
}

type Row = {
  record_id: string
  realm_id: string
  document_type: DocumentType
  document_id: string
  doc_number: string | null
  snapshot: string
  linked_by: string | null
  linked_at: string
}

const COLUMNS = [
  'record_id',
  'realm_id',
  'document_type',
  'document_id',
  'doc_number',
  'snapshot',
  'linked_by',
  'linked_at',
] as const

const parseSnapshot = (text: string): DocumentSnapshot => {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' ? (value as DocumentSnapshot) : {}
  } catch {
    return {}
  }
}

const toLink = (row: Row): DocumentLink => ({
  recordId: row.record_id,
  realmId: row.realm_id,
  documentType: row.document_type,
  documentId: row.document_id,
  docNumber: row.doc_number,
  snapshot: parseSnapshot(row.snapshot),
  linkedBy: row.linked_by,
  linkedAt: row.linked_at,
})

/**
 * The record's direct document links in `realmId`, oldest first. Links made in another company are kept but
 * not returned (they come back if the workspace reconnects to that company).
 * @example const links = await listDocumentLinks(db, ctx.workspaceId, opportunityId, realmId)
 */
export const listDocumentLinks = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  realmId: string,
): Promise<DocumentLink[]> => {
  const rows = await db
    .selectFrom('qbo_document_links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('realm_id', '=', realmId)
    .orderBy('linked_at')
    .orderBy('document_type')
    .orderBy('document_id')
    .execute()
  return rows.map(toLink)
}

/**
 * Saves a link; false when the record is already linked to this document (nothing changes then).
 * @example if (!(await insertDocumentLink(db, workspaceId, link))) throw alreadyLinked()
 */
export const insertDocumentLink = async (
  db: Db,
  workspaceId: string,
  link: DocumentLink,
): Promise<boolean> => {
  const result = await db
    .insertInto('qbo_document_links')
    .values({
      workspace_id: workspaceId,
      record_id: link.recordId,
      realm_id: link.realmId,
      document_type: link.documentType,
      document_id: link.documentId,
      doc_number: link.docNumber,
      snapshot: JSON.stringify(link.snapshot),
      linked_by: link.linkedBy,
      linked_at: link.linkedAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['workspace_id', 'record_id', 'document_type', 'document_id']).doNothing(),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

/**
 * Removes the record's link to a document (in any company); false when there was none.
 * @example if (!(await deleteDocumentLink(db, workspaceId, recordId, 'invoice', '130'))) throw notLinked()
 */
export const deleteDocumentLink = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  documentType: DocumentType,
  documentId: string,
): Promise<boolean> => {
  const result = await db
    .deleteFrom('qbo_document_links')
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('document_type', '=', documentType)
    .where('document_id', '=', documentId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/**
 * How many direct document links the record has in `realmId` (drives the record's QuickBooks icon).
 * @example const n = await countDocumentLinks(db, workspaceId, recordId, realmId)
 */
export const countDocumentLinks = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  realmId: string,
): Promise<number> => {
  const row = await db
    .selectFrom('qbo_document_links')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('realm_id', '=', realmId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * Deletes every document link into a company other than `realmId` (the workspace switched companies).
 * @example await deleteDocumentLinksOutside(trx, workspaceId, newRealmId)
 */
export const deleteDocumentLinksOutside = async (
  db: Db,
  workspaceId: string,
  realmId: string,
): Promise<number> => {
  const result = await db
    .deleteFrom('qbo_document_links')
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '<>', realmId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * How many document links point into companies other than `realmId` (what switching to `realmId` would clear).
 * @example const n = await countDocumentLinksOutside(db, workspaceId, newRealmId)
 */
export const countDocumentLinksOutside = async (
  db: Db,
  workspaceId: string,
  realmId: string,
): Promise<number> => {
  const row = await db
    .selectFrom('qbo_document_links')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '<>', realmId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
