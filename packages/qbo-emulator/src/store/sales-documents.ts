import { businessRule, invalidProperty, requiredParam, stringTooLong } from '../faults'
import { refreshCustomerBalance } from './balances'
import {
  allocateId,
  bumpedSystemFields,
  type CompanyState,
  drop,
  indexTxn,
  money,
  newSystemFields,
  put,
  refValue,
  requireCurrent,
  scalar,
  writableFields,
} from './company-state'
import { customerCurrency, exchangeRate } from './currency'
import { claimDocNumber, countDoc } from './doc-numbers'
import { linkEstimate, linkedEstimateId } from './estimate-links'
import { priceLines, voidLines } from './lines'
import { detachInvoiceFromPayments } from './payments'
import { customerRefOf, resolveCustomer, voidedNote } from './references'
import { addDays, formatDate, isDate } from './time-format'
import type { QboObject } from './types'

/** Invoices and estimates share pricing, numbering and customer rules. */
export type SalesEntity = 'Invoice' | 'Estimate'

/** Options of a write, from the request's query string. */
export interface WriteOptions {
  /** `include=allowduplicatedocnum` lets a DocNumber repeat (API-NOTES.md §2.3). */
  allowDuplicateDocNum?: boolean
}

const DERIVED = ['TotalAmt', 'Balance', 'HomeBalance', 'HomeTotalAmt']
const TXN_STATUSES = new Set(['Pending', 'Accepted', 'Closed', 'Rejected', 'Converted'])
/** Days until due per SalesTermRef id (QBO's default terms); without terms, 30 days (invoice fixtures). */
const TERM_DAYS: Record<string, number> = { '1': 0, '2': 15, '3': 30, '4': 60 }

function dateField(body: QboObject, field: string): string | undefined {
  const v = body[field]
  if (v === undefined || v === null || v === '') return undefined
  if (!isDate(v)) throw invalidProperty(field, field)
  return v
}

function checkCommon(body: QboObject): void {
  if (body.EmailStatus === 'NeedToSend' && !body.BillEmail) throw requiredParam('BillEmail')
  if (body.TxnStatus !== undefined && !TXN_STATUSES.has(body.TxnStatus as string)) {
    throw invalidProperty('TxnStatus', 'TxnStatus')
  }
  if (typeof body.PrivateNote === 'string' && body.PrivateNote.length > 4000) {
    throw stringTooLong('PrivateNote', 4000, body.PrivateNote.length)
  }
}

function currencyFields(
  state: CompanyState,
  customer: QboObject,
  body: QboObject,
  total: number,
  balance?: number,
) {
  const ccy = customerCurrency(state, customer)
  if (refValue(body.CurrencyRef) && refValue(body.CurrencyRef) !== refValue(ccy)) {
    throw businessRule('The transaction currency must match the customer currency.', 'CurrencyRef')
  }
  const out: QboObject = { CurrencyRef: ccy }
  if (ccy.value !== state.homeCurrency) {
    const rate = exchangeRate(ccy.value as string, body.ExchangeRate)
    out.ExchangeRate = rate
    out.HomeTotalAmt = money(total * rate)
    if (balance !== undefined) out.HomeBalance = money(balance * rate)
  }
  return out
}

/**
 * Creates an invoice or an estimate.
 *
 * @example
 * createSalesDocument(state, 'Invoice', { CustomerRef: { value: '1' }, Line: [{ Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }] })
 */
export function createSalesDocument(
  state: CompanyState,
  entity: SalesEntity,
  body: QboObject,
  opts: WriteOptions = {},
): QboObject {
  const customer = resolveCustomer(state, body)
  const priced = priceLines(body.Line)
  checkCommon(body)
  const ms = state.clock.now()
  const txnDate = dateField(body, 'TxnDate') ?? formatDate(ms)
  const due = dateField(body, 'DueDate')
  const estimateId = entity === 'Invoice' ? linkedEstimateId(state, body) : undefined
  const ccy = currencyFields(
    state,
    customer,
    body,
    priced.total,
    entity === 'Invoice' ? priced.total : undefined,
  )
  const docNumber = claimDocNumber(state, entity, body.DocNumber, undefined, opts)
  const id = allocateId(state, entity)
  const obj: QboObject = {
    ...writableFields(body, DERIVED),
    ...newSystemFields(id, ms),
    CustomerRef: customerRefOf(customer),
    Line: priced.Line,
    TxnDate: txnDate,
    DocNumber: docNumber,
    TotalAmt: priced.total,
    ApplyTaxAfterDiscount: body.ApplyTaxAfterDiscount ?? false,
    TxnTaxDetail: body.TxnTaxDetail ?? { TotalTax: 0 },
    EmailStatus: body.EmailStatus ?? 'NotSet',
    PrintStatus: body.PrintStatus ?? 'NotSet',
    LinkedTxn: estimateId ? [{ TxnId: estimateId, TxnType: 'Estimate' }] : [],
    ...ccy,
  }
  // QBO copies the customer's addresses when the document omits them (§2.4).
  if (obj.BillAddr === undefined && customer.BillAddr !== undefined) obj.BillAddr = customer.BillAddr
  if (obj.ShipAddr === undefined && customer.ShipAddr !== undefined) obj.ShipAddr = customer.ShipAddr
  if (entity === 'Invoice') {
    const days = TERM_DAYS[refValue(body.SalesTermRef) ?? ''] ?? 30
    Object.assign(obj, { DueDate: due ?? addDays(txnDate, days), Balance: priced.total, Deposit: 0 })
  } else {
    obj.TxnStatus = body.TxnStatus ?? 'Pending'
    if (due) obj.DueDate = due
  }
  put(state, entity, obj, ms, 'Create')
  indexTxn(state, customer.Id as string, `${entity}:${id}`, true)
  if (entity === 'Invoice') {
    if (estimateId) linkEstimate(state, estimateId, id, true)
    refreshCustomerBalance(state, customer.Id as string)
  }
  return state.tables[entity].get(id)!
}

/**
 * Full or sparse update of an invoice or estimate.
 *
 * @example
 * updateSalesDocument(state, 'Estimate', { Id: '3', SyncToken: '0', sparse: true, TxnStatus: 'Accepted' }, true)
 */
export function updateSalesDocument(
  state: CompanyState,
  entity: SalesEntity,
  body: QboObject,
  sparse: boolean,
  opts: WriteOptions = {},
): QboObject {
  const old = requireCurrent(state, entity, body)
  const id = old.Id as string
  const incoming = writableFields(body, DERIVED)
  const merged: QboObject = sparse ? { ...old, ...incoming } : { ...incoming }
  const customer = resolveCustomer(state, merged)
  const customerId = customer.Id as string
  const oldCustomerId = refValue(old.CustomerRef)!
  const priced = priceLines(merged.Line)
  checkCommon(merged)
  const applied = entity === 'Invoice' ? money(Number(old.TotalAmt ?? 0) - Number(old.Balance ?? 0)) : 0
  if (applied > 0 && customerId !== oldCustomerId) {
    throw businessRule('An invoice with payments applied cannot move to another customer.', 'CustomerRef')
  }
  if (priced.total < applied) {
    throw businessRule('The invoice total cannot be less than the payments applied to it.', 'Line')
  }
  const oldEstimate = ((old.LinkedTxn as QboObject[] | undefined) ?? []).find((l) => l.TxnType === 'Estimate')
  const estimateId =
    entity === 'Invoice'
      ? (linkedEstimateId(state, merged) ?? (oldEstimate?.TxnId as string | undefined))
      : undefined
  const ms = state.clock.now()
  const txnDate = dateField(merged, 'TxnDate') ?? (old.TxnDate as string)
  const balance = money(priced.total - applied)
  const ccy = currencyFields(
    state,
    customer,
    merged,
    priced.total,
    entity === 'Invoice' ? balance : undefined,
  )
  const docNumber = claimDocNumber(state, entity, merged.DocNumber, old.DocNumber as string, opts)
  const paymentLinks = ((old.LinkedTxn as QboObject[] | undefined) ?? []).filter(
    (l) => l.TxnType !== 'Estimate',
  )
  const next: QboObject = {
    ...merged,
    ...bumpedSystemFields(old, ms),
    CustomerRef: customerRefOf(customer),
    Line: priced.Line,
    TxnDate: txnDate,
    DocNumber: docNumber,
    TotalAmt: priced.total,
    ApplyTaxAfterDiscount: merged.ApplyTaxAfterDiscount ?? false,
    TxnTaxDetail: merged.TxnTaxDetail ?? { TotalTax: 0 },
    EmailStatus: merged.EmailStatus ?? 'NotSet',
    PrintStatus: merged.PrintStatus ?? 'NotSet',
    ...ccy,
  }
  if (entity === 'Invoice') {
    next.LinkedTxn = estimateId ? [{ TxnId: estimateId, TxnType: 'Estimate' }, ...paymentLinks] : paymentLinks
    Object.assign(next, {
      DueDate: dateField(merged, 'DueDate') ?? old.DueDate,
      Balance: balance,
      Deposit: merged.Deposit ?? 0,
    })
  } else {
    next.LinkedTxn = old.LinkedTxn ?? []
    next.TxnStatus = merged.TxnStatus ?? 'Pending'
  }
  put(state, entity, next, ms, 'Update')
  if (customerId !== oldCustomerId) {
    indexTxn(state, oldCustomerId, `${entity}:${id}`, false)
    indexTxn(state, customerId, `${entity}:${id}`, true)
  }
  if (entity === 'Invoice') {
    if (estimateId && estimateId !== oldEstimate?.TxnId) linkEstimate(state, estimateId, id, true)
    if (customerId !== oldCustomerId) refreshCustomerBalance(state, oldCustomerId)
    refreshCustomerBalance(state, customerId)
  }
  return state.tables[entity].get(id)!
}

/**
 * Hard delete (`?operation=delete`); payments applied to an invoice keep their money as credit (§4).
 *
 * @example
 * deleteSalesDocument(state, 'Invoice', { Id: '33', SyncToken: '0' }) // { status: 'Deleted', domain: 'QBO', Id: '33' }
 */
export function deleteSalesDocument(state: CompanyState, entity: SalesEntity, body: QboObject): QboObject {
  const old = requireCurrent(state, entity, body)
  const id = old.Id as string
  const ms = state.clock.now()
  releaseLinks(state, entity, old, ms)
  drop(state, entity, id, ms)
  countDoc(state, entity, old.DocNumber as string, -1)
  const customerId = refValue(old.CustomerRef)!
  indexTxn(state, customerId, `${entity}:${id}`, false)
  if (entity === 'Invoice') refreshCustomerBalance(state, customerId)
  return { status: 'Deleted', domain: 'QBO', Id: id }
}

/**
 * Void (`?operation=void`): amounts become 0 and PrivateNote gets `Voided` prepended (§4).
 *
 * @example
 * voidInvoice(state, { Id: '129', SyncToken: '0' }).TotalAmt // 0
 */
export function voidInvoice(state: CompanyState, body: QboObject): QboObject {
  const old = requireCurrent(state, 'Invoice', body)
  const id = old.Id as string
  const ms = state.clock.now()
  releaseLinks(state, 'Invoice', old, ms)
  const next: QboObject = {
    ...state.tables.Invoice.get(id)!,
    ...bumpedSystemFields(old, ms),
    Line: voidLines(old.Line),
    TotalAmt: 0,
    Balance: 0,
    LinkedTxn: [],
    PrivateNote: voidedNote(old.PrivateNote),
  }
  if (old.HomeTotalAmt !== undefined) Object.assign(next, { HomeTotalAmt: 0, HomeBalance: 0 })
  put(state, 'Invoice', next, ms, 'Void')
  refreshCustomerBalance(state, refValue(old.CustomerRef)!)
  return state.tables.Invoice.get(id)!
}

function releaseLinks(state: CompanyState, entity: SalesEntity, doc: QboObject, ms: number): void {
  const id = doc.Id as string
  if (entity === 'Invoice') {
    detachInvoiceFromPayments(state, doc, ms)
    for (const link of (doc.LinkedTxn as QboObject[] | undefined) ?? []) {
      if (link.TxnType === 'Estimate') linkEstimate(state, scalar(link.TxnId) ?? '', id, false)
    }
    return
  }
  for (const link of (doc.LinkedTxn as QboObject[] | undefined) ?? []) {
    if (link.TxnType !== 'Invoice') continue
    const invoice = state.tables.Invoice.get(scalar(link.TxnId) ?? '')
    if (!invoice) continue
    const LinkedTxn = ((invoice.LinkedTxn as QboObject[] | undefined) ?? []).filter(
      (l) => !(l.TxnType === 'Estimate' && l.TxnId === id),
    )
    state.tables.Invoice.set(invoice.Id as string, { ...invoice, LinkedTxn })
  }
}
