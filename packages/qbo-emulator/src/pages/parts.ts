import type { QboObject } from '../store'
import { daysBetween, money } from './format'
import { esc } from './html'
import { type Found, type PageEntity, pageHref } from './lookup'

/** A status badge: its words and its tone. */
export interface Status {
  label: string
  tone: 'ok' | 'warn' | 'bad' | 'neutral'
}

/**
 * Escaped badge HTML.
 *
 * @example
 * badge({ label: 'Paid', tone: 'ok' }) // '<span class="badge ok">Paid</span>'
 */
export function badge(status: Status): string {
  const cls = status.tone === 'neutral' ? 'badge' : `badge ${status.tone}`
  return `<span class="${cls}">${esc(status.label)}</span>`
}

/**
 * An invoice's status as QuickBooks words it: Voided, Paid, Overdue N days, Partially paid, Open.
 *
 * @example
 * invoiceStatus({ TotalAmt: 100, Balance: 100, DueDate: '2026-11-01' }, '2026-11-24') // { label: 'Overdue 23 days', tone: 'bad' }
 */
export function invoiceStatus(invoice: QboObject, today: string): Status {
  const total = Number(invoice.TotalAmt ?? 0)
  const balance = Number(invoice.Balance ?? 0)
  if (String(invoice.PrivateNote ?? '').startsWith('Voided') && total === 0)
    return { label: 'Voided', tone: 'neutral' }
  if (balance <= 0) return { label: 'Paid', tone: 'ok' }
  const due = typeof invoice.DueDate === 'string' ? invoice.DueDate : undefined
  const late = due ? daysBetween(due, today) : 0
  if (late > 0) return { label: `Overdue ${late} day${late === 1 ? '' : 's'}`, tone: 'bad' }
  if (balance < total) return { label: 'Partially paid', tone: 'warn' }
  return { label: 'Open', tone: 'warn' }
}

/**
 * An escaped link to another page of the same company.
 *
 * @example
 * pageLink('Invoice', '130', '9130357766900456', 'Invoice 1037')
 */
export function pageLink(entity: PageEntity, id: unknown, realmId: string, text: string): string {
  return `<a href="${esc(pageHref(entity, id, realmId))}">${esc(text)}</a>`
}

/**
 * The customer a transaction names, as a link.
 *
 * @example
 * customerLink({ value: '20', name: 'Red Rock Diner' }, '9130357766900456')
 */
export function customerLink(ref: unknown, realmId: string): string {
  const r = (ref ?? {}) as QboObject
  return r.value === undefined
    ? ''
    : pageLink('Customer', r.value, realmId, String(r.name ?? `Customer ${String(r.value)}`))
}

/**
 * A note naming the other companies that hold an object with the same Id (deep links carry no realm).
 *
 * @example
 * otherCompanies(found, 'Customer') // '' when only one company holds the Id
 */
export function otherCompanies(found: Found, entity: PageEntity): string {
  if (found.others.length === 0) return ''
  const links = found.others
    .map((c) => `<a href="${esc(pageHref(entity, found.record.Id, c.realmId))}">${esc(c.name)}</a>`)
    .join(', ')
  return `<p class="muted">QuickBooks deep links name no company; this Id also exists in ${links}.</p>`
}

/**
 * Item lines of an invoice or estimate, with subtotal, discounts and total.
 *
 * @example
 * linesTable(invoice) // '<table>…<td>Rock Fountain</td>…</table>'
 */
export function linesTable(doc: QboObject): string {
  const ccy = doc.CurrencyRef
  const lines = Array.isArray(doc.Line) ? (doc.Line as QboObject[]) : []
  const items = lines.filter(
    (l) => l.DetailType === 'SalesItemLineDetail' || l.DetailType === 'DescriptionOnly',
  )
  const body = items
    .map((l, i) => {
      const d = (l.SalesItemLineDetail ?? {}) as QboObject
      const item = (d.ItemRef as QboObject | undefined)?.name
      return `<tr><td>${i + 1}</td><td>${esc(item)}</td><td>${esc(l.Description)}</td><td class="num">${esc(d.Qty)}</td><td class="num">${d.UnitPrice === undefined ? '' : money(d.UnitPrice, ccy)}</td><td class="num">${l.Amount === undefined ? '' : money(l.Amount, ccy)}</td></tr>`
    })
    .join('')
  const subtotal = lines.find((l) => l.DetailType === 'SubTotalLineDetail')
  const discounts = lines.filter((l) => l.DetailType === 'DiscountLineDetail')
  const tax = Number((doc.TxnTaxDetail as QboObject | undefined)?.TotalTax ?? 0)
  const foot = [
    subtotal
      ? `<tr><td colspan="5">Subtotal</td><td class="num">${money(subtotal.Amount, ccy)}</td></tr>`
      : '',
    ...discounts.map(
      (l) => `<tr><td colspan="5">Discount</td><td class="num">−${money(l.Amount, ccy)}</td></tr>`,
    ),
    tax ? `<tr><td colspan="5">Tax</td><td class="num">${money(tax, ccy)}</td></tr>` : '',
    `<tr><td colspan="5">Total</td><td class="num">${money(doc.TotalAmt, ccy)}</td></tr>`,
  ].join('')
  return `<table><thead><tr><th>#</th><th>Product/service</th><th>Description</th><th class="num">Qty</th><th class="num">Rate</th><th class="num">Amount</th></tr></thead><tbody>${body || '<tr><td colspan="6" class="muted">No lines</td></tr>'}</tbody><tfoot>${foot}</tfoot></table>`
}
