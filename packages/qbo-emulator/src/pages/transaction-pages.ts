import type { QboObject } from '../store'
import { address, date, definitions, inner, money } from './format'
import { esc } from './html'
import type { Found } from './lookup'
import {
  badge,
  customerLink,
  invoiceStatus,
  linesTable,
  otherCompanies,
  pageLink,
  type Status,
} from './parts'

const ESTIMATE_TONES: Record<string, Status['tone']> = {
  Pending: 'warn',
  Accepted: 'ok',
  Closed: 'neutral',
  Rejected: 'bad',
  Converted: 'ok',
}

const links = (doc: QboObject, type: string) =>
  (Array.isArray(doc.LinkedTxn) ? (doc.LinkedTxn as QboObject[]) : []).filter((l) => l.TxnType === type)

/** How much one payment applies to one invoice. */
function appliedBy(payment: QboObject | undefined, invoiceId: unknown): number {
  const lines = Array.isArray(payment?.Line) ? (payment.Line as QboObject[]) : []
  return lines
    .filter((l) =>
      ((l.LinkedTxn as QboObject[] | undefined) ?? []).some((t) => String(t.TxnId) === String(invoiceId)),
    )
    .reduce((sum, l) => sum + Number(l.Amount ?? 0), 0)
}

function header(found: Found, entity: 'Invoice' | 'Estimate', status: Status): string {
  const doc = found.record
  return `<section class="card">
<h1>${esc(entity)} no. ${esc(doc.DocNumber ?? doc.Id)} ${badge(status)}</h1>
<p class="muted">${esc(entity)} ${esc(doc.Id)} · ${customerLink(doc.CustomerRef, found.company.realmId)}</p>
${otherCompanies(found, entity)}`
}

/**
 * The invoice page (`/app/invoice?txnId=`): header, lines, totals, payments applied, balance and status.
 *
 * @example
 * renderInvoicePage(found, '2026-11-24').title // 'Invoice 1037'
 */
export function renderInvoicePage(found: Found, today: string): { title: string; main: string } {
  const { company, record: inv } = found
  const realmId = company.realmId
  const ccy = inv.CurrencyRef
  const estimate = links(inv, 'Estimate')[0]
  const payments = links(inv, 'Payment').map(
    (l) => company.read('Payment', String(l.TxnId)) ?? { Id: l.TxnId },
  )
  const paymentRows = payments
    .map(
      (p) =>
        `<tr><td>${pageLink('Payment', p.Id, realmId, `Payment${p.PaymentRefNum ? ` ${String(p.PaymentRefNum)}` : ` ${String(p.Id)}`}`)}</td><td>${date(p.TxnDate)}</td><td class="num">${money(appliedBy(p, inv.Id), ccy)}</td></tr>`,
    )
    .join('')
  const details = definitions([
    ['Invoice date', date(inv.TxnDate)],
    ['Due date', date(inv.DueDate)],
    ['Bill to', address(inv.BillAddr) ? `<address>${address(inv.BillAddr)}</address>` : undefined],
    ['Email', esc(inner(inv.BillEmail, 'Address'))],
    ['Currency', ccy ? esc((ccy as QboObject).value) : undefined],
    ['Exchange rate', inv.ExchangeRate === undefined ? undefined : esc(inv.ExchangeRate)],
    [
      'Estimate',
      estimate
        ? pageLink('Estimate', estimate.TxnId, realmId, `Estimate ${String(estimate.TxnId)}`)
        : undefined,
    ],
    ['Message', esc((inv.CustomerMemo as QboObject | undefined)?.value) || undefined],
    ['Private note', esc(inv.PrivateNote) || undefined],
  ])
  const main = `${header(found, 'Invoice', invoiceStatus(inv, today))}
<div class="grid">
<div><div class="muted">Total</div><div class="amount">${money(inv.TotalAmt, ccy)}</div></div>
<div><div class="muted">Balance due</div><div class="amount">${money(inv.Balance, ccy)}</div></div>
</div>
</section>
<section class="card"><h2>Details</h2>${details}</section>
<section class="card"><h2>Lines</h2>${linesTable(inv)}</section>
<section class="card"><h2>Payments</h2>${paymentRows ? `<table><thead><tr><th>Payment</th><th>Date</th><th class="num">Applied</th></tr></thead><tbody>${paymentRows}</tbody></table>` : '<p class="muted">No payments applied.</p>'}</section>`
  return { title: `Invoice ${String(inv.DocNumber ?? inv.Id)}`, main }
}

/**
 * The estimate page (`/app/estimate?txnId=`): header, status, lines, totals and invoices made from it.
 *
 * @example
 * renderEstimatePage(found).title // 'Estimate 1001'
 */
export function renderEstimatePage(found: Found): { title: string; main: string } {
  const { company, record: est } = found
  const status = String(est.TxnStatus ?? 'Pending')
  const invoices = links(est, 'Invoice')
  const details = definitions([
    ['Estimate date', date(est.TxnDate)],
    ['Expiration date', date(est.ExpirationDate) || undefined],
    [
      'Accepted',
      est.AcceptedDate
        ? `${date(est.AcceptedDate)}${est.AcceptedBy ? ` by ${esc(est.AcceptedBy)}` : ''}`
        : undefined,
    ],
    ['Bill to', address(est.BillAddr) ? `<address>${address(est.BillAddr)}</address>` : undefined],
    ['Email', esc(inner(est.BillEmail, 'Address'))],
    [
      'Invoices',
      invoices.length
        ? invoices
            .map((l) =>
              pageLink(
                'Invoice',
                l.TxnId,
                company.realmId,
                `Invoice ${String(company.read('Invoice', String(l.TxnId))?.DocNumber ?? l.TxnId)}`,
              ),
            )
            .join(', ')
        : undefined,
    ],
    ['Message', esc((est.CustomerMemo as QboObject | undefined)?.value) || undefined],
  ])
  const main = `${header(found, 'Estimate', { label: status, tone: ESTIMATE_TONES[status] ?? 'neutral' })}
<div><div class="muted">Total</div><div class="amount">${money(est.TotalAmt, est.CurrencyRef)}</div></div>
</section>
<section class="card"><h2>Details</h2>${details}</section>
<section class="card"><h2>Lines</h2>${linesTable(est)}</section>`
  return { title: `Estimate ${String(est.DocNumber ?? est.Id)}`, main }
}

/**
 * The received-payment page (`/app/recvpayment?txnId=`): amount, reference, the invoices it pays and what
 * is left unapplied.
 *
 * @example
 * renderPaymentPage(found).title // 'Payment 4021'
 */
export function renderPaymentPage(found: Found): { title: string; main: string } {
  const { company, record: p } = found
  const ccy = p.CurrencyRef
  const voided = String(p.PrivateNote ?? '').startsWith('Voided')
  const lines = Array.isArray(p.Line) ? (p.Line as QboObject[]) : []
  const rows = lines
    .map((l) => {
      const link = ((l.LinkedTxn as QboObject[] | undefined) ?? [])[0] ?? {}
      const inv = link.TxnType === 'Invoice' ? company.read('Invoice', String(link.TxnId)) : undefined
      const label = inv
        ? `Invoice ${String(inv.DocNumber ?? inv.Id)}`
        : `${String(link.TxnType ?? 'Transaction')} ${String(link.TxnId ?? '')}`
      const cell = inv ? pageLink('Invoice', inv.Id, company.realmId, label) : esc(label)
      return `<tr><td>${cell}</td><td>${date(inv?.DueDate)}</td><td class="num">${inv ? money(inv.TotalAmt, ccy) : ''}</td><td class="num">${inv ? money(inv.Balance, ccy) : ''}</td><td class="num">${money(l.Amount, ccy)}</td></tr>`
    })
    .join('')
  const status: Status = voided
    ? { label: 'Voided', tone: 'neutral' }
    : Number(p.UnappliedAmt ?? 0) > 0
      ? { label: 'Unapplied credit', tone: 'warn' }
      : { label: 'Applied', tone: 'ok' }
  const details = definitions([
    ['Payment date', date(p.TxnDate)],
    ['Reference no.', esc(p.PaymentRefNum) || undefined],
    ['Unapplied', money(p.UnappliedAmt, ccy)],
    ['Currency', ccy ? esc((ccy as QboObject).value) : undefined],
    ['Memo', esc(p.PrivateNote) || undefined],
  ])
  const reference = p.PaymentRefNum ? String(p.PaymentRefNum) : String(p.Id)
  const main = `<section class="card">
<h1>Payment ${esc(reference)} ${badge(status)}</h1>
<p class="muted">Payment ${esc(p.Id)} · ${customerLink(p.CustomerRef, company.realmId)}</p>
${otherCompanies(found, 'Payment')}
<div><div class="muted">Amount received</div><div class="amount">${money(p.TotalAmt, ccy)}</div></div>
</section>
<section class="card"><h2>Details</h2>${details}</section>
<section class="card"><h2>Applied to</h2>${rows ? `<table><thead><tr><th>Invoice</th><th>Due</th><th class="num">Original amount</th><th class="num">Open balance</th><th class="num">Payment</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">Not applied to any invoice.</p>'}</section>`
  return { title: `Payment ${reference}`, main }
}
