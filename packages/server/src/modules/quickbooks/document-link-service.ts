/**
 * Direct links from an opportunity or project to QBO documents (DESIGN.md §1.2): Link after Find, Un-link.
 * One document may be linked to several records; linking the same one twice to a record is refused politely.
 */
import { select } from '@ledgerlink/qbo'
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import type { CrmService } from '../crm/record-service'
import { documentError } from './document-errors'
import { isoToday, LABEL_OF, type QboAccess, type QboDocument, toRow } from './document-kinds'
import { deleteDocumentLink, insertDocumentLink } from './document-links-repository'
import type { DocumentSnapshot, DocumentType } from './documents'

/** A direct link as the API returns it. */
export type DocumentLinkView = {
  kind: DocumentType
  documentId: string
  number: string | null
  linkedAt: string
}

async function readDocument(
  access: QboAccess,
  kind: DocumentType,
  id: string,
): Promise<QboDocument | undefined> {
  // A query by Id answers "no rows" for a missing or deleted document, where a read answers a 610 fault
  // (API-NOTES.md §4); either way QBO is asked once.
  const { company } = access
  const rows =
    kind === 'invoice'
      ? await company.query(select('Invoice').where('Id', '=', id))
      : kind === 'estimate'
        ? await company.query(select('Estimate').where('Id', '=', id))
        : await company.query(select('Payment').where('Id', '=', id))
  return rows[0]
}

/**
 * Links the record to a QBO document, keeping a snapshot of it (shown if QBO later deletes it).
 * Throws 404 document_not_found when QBO has no such document, 409 already_linked when it is linked already.
 * @example
 * await linkDocument({ db, crm }, ctx, access, 'opportunity', id, { kind: 'invoice', documentId: '130' }, new Date())
 */
export async function linkDocument(
  deps: { db: Db; crm: CrmService },
  ctx: ServiceContext,
  access: QboAccess,
  type: 'opportunity' | 'project',
  recordId: string,
  input: { kind: DocumentType; documentId: string },
  now: Date,
): Promise<DocumentLinkView> {
  await deps.crm.findOrThrow(deps.db, ctx, type, recordId)
  const entity = await readDocument(access, input.kind, input.documentId)
  if (!entity)
    throw documentError(
      'document_not_found',
      `QuickBooks has no ${LABEL_OF[input.kind]} with this id. It may have been deleted; search again.`,
    )
  const row = toRow(input.kind, entity, { today: isoToday(now) })
  const snapshot: DocumentSnapshot = {
    number: row.number,
    date: row.date,
    dueDate: row.dueDate,
    total: row.total,
    currency: row.currency,
    customer: row.customer,
  }
  const linkedAt = now.toISOString()
  const inserted = await insertDocumentLink(deps.db, ctx.workspaceId, {
    recordId,
    realmId: access.realmId,
    documentType: input.kind,
    documentId: input.documentId,
    docNumber: row.number,
    snapshot,
    linkedBy: ctx.userId,
    linkedAt,
  })
  if (!inserted)
    throw documentError('already_linked', `This ${LABEL_OF[input.kind]} is already linked to this ${type}.`)
  return { kind: input.kind, documentId: input.documentId, number: row.number, linkedAt }
}

/**
 * Removes a direct link. Needs no QBO call, so it works for documents QBO has deleted and while disconnected.
 * Throws 404 not_linked when the record has no such link.
 * @example
 * await unlinkDocument({ db, crm }, ctx, 'project', id, { kind: 'payment', documentId: '7' })
 */
export async function unlinkDocument(
  deps: { db: Db; crm: CrmService },
  ctx: ServiceContext,
  type: 'opportunity' | 'project',
  recordId: string,
  input: { kind: DocumentType; documentId: string },
): Promise<void> {
  await deps.crm.findOrThrow(deps.db, ctx, type, recordId)
  const deleted = await deleteDocumentLink(deps.db, ctx.workspaceId, recordId, input.kind, input.documentId)
  if (!deleted)
    throw documentError('not_linked', `This ${LABEL_OF[input.kind]} is not linked to this ${type}.`)
}
