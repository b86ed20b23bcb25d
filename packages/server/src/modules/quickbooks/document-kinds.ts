/**
 * The three kinds of QBO document an opportunity or project can be linked to, and what differs between them:
 * the QBO entity, the field that carries the number a user searches by, the row normaliser and the deep link.
 */
import type { Estimate, Invoice, Payment, QboCompany, QboDeepLinks } from '@ledgerlink/qbo'
import {
  type DocumentRow,
  type DocumentType,
  estimateToRow,
  invoiceToRow,
  type NormalizeOptions,
  paymentToRow,
} from './documents'

/** Every document kind, in the order the menus show them. */
export const DOCUMENT_KINDS: readonly DocumentType[] = ['invoice', 'payment', 'estimate']

/** The QBO entity of each kind. */
export const ENTITY_OF = { invoice: 'Invoice', estimate: 'Estimate', payment: 'Payment' } as const

/** A document as QBO returns it. */
export type QboDocument = Invoice | Estimate | Payment

/** What a route needs to talk to the workspace's QBO company (the connection's `companyFor`). */
export type QboAccess = { realmId: string; company: QboCompany; deepLinks: QboDeepLinks }

/** A user-facing name of each kind, for messages. */
export const LABEL_OF: Record<DocumentType, string> = {
  invoice: 'invoice',
  estimate: 'estimate',
  payment: 'payment',
}

/**
 * A QBO document of `kind` as a list row.
 * @example
 * toRow('invoice', { Id: '1', TotalAmt: '10', Balance: '10' }, { today: '2026-01-01' }).status // 'open'
 */
export function toRow(kind: DocumentType, entity: QboDocument, options: NormalizeOptions): DocumentRow {
  if (kind === 'invoice') return invoiceToRow(entity as Invoice, options)
  if (kind === 'estimate') return estimateToRow(entity as Estimate, options)
  return paymentToRow(entity as Payment, options)
}

/**
 * The page of the QBO web app showing the document (API-NOTES.md §11).
 * @example
 * viewUrlOf(deepLinks, 'payment', '7') // '…/app/recvpayment?txnId=7'
 */
export function viewUrlOf(deepLinks: QboDeepLinks, kind: DocumentType, id: string): string {
  if (kind === 'invoice') return deepLinks.invoice(id)
  if (kind === 'estimate') return deepLinks.estimate(id)
  return deepLinks.payment(id)
}

/** Today's date (UTC) as `YYYY-MM-DD`, which decides whether an invoice is overdue. */
export const isoToday = (now: Date): string => now.toISOString().slice(0, 10)
