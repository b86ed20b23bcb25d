/**
 * The QuickBooks tab of an organization or contact, computed from one {@link TabSnapshot}: the ranked
 * candidates of an unlinked record, or the overview, financial summary and first page of documents of a linked
 * one (DESIGN.md §1.1 points 1, 5 and 7). Pure: the snapshot and the clock's reading come in.
 */
import type { Customer, QboDeepLinks } from '@ledgerlink/qbo'
import {
  type CandidateView,
  type CustomerView,
  missingCustomerView,
  toCandidateView,
  toCustomerView,
} from './customer-view'
import {
  buildDocumentTotals,
  type DocumentFilter,
  type DocumentRow,
  type DocumentTotals,
  filterDocuments,
  firstPageOfAllDocuments,
  paginateDocuments,
  sortDocuments,
  toDocumentRows,
} from './documents'
import { type RecordToMatch, rankCandidates } from './matching'
import { buildFinancialSummary, type FinancialSummary } from './summary'
import type { TabSnapshot } from './tab-read'

/** Suggestions shown at most. */
export const MAX_CANDIDATES = 10
/** Documents per page. */
export const DOCUMENTS_PAGE_SIZE = 25

/** A document row with its *View* link into QBO. */
export type DocumentRowView = DocumentRow & { viewUrl: string }

export type UnlinkedTab = { state: 'unlinked'; candidates: CandidateView[]; asOf: string }
export type LinkedTab = {
  state: 'linked'
  customer: CustomerView
  summary: FinancialSummary
  documents: { items: DocumentRowView[]; nextCursor: string | null; total: number }
  asOf: string
}
export type DocumentsPage = {
  items: DocumentRowView[]
  nextCursor: string | null
  totals: DocumentTotals[]
  asOf: string
}

type LinkedSnapshot = Extract<TabSnapshot, { kind: 'linked' }>
type UnlinkedSnapshot = Extract<TabSnapshot, { kind: 'unlinked' }>

/** What a linked view needs besides the snapshot. */
export interface LinkedViewOptions {
  link: { customerId: string; displayName: string }
  deepLinks: QboDeepLinks
  /** The QBO company's time zone (IANA), which decides "today" for overdue and aging. */
  timeZone: string
  show: DocumentFilter
  cursor?: string | undefined
  /** Documents per page (default {@link DOCUMENTS_PAGE_SIZE}). */
  limit?: number | undefined
}

/** Building a DateTimeFormat costs far more than using one: one per time zone, kept. */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const dateFormatFor = (timeZone: string) => {
  let format = dateFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(timeZone, format)
  }
  return format
}

/**
 * The calendar date `YYYY-MM-DD` at `at` in `timeZone` (QBO dates are company-local, API-NOTES.md §1).
 * @example
 * companyToday('2026-11-25T05:00:00Z', 'America/Los_Angeles') // '2026-11-24'
 */
export function companyToday(at: string, timeZone: string): string {
  const parts = dateFormatFor(timeZone).formatToParts(new Date(at))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The ranked suggestions of an unlinked record, best first. */
export function unlinkedTabView(snapshot: UnlinkedSnapshot, record: RecordToMatch): UnlinkedTab {
  const byId = new Map(snapshot.customers.map((customer) => [customer.Id ?? '', customer]))
  const matchable = snapshot.customers.map((customer) => ({
    ...customer,
    Id: customer.Id ?? '',
    DisplayName: customer.DisplayName ?? '',
  }))
  const candidates = rankCandidates(record, matchable, { limit: MAX_CANDIDATES }).flatMap((match) => {
    const customer = byId.get(match.qboCustomerId)
    return customer ? [toCandidateView(customer, match)] : []
  })
  return { state: 'unlinked', candidates, asOf: snapshot.readAt }
}

function rowsOf(snapshot: LinkedSnapshot, options: LinkedViewOptions): DocumentRow[] {
  const today = companyToday(snapshot.readAt, options.timeZone)
  return sortDocuments(toDocumentRows(snapshot, { today }))
}

/** The rows of one page with their links into QuickBooks (only the page's: a tab can hold hundreds). */
function withViewUrls(
  rows: readonly DocumentRow[],
  links: LinkedViewOptions['deepLinks'],
): DocumentRowView[] {
  return rows.map((row) => ({
    ...row,
    viewUrl:
      row.type === 'invoice'
        ? links.invoice(row.qboId)
        : row.type === 'estimate'
          ? links.estimate(row.qboId)
          : links.payment(row.qboId),
  }))
}

/** One page of the documents list under the Show filter, with totals over every document the filter keeps. */
export function documentsPageView(snapshot: LinkedSnapshot, options: LinkedViewOptions): DocumentsPage {
  const shown = filterDocuments(rowsOf(snapshot, options), options.show)
  const page = paginateDocuments(shown, {
    limit: options.limit ?? DOCUMENTS_PAGE_SIZE,
    cursor: options.cursor ?? null,
  })
  return {
    ...page,
    items: withViewUrls(page.items, options.deepLinks),
    totals: buildDocumentTotals(shown),
    asOf: snapshot.readAt,
  }
}

const pageOf = (shown: DocumentRow[], cursor: string | undefined) => ({
  ...paginateDocuments(shown, { limit: DOCUMENTS_PAGE_SIZE, cursor: cursor ?? null }),
  total: shown.length,
})

/** The overview, financial summary and first documents page of a linked record. */
export function linkedTabView(snapshot: LinkedSnapshot, options: LinkedViewOptions): LinkedTab {
  const customer: Customer = snapshot.customer ?? { Id: options.link.customerId }
  const view = snapshot.customer
    ? toCustomerView(snapshot.customer, options.deepLinks)
    : missingCustomerView(options.link.customerId, options.link.displayName, options.deepLinks)
  const today = companyToday(snapshot.readAt, options.timeZone)
  const summary = buildFinancialSummary({ ...snapshot, customer, today, homeCurrency: view.currency })
  // Show "all" (what the tab opens with) normalises only the page's documents; the other filters need them all.
  const documents =
    options.show === 'all' && !options.cursor
      ? firstPageOfAllDocuments(snapshot, { today }, DOCUMENTS_PAGE_SIZE)
      : pageOf(filterDocuments(rowsOf(snapshot, options), options.show), options.cursor)
  return {
    state: 'linked',
    customer: view,
    summary,
    documents: {
      items: withViewUrls(documents.items, options.deepLinks),
      nextCursor: documents.nextCursor,
      total: documents.total,
    },
    asOf: snapshot.readAt,
  }
}
