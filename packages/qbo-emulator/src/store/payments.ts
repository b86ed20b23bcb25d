import { businessRule, invalidProperty, invalidReference, requiredParam } from '../faults'
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
import { customerRefOf, resolveCustomer, voidedNote } from './references'
import { formatDate, isDate } from './time-format'
import type { QboObject } from './types'

/** Amount of a payment applied to one invoice. */
type Applications = Map<string, number>

const DERIVED = ['UnappliedAmt', 'HomeTotalAmt']

/**
 * What a payment currently applies, per invoice id.
 *
 * @example
 * applicationsOf(payment).get('70') // 55
 */
export function applicationsOf(payment: QboObject | undefined): Applications {
  const apps: Applications = new Map()
  for (const line of (payment?.Line as QboObject[] | undefined) ?? []) {
    const link = ((line.LinkedTxn as QboObject[] | undefined) ?? []).find((l) => l.TxnType === 'Invoice')
    if (!link) continue
    const id = scalar(link.TxnId) ?? ''
    apps.set(id, money((apps.get(id) ?? 0) + Number(line.Amount ?? 0)))
  }
  return apps
}

/**
 * Validates payment lines against the customer's open invoices. `credit` holds what this payment already
 * applies (on update), which is available again. Lines are all-or-nothing (API-NOTES.md §2.5).
 */
function planLines(
  state: CompanyState,
  input: unknown,
  customerId: string,
  credit: Applications,
): { Line: QboObject[]; apps: Applications; applied: number } {
  if (input === undefined) return { Line: [], apps: new Map(), applied: 0 }
  if (!Array.isArray(input)) throw invalidProperty('Line', 'Line')
  const apps: Applications = new Map()
  const Line: QboObject[] = []
  let applied = 0
  for (const raw of input as QboObject[]) {
    if (!raw || typeof raw !== 'object') throw invalidProperty('Line', 'Line')
    const amount = raw.Amount
    if (amount === undefined) throw requiredParam('Line.Amount')
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
      throw invalidProperty('Amount', 'Line.Amount')
    const links = raw.LinkedTxn
    if (!Array.isArray(links) || links.length === 0) throw requiredParam('Line.LinkedTxn')
    const link = links[0] as QboObject
    if (!link || typeof link !== 'object') throw invalidProperty('LinkedTxn', 'Line.LinkedTxn')
    if (link.TxnType !== 'Invoice') {
      throw businessRule(
        `Applying a payment to ${scalar(link.TxnType) ?? 'this transaction type'} is not supported.`,
        'Line.LinkedTxn.TxnType',
      )
    }
    const invoiceId = scalar(link.TxnId) ?? ''
    const invoice = state.tables.Invoice.get(invoiceId)
    if (!invoice) throw invalidReference('Line.LinkedTxn.TxnId', invoiceId)
    if (refValue(invoice.CustomerRef) !== customerId) {
      throw businessRule(`Invoice ${invoiceId} belongs to another customer.`, 'Line.LinkedTxn.TxnId')
    }
    const already = apps.get(invoiceId) ?? 0
    const open = money(Number(invoice.Balance ?? 0) + (credit.get(invoiceId) ?? 0) - already)
    const value = money(amount)
    if (value > open) {
      throw businessRule(
        `The amount applied to invoice ${invoiceId} exceeds its open balance of ${open}.`,
        'Line.Amount',
      )
    }
    apps.set(invoiceId, money(already + value))
    applied += value
    Line.push({ Amount: value, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] })
  }
  return { Line, apps, applied: money(applied) }
}

/**
 * Moves invoice balances from the old applications of a payment to the new ones: Balance drops by what is
 * applied and the invoice's LinkedTxn lists the payment while anything is applied. Each touched invoice is
 * written once (SyncToken + 1), like any other write.
 */
function adjustInvoices(
  state: CompanyState,
  paymentId: string,
  before: Applications,
  after: Applications,
  ms: number,
): void {
  const ids = new Set([...before.keys(), ...after.keys()])
  for (const id of ids) {
    const invoice = state.tables.Invoice.get(id)
    if (!invoice) continue
    const delta = money((before.get(id) ?? 0) - (after.get(id) ?? 0))
    const linked = (after.get(id) ?? 0) > 0 || after.has(id)
    const links = ((invoice.LinkedTxn as QboObject[] | undefined) ?? []).filter(
      (l) => !(l.TxnType === 'Payment' && l.TxnId === paymentId),
    )
    if (linked) links.push({ TxnId: paymentId, TxnType: 'Payment' })
    const balance = money(Number(invoice.Balance ?? 0) + delta)
    const next: QboObject = {
      ...invoice,
      ...bumpedSystemFields(invoice, ms),
      Balance: balance,
      LinkedTxn: links,
    }
    if (typeof invoice.ExchangeRate === 'number') next.HomeBalance = money(balance * invoice.ExchangeRate)
    put(state, 'Invoice', next, ms, 'Update')
  }
}

/**
 * Creates a payment and applies its lines to invoices.
 *
 * @example
 * createPayment(state, { CustomerRef: { value: '20' }, TotalAmt: 25 })
 */
export function createPayment(state: CompanyState, body: QboObject): QboObject {
  const customer = resolveCustomer(state, body)
  const customerId = customer.Id as string
  const total = body.TotalAmt
  if (total === undefined || total === null) throw requiredParam('TotalAmt')
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0)
    throw invalidProperty('TotalAmt', 'TotalAmt')
  const plan = planLines(state, body.Line, customerId, new Map())
  if (plan.applied > money(total))
    throw businessRule('The amount applied exceeds the payment total.', 'Line.Amount')
  if (body.TxnDate !== undefined && !isDate(body.TxnDate)) throw invalidProperty('TxnDate', 'TxnDate')
  const ms = state.clock.now()
  const id = allocateId(state, 'Payment')
  const ccy = customerCurrency(state, customer)
  if (refValue(body.CurrencyRef) && refValue(body.CurrencyRef) !== refValue(ccy)) {
    throw businessRule('The payment currency must match the customer currency.', 'CurrencyRef')
  }
  const obj: QboObject = {
    ...writableFields(body, DERIVED),
    ...newSystemFields(id, ms),
    CustomerRef: customerRefOf(customer),
    TotalAmt: money(total),
    UnappliedAmt: money(total - plan.applied),
    Line: plan.Line,
    TxnDate: body.TxnDate ?? formatDate(ms),
    CurrencyRef: ccy,
    DepositToAccountRef: body.DepositToAccountRef ?? { value: '4' },
    ProcessPayment: body.ProcessPayment ?? false,
  }
  if (ccy.value !== state.homeCurrency)
    obj.ExchangeRate = exchangeRate(ccy.value as string, body.ExchangeRate)
  put(state, 'Payment', obj, ms, 'Create')
  indexTxn(state, customerId, `Payment:${id}`, true)
  adjustInvoices(state, id, new Map(), plan.apps, ms)
  refreshCustomerBalance(state, customerId)
  return state.tables.Payment.get(id)!
}

/**
 * Full or sparse update; lines are all-or-nothing even when sparse (§2.5).
 *
 * @example
 * updatePayment(state, { Id: '5', SyncToken: '0', sparse: true, PaymentRefNum: '1024' }, true)
 */
export function updatePayment(state: CompanyState, body: QboObject, sparse: boolean): QboObject {
  const old = requireCurrent(state, 'Payment', body)
  const id = old.Id as string
  const incoming = writableFields(body, DERIVED)
  const merged: QboObject = sparse ? { ...old, ...incoming } : { ...incoming }
  const customer = resolveCustomer(state, merged)
  const customerId = customer.Id as string
  const oldCustomerId = refValue(old.CustomerRef)!
  const total = merged.TotalAmt
  if (total === undefined || total === null) throw requiredParam('TotalAmt')
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0)
    throw invalidProperty('TotalAmt', 'TotalAmt')
  const before = applicationsOf(old)
  const plan = planLines(state, merged.Line, customerId, customerId === oldCustomerId ? before : new Map())
  if (plan.applied > money(total))
    throw businessRule('The amount applied exceeds the payment total.', 'Line.Amount')
  const ms = state.clock.now()
  const next: QboObject = {
    ...merged,
    ...bumpedSystemFields(old, ms),
    CustomerRef: customerRefOf(customer),
    TotalAmt: money(total),
    UnappliedAmt: money(total - plan.applied),
    Line: plan.Line,
    TxnDate: merged.TxnDate ?? old.TxnDate,
    CurrencyRef: old.CurrencyRef,
    DepositToAccountRef: merged.DepositToAccountRef ?? { value: '4' },
    ProcessPayment: merged.ProcessPayment ?? false,
  }
  put(state, 'Payment', next, ms, 'Update')
  adjustInvoices(state, id, before, plan.apps, ms)
  if (customerId !== oldCustomerId) {
    indexTxn(state, oldCustomerId, `Payment:${id}`, false)
    indexTxn(state, customerId, `Payment:${id}`, true)
    refreshCustomerBalance(state, oldCustomerId)
  }
  refreshCustomerBalance(state, customerId)
  return state.tables.Payment.get(id)!
}

/**
 * Void: the payment stays with zero amounts and no lines; invoice balances come back (§4).
 *
 * @example
 * voidPayment(state, { Id: '5', SyncToken: '1' }).PrivateNote // 'Voided'
 */
export function voidPayment(state: CompanyState, body: QboObject): QboObject {
  const old = requireCurrent(state, 'Payment', body)
  const id = old.Id as string
  const ms = state.clock.now()
  const next: QboObject = {
    ...old,
    ...bumpedSystemFields(old, ms),
    TotalAmt: 0,
    UnappliedAmt: 0,
    Line: [],
    PrivateNote: voidedNote(old.PrivateNote),
  }
  put(state, 'Payment', next, ms, 'Void')
  adjustInvoices(state, id, applicationsOf(old), new Map(), ms)
  refreshCustomerBalance(state, refValue(old.CustomerRef)!)
  return state.tables.Payment.get(id)!
}

/**
 * Hard delete: invoice balances come back (§4).
 *
 * @example
 * deletePayment(state, { Id: '5', SyncToken: '1' }) // { status: 'Deleted', domain: 'QBO', Id: '5' }
 */
export function deletePayment(state: CompanyState, body: QboObject): QboObject {
  const old = requireCurrent(state, 'Payment', body)
  const id = old.Id as string
  const ms = state.clock.now()
  adjustInvoices(state, id, applicationsOf(old), new Map(), ms)
  drop(state, 'Payment', id, ms)
  const customerId = refValue(old.CustomerRef)!
  indexTxn(state, customerId, `Payment:${id}`, false)
  refreshCustomerBalance(state, customerId)
  return { status: 'Deleted', domain: 'QBO', Id: id }
}

/**
 * When an invoice is voided or deleted, the payments applied to it keep their money as unapplied credit.
 *
 * @example
 * detachInvoiceFromPayments(state, invoice, clock.now())
 */
export function detachInvoiceFromPayments(state: CompanyState, invoice: QboObject, ms: number): void {
  const invoiceId = invoice.Id as string
  for (const link of (invoice.LinkedTxn as QboObject[] | undefined) ?? []) {
    if (link.TxnType !== 'Payment') continue
    const payment = state.tables.Payment.get(scalar(link.TxnId) ?? '')
    if (!payment) continue
    const lines = (payment.Line as QboObject[] | undefined) ?? []
    const kept = lines.filter(
      (l) => !((l.LinkedTxn as QboObject[] | undefined) ?? []).some((t) => t.TxnId === invoiceId),
    )
    const released = lines.filter((l) => !kept.includes(l)).reduce((sum, l) => sum + Number(l.Amount ?? 0), 0)
    const next: QboObject = {
      ...payment,
      ...bumpedSystemFields(payment, ms),
      Line: kept,
      UnappliedAmt: money(Number(payment.UnappliedAmt ?? 0) + released),
    }
    put(state, 'Payment', next, ms, 'Update')
  }
}
