import type { QboObject } from '../store'
import { address, date, definitions, inner, money, personName } from './format'
import { esc } from './html'
import { documentsOf, type Found, pageHref } from './lookup'
import { badge, invoiceStatus, otherCompanies, pageLink } from './parts'

const RECENT = 10

/** A website link only for http(s) URLs; anything else is shown as text. */
function website(uri: string | undefined): string | undefined {
  if (!uri) return undefined
  return /^https?:\/\//i.test(uri)
    ? `<a href="${esc(uri)}" rel="noopener noreferrer">${esc(uri)}</a>`
    : esc(uri)
}

function openInvoicesTable(invoices: QboObject[], realmId: string, today: string): string {
  const open = invoices
    .filter((i) => Number(i.Balance ?? 0) > 0)
    .sort((a, b) => String(a.DueDate).localeCompare(String(b.DueDate)))
  if (open.length === 0) return '<p class="muted">No open invoices.</p>'
  const rows = open
    .map(
      (i) =>
        `<tr><td>${pageLink('Invoice', i.Id, realmId, `Invoice ${String(i.DocNumber ?? i.Id)}`)}</td><td>${date(i.TxnDate)}</td><td>${date(i.DueDate)}</td><td>${badge(invoiceStatus(i, today))}</td><td class="num">${money(i.TotalAmt, i.CurrencyRef)}</td><td class="num">${money(i.Balance, i.CurrencyRef)}</td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Invoice</th><th>Date</th><th>Due</th><th>Status</th><th class="num">Total</th><th class="num">Balance</th></tr></thead><tbody>${rows}</tbody></table>`
}

function recentTable(found: Found, customerId: string): string {
  const { company } = found
  const docs = (['Invoice', 'Estimate', 'Payment'] as const).flatMap((entity) =>
    documentsOf(company, entity, customerId).map((d) => ({ entity, d })),
  )
  docs.sort(
    (a, b) => String(b.d.TxnDate).localeCompare(String(a.d.TxnDate)) || Number(b.d.Id) - Number(a.d.Id),
  )
  if (docs.length === 0) return '<p class="muted">No transactions.</p>'
  const rows = docs
    .slice(0, RECENT)
    .map(({ entity, d }) => {
      const label =
        entity === 'Payment'
          ? `Payment${d.PaymentRefNum ? ` ${String(d.PaymentRefNum)}` : ''}`
          : `${entity} ${String(d.DocNumber ?? d.Id)}`
      return `<tr><td>${date(d.TxnDate)}</td><td>${pageLink(entity, d.Id, company.realmId, label)}</td><td class="num">${money(d.TotalAmt, d.CurrencyRef)}</td></tr>`
    })
    .join('')
  return `<p class="muted">${esc(docs.length)} transactions; the ${Math.min(RECENT, docs.length)} most recent:</p><table><thead><tr><th>Date</th><th>Transaction</th><th class="num">Amount</th></tr></thead><tbody>${rows}</tbody></table>`
}

/**
 * The customer page (`/app/customerdetail?nameId=`): names, contact details, addresses, balances, jobs,
 * open invoices and recent transactions.
 *
 * @example
 * renderCustomerPage(found, '2026-11-24') // { title: "Amy's Bird Sanctuary", main: '<section …' }
 */
export function renderCustomerPage(found: Found, today: string): { title: string; main: string } {
  const { company, record: c } = found
  const realmId = company.realmId
  const id = String(c.Id)
  const parentId = (c.ParentRef as QboObject | undefined)?.value
  const jobs = [...company.list('Customer')].filter(
    (j) => (j.ParentRef as QboObject | undefined)?.value === id,
  )
  const ccy = c.CurrencyRef
  const email = inner(c.PrimaryEmailAddr, 'Address')
  const status = c.Active === false ? badge({ label: 'Inactive', tone: 'neutral' }) : ''
  const contact = definitions([
    ['Company', esc(c.CompanyName) || undefined],
    ['Contact', esc(personName(c)) || undefined],
    [
      'Email',
      email
        ? `<a href="mailto:${esc(encodeURIComponent(email).replace(/%40/g, '@'))}">${esc(email)}</a>`
        : undefined,
    ],
    ['Phone', esc(inner(c.PrimaryPhone, 'FreeFormNumber'))],
    ['Mobile', esc(inner(c.Mobile, 'FreeFormNumber'))],
    ['Fax', esc(inner(c.Fax, 'FreeFormNumber'))],
    ['Website', website(inner(c.WebAddr, 'URI'))],
    ['Currency', esc((ccy as QboObject | undefined)?.name ?? (ccy as QboObject | undefined)?.value)],
    [
      'Parent',
      parentId
        ? pageLink(
            'Customer',
            parentId,
            realmId,
            String(c.FullyQualifiedName).split(':').slice(0, -1).join(':'),
          )
        : undefined,
    ],
    ['Notes', esc(c.Notes) || undefined],
  ])
  const addresses = definitions([
    ['Billing', address(c.BillAddr) ? `<address>${address(c.BillAddr)}</address>` : undefined],
    ['Shipping', address(c.ShipAddr) ? `<address>${address(c.ShipAddr)}</address>` : undefined],
  ])
  const jobList = jobs.length
    ? `<section class="card"><h2>Jobs</h2><ul>${jobs.map((j) => `<li>${pageLink('Customer', j.Id, realmId, String(j.DisplayName))} — ${money(j.BalanceWithJobs, j.CurrencyRef)}</li>`).join('')}</ul></section>`
    : ''
  const main = `<section class="card">
<h1>${esc(c.DisplayName)} ${status}</h1>
<p class="muted">Customer ${esc(id)}${c.FullyQualifiedName !== c.DisplayName ? ` · ${esc(c.FullyQualifiedName)}` : ''}</p>
${otherCompanies(found, 'Customer')}
<div class="grid">
<div><div class="muted">Open balance</div><div class="amount">${money(c.Balance, ccy)}</div></div>
${jobs.length ? `<div><div class="muted">Balance with jobs</div><div class="amount">${money(c.BalanceWithJobs, ccy)}</div></div>` : ''}
</div>
</section>
<div class="grid">
<section class="card"><h2>Contact</h2>${contact}</section>
<section class="card"><h2>Addresses</h2>${addresses}</section>
</div>
${jobList}
<section class="card"><h2>Open invoices</h2>${openInvoicesTable(documentsOf(company, 'Invoice', id), realmId, today)}</section>
<section class="card"><h2>Transactions</h2>${recentTable(found, id)}</section>
<p class="muted"><a href="${esc(pageHref('Customer', id, realmId))}">Permanent link</a></p>`
  return { title: String(c.DisplayName ?? `Customer ${id}`), main }
}
