/**
 * The documents list of an opportunity or project (DESIGN.md §1.2): its directly linked documents plus every
 * document of the QBO customers linked to the organizations and contacts it is linked to ("via Acme Corp"),
 * each once, newest first, with the Show filter and totals per currency over exactly the documents shown.
 */
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { listLinks } from '../crm/link-service'
import type { CrmService } from '../crm/record-service'
import { findCustomerLinks } from './customer-links-repository'
import { type DocumentReader, directDocumentReader } from './document-cache'
import { isoToday, type QboAccess, toRow, viewUrlOf } from './document-kinds'
import { listDocumentLinks } from './document-links-repository'
import {
  buildDocumentTotals,
  type DirectDocument,
  type DocumentFilter,
  type DocumentTotals,
  filterDocuments,
  type IndirectDocument,
  type LinkedDocumentRow,
  mergeLinkedDocuments,
  paginateDocuments,
  type ViaRecord,
} from './documents'

/** Rows per page of the list. */
export const LIST_PAGE_SIZE = 50

/** A row of the list as the API sends it: the merged row plus its link into the QBO web app. */
export type LinkedDocumentItem = LinkedDocumentRow & { viewUrl: string }

/** The list as the API sends it. */
export type LinkedDocumentsPage = {
  items: LinkedDocumentItem[]
  nextCursor: string | null
  /** How many documents the Show filter keeps (every page). */
  total: number
  totals: DocumentTotals[]
  asOf: string
}

/** The opportunity's or project's CRM links to organizations and contacts, by record id. */
async function viaRecords(
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: 'opportunity' | 'project',
  recordId: string,
): Promise<ViaRecord[]> {
  const { items } = await listLinks(db, crm, ctx, type, recordId)
  const via: ViaRecord[] = []
  for (const link of items)
    if (link.recordType === 'organization' || link.recordType === 'contact')
      via.push({ recordType: link.recordType, recordId: link.recordId, name: link.name })
  return via
}

/**
 * One page of the merged list. Reads the CRM links and QBO links from the database, then QBO in as few batch
 * requests as possible (document-fetch.ts), through the read cache when `readDocuments` is the cached reader.
 * @example
 * const page = await listLinkedDocuments({ db, crm }, ctx, access, 'opportunity', id, { show: 'all' }, new Date())
 */
export async function listLinkedDocuments(
  deps: { db: Db; crm: CrmService; readDocuments?: DocumentReader },
  ctx: ServiceContext,
  access: QboAccess,
  type: 'opportunity' | 'project',
  recordId: string,
  query: { show: DocumentFilter; cursor?: string | undefined; refresh?: boolean },
  now: Date,
): Promise<LinkedDocumentsPage> {
  const { db, crm, readDocuments = directDocumentReader } = deps
  const via = await viaRecords(db, crm, ctx, type, recordId)
  const customerLinks = await findCustomerLinks(
    db,
    ctx.workspaceId,
    via.map((record) => record.recordId),
    access.realmId,
  )
  const viaByCustomer = new Map<string, ViaRecord[]>()
  for (const record of via) {
    const link = customerLinks.get(record.recordId)
    if (!link) continue
    viaByCustomer.set(link.customerId, [...(viaByCustomer.get(link.customerId) ?? []), record])
  }
  const direct = await listDocumentLinks(db, ctx.workspaceId, recordId, access.realmId)
  const wants = {
    ids: {
      invoice: direct.filter((link) => link.documentType === 'invoice').map((link) => link.documentId),
      estimate: direct.filter((link) => link.documentType === 'estimate').map((link) => link.documentId),
      payment: direct.filter((link) => link.documentType === 'payment').map((link) => link.documentId),
    },
    customerIds: [...viaByCustomer.keys()],
  }
  const { fetched, asOf } = await readDocuments(ctx.workspaceId, access, wants, {
    refresh: query.refresh === true,
    now,
  })

  const options = { today: isoToday(now) }
  const indirect: IndirectDocument[] = []
  for (const kind of ['invoice', 'estimate', 'payment'] as const)
    for (const entity of fetched[kind].values()) {
      const records = viaByCustomer.get(entity.CustomerRef?.value ?? '')
      if (records) indirect.push({ row: toRow(kind, entity, options), via: records })
    }
  const directDocuments: DirectDocument[] = direct.map((link) => {
    const entity = fetched[link.documentType].get(link.documentId)
    return {
      linkId: `${link.documentType}:${link.documentId}`,
      type: link.documentType,
      qboId: link.documentId,
      row: entity ? toRow(link.documentType, entity, options) : null,
      snapshot: link.snapshot,
    }
  })

  const shown = filterDocuments(mergeLinkedDocuments({ direct: directDocuments, indirect }), query.show)
  const page = paginateDocuments(shown, { limit: LIST_PAGE_SIZE, cursor: query.cursor ?? null })
  return {
    items: page.items.map((row) => ({ ...row, viewUrl: viewUrlOf(access.deepLinks, row.type, row.qboId) })),
    nextCursor: page.nextCursor,
    total: shown.length,
    totals: buildDocumentTotals(shown),
    asOf,
  }
}
