/**
 * The QuickBooks tab's documents list (DESIGN.md §1.1 point 7, §1.2): QBO invoices, estimates and payments
 * normalised into one row shape, the Show filter, newest-first order with pagination, totals per currency over
 * exactly the rows shown, and the merge of direct and indirect documents of opportunities and projects.
 * Pure: the caller fetches the QBO objects and the CRM links.
 */
import type { Estimate, Invoice, Payment } from '@ledgerlink/qbo'
import { compareMoney, money } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import { daysPastDue, decimalOf, isoDateOf, sumAmounts, toCurrencyScale } from './aging'

/** The three kinds of QBO document the tab lists. */
export type DocumentType = 'invoice' | 'estimate' | 'payment'
/** An invoice's status as the list shows it (derived from Balance, DueDate and the void marker). */
export type InvoiceStatus = 'paid' | 'open' | 'overdue' | 'partially_paid' | 'voided'
/** QBO's `TxnStatus`, lower-cased (API-NOTES.md §2.4); an unknown future value passes through lower-cased. */
export type EstimateStatus = 'pending' | 'accepted' | 'closed' | 'rejected' | 'converted' | (string & {})
/** A payment's status: how much of it is applied to invoices (UnappliedAmt), or voided. */
export type PaymentStatus = 'applied' | 'unapplied' | 'partially_applied' | 'voided'
/** `deleted` only on a directly linked document that QBO no longer has (see {@link mergeLinkedDocuments}). */
export type DocumentStatus = InvoiceStatus | EstimateStatus | PaymentStatus | 'deleted'

/** One row of the documents list. Amounts are decimal strings in `currency`. */
export interface DocumentRow {
  type: DocumentType
  qboId: string
  /** Invoice/estimate `DocNumber`; a payment's `PaymentRefNum`. */
  number: string | null
  date: string | null
  /** Invoice `DueDate`; estimate `ExpirationDate`; null for payments. */
  dueDate: string | null
  status: DocumentStatus
  total: string
  /** Invoice: still owed. Payment: not yet applied (`UnappliedAmt`). Estimate: null (QBO keeps none). */
  balance: string | null
  currency: string
  customer: { qboId: string | null; name: string | null }
  /** Invoice with a balance, payment with an unapplied amount, estimate still to be invoiced ({@link isOpenEstimate}). */
  isOpen: boolean
}

/** What normalising needs besides the QBO object. */
export interface NormalizeOptions {
  /** Calendar date `YYYY-MM-DD` in the QBO company's time zone; decides `overdue`. */
  today: string
  /** Currency of objects without `CurrencyRef` (QBO omits it when multicurrency is off). Default `USD`. */
  homeCurrency?: string
}

type Transaction = { TotalAmt?: unknown; PrivateNote?: unknown }

/**
 * A voided invoice or payment: QBO keeps the object, zeroes its amounts and prepends "Voided" to PrivateNote
 * (API-NOTES.md §4).
 */
export function isVoided(entity: Transaction): boolean {
  const total = decimalOf(entity.TotalAmt)
  return (
    compareMoney(money(total, 'XXX'), money('0', 'XXX')) === 0 &&
    typeof entity.PrivateNote === 'string' &&
    /\bvoided\b/i.test(entity.PrivateNote)
  )
}

/** A deleted transaction as QBO reports it (`{"Id","status":"Deleted"}`, API-NOTES.md §4, §6). */
export function isDeletedObject(entity: unknown): boolean {
  return (
    typeof entity === 'object' && entity !== null && (entity as { status?: unknown }).status === 'Deleted'
  )
}

/**
 * An estimate still waiting to become an invoice: Pending, or Accepted with no invoice linked to it yet.
 * Accepted counts because the customer said yes but nothing has been billed; once QBO links an invoice
 * (LinkedTxn, API-NOTES.md §2.4) or marks it Closed/Converted, the amount lives on the invoice instead.
 */
export function isOpenEstimate(estimate: Estimate): boolean {
  const status = (estimate.TxnStatus ?? 'Pending').toLowerCase()
  if (status === 'pending') return true
  return status === 'accepted' && !(estimate.LinkedTxn ?? []).some((link) => link.TxnType === 'Invoice')
}

const sign = (amount: string) => compareMoney(money(amount, 'XXX'), money('0', 'XXX'))
const same = (a: string, b: string) => compareMoney(money(a, 'XXX'), money(b, 'XXX')) === 0

function baseRow(
  type: DocumentType,
  entity: Invoice | Estimate | Payment,
  options: NormalizeOptions,
): Omit<DocumentRow, 'number' | 'dueDate' | 'status' | 'balance' | 'isOpen'> {
  const currency = entity.CurrencyRef?.value ?? options.homeCurrency ?? 'USD'
  return {
    type,
    qboId: entity.Id ?? '',
    date: isoDateOf(entity.TxnDate),
    total: toCurrencyScale(decimalOf(entity.TotalAmt), currency),
    currency,
    customer: { qboId: entity.CustomerRef?.value ?? null, name: entity.CustomerRef?.name ?? null },
  }
}

/** Normalises a QBO Invoice; overdue wins over partially paid, as it is what needs attention. */
export function invoiceToRow(invoice: Invoice, options: NormalizeOptions): DocumentRow {
  const base = baseRow('invoice', invoice, options)
  const balance = toCurrencyScale(decimalOf(invoice.Balance), base.currency)
  const dueDate = isoDateOf(invoice.DueDate)
  const isOpen = !isVoided(invoice) && sign(balance) > 0
  let status: InvoiceStatus
  if (isVoided(invoice)) status = 'voided'
  else if (!isOpen) status = 'paid'
  else if (daysPastDue(dueDate ?? base.date, options.today) > 0) status = 'overdue'
  else status = same(balance, base.total) ? 'open' : 'partially_paid'
  return { ...base, number: invoice.DocNumber ?? null, dueDate, status, balance, isOpen }
}

/** Normalises a QBO Estimate; its due date is the expiration date. */
export function estimateToRow(estimate: Estimate, options: NormalizeOptions): DocumentRow {
  const base = baseRow('estimate', estimate, options)
  return {
    ...base,
    number: estimate.DocNumber ?? null,
    dueDate: isoDateOf(estimate.ExpirationDate),
    status: (estimate.TxnStatus ?? 'Pending').toLowerCase(),
    balance: null,
    isOpen: isOpenEstimate(estimate),
  }
}

/** Normalises a QBO Payment. Without `UnappliedAmt` the unapplied part is the total minus the line amounts. */
export function paymentToRow(payment: Payment, options: NormalizeOptions): DocumentRow {
  const base = baseRow('payment', payment, options)
  const applied = sumAmounts(
    (payment.Line ?? []).map((line) => decimalOf(line.Amount)),
    base.currency,
  )
  const unapplied =
    payment.UnappliedAmt === undefined
      ? sumAmounts([base.total, applied.startsWith('-') ? applied.slice(1) : `-${applied}`], base.currency)
      : toCurrencyScale(decimalOf(payment.UnappliedAmt), base.currency)
  let status: PaymentStatus
  if (isVoided(payment)) status = 'voided'
  else if (sign(unapplied) <= 0) status = 'applied'
  else status = same(unapplied, base.total) ? 'unapplied' : 'partially_applied'
  return {
    ...base,
    number: payment.PaymentRefNum ?? null,
    dueDate: null,
    status,
    balance: unapplied,
    isOpen: status === 'unapplied' || status === 'partially_applied',
  }
}

/** QBO objects of the three kinds, as fetched. Deleted objects (`status: "Deleted"`) are allowed and dropped. */
export interface QboDocuments {
  invoices?: readonly Invoice[]
  estimates?: readonly Estimate[]
  payments?: readonly Payment[]
}

/**
 * Normalises every fetched document, dropping deleted ones. Voided ones stay, with status `voided`.
 * @example
 * toDocumentRows({ invoices: [{ Id: '1', TotalAmt: '10', Balance: '10', TxnDate: '2026-01-01' }] }, { today: '2026-01-02' })
 */
export function toDocumentRows(documents: QboDocuments, options: NormalizeOptions): DocumentRow[] {
  const keep = <T>(list: readonly T[] | undefined) =>
    (list ?? []).filter((entity) => !isDeletedObject(entity))
  return [
    ...keep(documents.invoices).map((invoice) => invoiceToRow(invoice, options)),
    ...keep(documents.estimates).map((estimate) => estimateToRow(estimate, options)),
    ...keep(documents.payments).map((payment) => paymentToRow(payment, options)),
  ]
}

/**
 * The first page of every document, newest first, with how many there are: what `paginateDocuments(
 * sortDocuments(toDocumentRows(…)), { limit })` gives for the first page, but normalising only the page's
 * documents. The opened tab shows this page of hundreds of documents, so the others are only sorted.
 * @example
 * firstPageOfAllDocuments({ invoices }, { today: '2026-11-24' }, 25) // { items: [...25 rows], nextCursor: '…', total: 295 }
 */
export function firstPageOfAllDocuments(
  documents: QboDocuments,
  options: NormalizeOptions,
  limit: number,
): { items: DocumentRow[]; nextCursor: string | null; total: number } {
  requireLimit(limit)
  type Keyed = { key: SortKey; row: () => DocumentRow }
  const keyed: Keyed[] = []
  const add = <T extends { Id?: string; TxnDate?: unknown }>(
    type: DocumentType,
    list: readonly T[] | undefined,
    toRow: (entity: T, options: NormalizeOptions) => DocumentRow,
  ) => {
    for (const entity of list ?? []) {
      if (isDeletedObject(entity)) continue
      keyed.push({
        key: { date: isoDateOf(entity.TxnDate), type, qboId: String(entity.Id ?? '') },
        row: () => toRow(entity, options),
      })
    }
  }
  add('invoice', documents.invoices, invoiceToRow)
  add('estimate', documents.estimates, estimateToRow)
  add('payment', documents.payments, paymentToRow)
  keyed.sort((a, b) => compareDocuments(a.key, b.key))
  const page = keyed.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((entry) => entry.row()),
    nextCursor: keyed.length > limit && last ? encodeDocumentCursor(last.key) : null,
    total: keyed.length,
  }
}

/** The Show filter of the documents list. */
export type DocumentFilter =
  | 'all'
  | 'invoices'
  | 'open_invoices'
  | 'overdue_invoices'
  | 'estimates'
  | 'payments'

/** Every Show filter choice, in menu order. */
export const DOCUMENT_FILTERS: readonly DocumentFilter[] = [
  'all',
  'invoices',
  'open_invoices',
  'overdue_invoices',
  'estimates',
  'payments',
]

/** True when `value` is one of {@link DOCUMENT_FILTERS}. */
export function isDocumentFilter(value: unknown): value is DocumentFilter {
  return typeof value === 'string' && (DOCUMENT_FILTERS as readonly string[]).includes(value)
}

/** Rows the Show filter keeps: open invoices are those with a balance (open, partially paid or overdue). */
export function filterDocuments<T extends DocumentRow>(rows: readonly T[], filter: DocumentFilter): T[] {
  switch (filter) {
    case 'all':
      return [...rows]
    case 'invoices':
      return rows.filter((row) => row.type === 'invoice')
    case 'open_invoices':
      return rows.filter((row) => row.type === 'invoice' && row.isOpen)
    case 'overdue_invoices':
      return rows.filter((row) => row.type === 'invoice' && row.status === 'overdue')
    case 'estimates':
      return rows.filter((row) => row.type === 'estimate')
    case 'payments':
      return rows.filter((row) => row.type === 'payment')
  }
}

/** Sort key of a row; also what a cursor carries. */
type SortKey = Pick<DocumentRow, 'date' | 'type' | 'qboId'>

function compareIds(a: string, b: string): number {
  // QBO Ids are numeric strings: "10" is newer than "9".
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Newest first: date descending (undated last), then type (estimate, invoice, payment), then Id descending. */
export function compareDocuments(a: SortKey, b: SortKey): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1
    if (b.date === null) return -1
    return a.date < b.date ? 1 : -1
  }
  if (a.type !== b.type) return a.type < b.type ? -1 : 1
  return -compareIds(a.qboId, b.qboId)
}

/** A sorted copy, newest first ({@link compareDocuments}). */
export function sortDocuments<T extends DocumentRow>(rows: readonly T[]): T[] {
  return [...rows].sort(compareDocuments)
}

/** An opaque cursor pointing just after `row`. */
export function encodeDocumentCursor(row: SortKey): string {
  return Buffer.from(JSON.stringify([row.date, row.type, row.qboId])).toString('base64url')
}

/** The sort key in a cursor, or undefined when the cursor is not one of ours. */
export function decodeDocumentCursor(cursor: string): SortKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 3) return undefined
    const [date, type, qboId] = value as unknown[]
    if (date !== null && isoDateOf(date) !== date) return undefined
    if (type !== 'invoice' && type !== 'estimate' && type !== 'payment') return undefined
    if (typeof qboId !== 'string') return undefined
    return { date: date as string | null, type, qboId }
  } catch {
    return undefined
  }
}

function requireLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw badInput('The page size must be a whole number from 1 to 1000.', [
      { path: 'limit', message: 'Must be a whole number from 1 to 1000' },
    ])
}

/**
 * One page after `cursor` of rows already sorted by {@link sortDocuments}. Stable when documents are added:
 * the cursor names a position in the order, not an offset. Throws BAD_INPUT for a cursor that is not ours.
 */
export function paginateDocuments<T extends DocumentRow>(
  sortedRows: readonly T[],
  page: { limit: number; cursor?: string | null },
): { items: T[]; nextCursor: string | null } {
  requireLimit(page.limit)
  let start = 0
  if (page.cursor) {
    const after = decodeDocumentCursor(page.cursor)
    if (!after)
      throw badInput('This page link is no longer valid. Reload the list.', [
        { path: 'cursor', message: 'Not a valid cursor' },
      ])
    start = sortedRows.findIndex((row) => compareDocuments(row, after) > 0)
    if (start === -1) start = sortedRows.length
  }
  const items = sortedRows.slice(start, start + page.limit)
  const last = items.at(-1)
  const hasMore = start + page.limit < sortedRows.length
  return { items, nextCursor: hasMore && last ? encodeDocumentCursor(last) : null }
}

/** One page by offset of already sorted rows, with the total count (for numbered pages). */
export function paginateDocumentsByOffset<T extends DocumentRow>(
  sortedRows: readonly T[],
  page: { limit: number; offset: number },
): { items: T[]; total: number; nextOffset: number | null } {
  requireLimit(page.limit)
  if (!Number.isInteger(page.offset) || page.offset < 0)
    throw badInput('The page offset must be a whole number of at least 0.', [
      { path: 'offset', message: 'Must be a whole number of at least 0' },
    ])
  const end = page.offset + page.limit
  return {
    items: sortedRows.slice(page.offset, end),
    total: sortedRows.length,
    nextOffset: end < sortedRows.length ? end : null,
  }
}

/** Totals of the rows shown, in one currency. */
export interface DocumentTotals {
  currency: string
  /** Sum of invoice totals. */
  invoiced: string
  /** Sum of invoice balances still owed. */
  openBalance: string
  /** Part of `openBalance` past its due date. */
  overdue: string
  /** Sum of payment totals. */
  paid: string
  /** Sum of open estimates ({@link isOpenEstimate}). */
  openEstimates: string
  openInvoicesCount: number
  overdueInvoicesCount: number
  openEstimatesCount: number
}

/**
 * Totals over exactly the rows given, one entry per currency present (never summed across currencies), sorted
 * by currency code. Voided rows and rows of documents missing from QBO count for nothing.
 */
export function buildDocumentTotals(
  rows: readonly (DocumentRow & { missing?: unknown })[],
): DocumentTotals[] {
  const byCurrency = new Map<string, DocumentRow[]>()
  for (const row of rows) {
    if (row.status === 'voided' || row.status === 'deleted' || row.missing) continue
    const list = byCurrency.get(row.currency) ?? []
    list.push(row)
    byCurrency.set(row.currency, list)
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, list]) => {
      const invoices = list.filter((row) => row.type === 'invoice')
      const open = invoices.filter((row) => row.isOpen)
      const overdue = open.filter((row) => row.status === 'overdue')
      const estimates = list.filter((row) => row.type === 'estimate' && row.isOpen)
      const sum = (items: DocumentRow[], pick: (row: DocumentRow) => string | null) =>
        sumAmounts(
          items.map((row) => pick(row) ?? '0'),
          currency,
        )
      return {
        currency,
        invoiced: sum(invoices, (row) => row.total),
        openBalance: sum(open, (row) => row.balance),
        overdue: sum(overdue, (row) => row.balance),
        paid: sum(
          list.filter((row) => row.type === 'payment'),
          (row) => row.total,
        ),
        openEstimates: sum(estimates, (row) => row.total),
        openInvoicesCount: open.length,
        overdueInvoicesCount: overdue.length,
        openEstimatesCount: estimates.length,
      }
    })
}

/** The CRM record an indirect document comes through ("via Acme Corp"). */
export interface ViaRecord {
  recordType: 'organization' | 'contact'
  recordId: string
  name: string
}

/** What was known about a directly linked document when it was linked, to show it once QBO no longer has it. */
export type DocumentSnapshot = Partial<
  Pick<DocumentRow, 'number' | 'date' | 'dueDate' | 'total' | 'currency' | 'customer'>
>

/** A direct link of an opportunity or project to a QBO document; `row` is null when QBO no longer has it. */
export interface DirectDocument {
  linkId: string
  type: DocumentType
  qboId: string
  row: DocumentRow | null
  snapshot?: DocumentSnapshot
}

/** A document of a customer linked to a CRM record the opportunity or project is linked to. */
export interface IndirectDocument {
  row: DocumentRow
  via: readonly ViaRecord[]
}

/** A row of an opportunity's or project's documents list. */
export interface LinkedDocumentRow extends DocumentRow {
  direct: { linkId: string } | null
  via: ViaRecord[]
  /** `deleted` when a directly linked document is gone from QBO; the row stays so the link can be removed. */
  missing: 'deleted' | null
}

function missingRow(link: DirectDocument, homeCurrency: string): DocumentRow {
  const currency = link.snapshot?.currency ?? homeCurrency
  return {
    type: link.type,
    qboId: link.qboId,
    number: link.snapshot?.number ?? null,
    date: link.snapshot?.date ?? null,
    dueDate: link.snapshot?.dueDate ?? null,
    status: 'deleted',
    total: toCurrencyScale(decimalOf(link.snapshot?.total), currency),
    balance: null,
    currency,
    customer: link.snapshot?.customer ?? { qboId: null, name: null },
    isOpen: false,
  }
}

/**
 * Merges direct and indirect documents (DESIGN.md §1.2): each document once, with its direct link (if any) and
 * every CRM record it comes through, newest first. A directly linked document QBO no longer returns keeps a row
 * flagged `missing: 'deleted'` (built from its snapshot); a voided one keeps its row with status `voided`.
 * @example
 * mergeLinkedDocuments({ direct: [], indirect: [] }) // []
 */
export function mergeLinkedDocuments(input: {
  direct: readonly DirectDocument[]
  indirect: readonly IndirectDocument[]
  homeCurrency?: string
}): LinkedDocumentRow[] {
  const merged = new Map<string, LinkedDocumentRow>()
  const keyOf = (type: DocumentType, qboId: string) => `${type}:${qboId}`
  for (const item of input.indirect) {
    const key = keyOf(item.row.type, item.row.qboId)
    const entry = merged.get(key) ?? { ...item.row, direct: null, via: [], missing: null }
    for (const via of item.via)
      if (!entry.via.some((known) => known.recordType === via.recordType && known.recordId === via.recordId))
        entry.via.push({ ...via })
    merged.set(key, entry)
  }
  for (const link of input.direct) {
    const key = keyOf(link.type, link.qboId)
    const existing = merged.get(key)
    if (existing) {
      existing.direct ??= { linkId: link.linkId }
      continue
    }
    const row = link.row ?? missingRow(link, input.homeCurrency ?? 'USD')
    merged.set(key, {
      ...row,
      direct: { linkId: link.linkId },
      via: [],
      missing: link.row ? null : 'deleted',
    })
  }
  return sortDocuments([...merged.values()])
}
