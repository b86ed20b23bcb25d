import { request } from './client'
import type {
  DocumentFilter,
  DocumentTotals,
  QuickbooksDocumentRow,
  QuickbooksDocumentType,
} from './quickbooks'

/** The records whose QuickBooks tab lists linked documents (DESIGN.md §1.2). */
export type DocumentRecordType = 'opportunities' | 'projects'

/** A document Find found in QuickBooks. Amounts are decimal strings in `currency`. */
export type FoundQuickbooksDocument = {
  kind: QuickbooksDocumentType
  id: string
  number: string | null
  date: string | null
  customer: { id: string | null; name: string | null }
  total: string
  balance: string | null
  status: string
  currency: string
  viewUrl: string
}

/** What Find searches by: a number and/or a date range (YYYY-MM-DD). */
export type FindDocumentsQuery = {
  kind: QuickbooksDocumentType
  number?: string
  from?: string
  to?: string
  cursor?: string | null
}

/** The organization or contact an indirect document comes through ("via Acme Corp"). */
export type DocumentVia = { recordType: 'organization' | 'contact'; recordId: string; name: string }

/** A row of an opportunity's or project's documents: direct, indirect (via), or both. */
export type LinkedQuickbooksDocument = QuickbooksDocumentRow & {
  direct: { linkId: string } | null
  via: DocumentVia[]
  /** `deleted` when a directly linked document is gone from QuickBooks. */
  missing: 'deleted' | null
  viewUrl: string
}

export type LinkedDocumentsPage = {
  items: LinkedQuickbooksDocument[]
  nextCursor: string | null
  total: number
  totals: DocumentTotals[]
  asOf: string
}

export type DocumentLink = {
  kind: QuickbooksDocumentType
  documentId: string
  number: string | null
  linkedAt: string
}

const documentsPath = (type: DocumentRecordType, id: string) =>
  `/${type}/${encodeURIComponent(id)}/quickbooks`

/** Find in QuickBooks: one page of invoices, payments or estimates by number and/or date range. */
export const findQuickbooksDocuments = (
  query: FindDocumentsQuery,
  signal?: AbortSignal,
): Promise<{ items: FoundQuickbooksDocument[]; nextCursor: string | null }> =>
  request('GET', '/quickbooks/documents/find', {
    query: { kind: query.kind, number: query.number, from: query.from, to: query.to, cursor: query.cursor },
    signal,
  })

/**
 * The documents linked to an opportunity or project directly or through its organizations and contacts;
 * `refresh` reads QuickBooks again instead of the server's recent read.
 */
export const listLinkedDocuments = (
  type: DocumentRecordType,
  id: string,
  options: { show?: DocumentFilter; cursor?: string | null; refresh?: boolean } = {},
  signal?: AbortSignal,
): Promise<LinkedDocumentsPage> =>
  request('GET', `${documentsPath(type, id)}/documents`, {
    query: { show: options.show, cursor: options.cursor, refresh: options.refresh ? 'true' : undefined },
    signal,
  })

/** Links a QuickBooks document to the record (409 already_linked when it is already). */
export const linkQuickbooksDocument = (
  type: DocumentRecordType,
  id: string,
  document: { kind: QuickbooksDocumentType; documentId: string },
): Promise<{ link: DocumentLink }> =>
  request('POST', `${documentsPath(type, id)}/document-links`, { body: document })

/** Removes a direct link (the document stays in QuickBooks). */
export const unlinkQuickbooksDocument = (
  type: DocumentRecordType,
  id: string,
  document: { kind: QuickbooksDocumentType; documentId: string },
): Promise<void> =>
  request(
    'DELETE',
    `${documentsPath(type, id)}/document-links/${document.kind}/${encodeURIComponent(document.documentId)}`,
  )
