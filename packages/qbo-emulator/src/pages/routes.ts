import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../clock'
import { formatDate, type Registry } from '../store'
import { renderCustomerPage } from './customer-page'
import { esc, renderPage, sendPage } from './html'
import { type Found, findRecord, PAGE_PATHS, type PageEntity } from './lookup'
import { renderEstimatePage, renderInvoicePage, renderPaymentPage } from './transaction-pages'

/** QBO Ids are decimal strings; anything else cannot name an object. */
const ID = /^\d{1,20}$/

const WORDS: Record<PageEntity, string> = {
  Customer: 'customer',
  Invoice: 'invoice',
  Estimate: 'estimate',
  Payment: 'payment',
}

function sendMessage(reply: FastifyReply, status: number, heading: string, text: string): FastifyReply {
  const main = `<section class="card"><h1>${esc(heading)}</h1><p>${esc(text)}</p></section>`
  return sendPage(reply, status, (nonce) => renderPage({ title: heading, nonce, main }))
}

/** One query parameter as a single string (a repeated parameter counts as invalid). */
function single(query: unknown, name: string): string | undefined | null {
  const value = (query as Record<string, unknown> | undefined)?.[name]
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : null
}

function page(
  registry: Registry,
  entity: PageEntity,
  param: 'nameId' | 'txnId',
  today: () => string,
  render: (found: Found, today: string) => { title: string; main: string },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = single(request.query, param)
    const realmId = single(request.query, 'realmId')
    if (id === undefined || id === null || !ID.test(id)) {
      return sendMessage(reply, 400, 'Link not valid', `This link needs one numeric ${param} parameter.`)
    }
    if (realmId === null || (realmId !== undefined && !registry.get(realmId))) {
      return sendMessage(
        reply,
        404,
        'Company not found',
        `There is no company with realm id ${String(realmId)} in this emulator.`,
      )
    }
    const found = findRecord(registry, entity, id, realmId)
    if (!found) {
      return sendMessage(
        reply,
        404,
        `We can't find this ${WORDS[entity]}`,
        `No ${WORDS[entity]} with id ${id} exists${realmId ? ' in this company' : ' in any company of this emulator'}. It may have been deleted.`,
      )
    }
    const { title, main } = render(found, today())
    return sendPage(reply, 200, (nonce) => renderPage({ title, company: found.company.name, nonce, main }))
  }
}

/**
 * Registers read-only HTML pages at QuickBooks' deep-link paths, so "View in QuickBooks" works in a demo:
 * `/app/customerdetail?nameId=`, `/app/invoice?txnId=`, `/app/estimate?txnId=`, `/app/recvpayment?txnId=`
 * (API-NOTES.md §11). An optional `realmId` picks the company; without it the first company holding the Id
 * is shown. Every value is HTML-escaped and pages carry a strict CSP with no scripts. A bad link is a 400
 * page, an unknown Id or company a 404 page.
 *
 * @example
 * registerDeepLinkPages(app, registry, { clock })
 * // GET /app/customerdetail?nameId=1 → Amy's Bird Sanctuary
 */
export function registerDeepLinkPages(
  app: FastifyInstance,
  registry: Registry,
  options: { clock?: Clock } = {},
): void {
  const today = () => formatDate(options.clock?.now() ?? Date.now())
  app.get(PAGE_PATHS.Customer, page(registry, 'Customer', 'nameId', today, renderCustomerPage))
  app.get(PAGE_PATHS.Invoice, page(registry, 'Invoice', 'txnId', today, renderInvoicePage))
  app.get(
    PAGE_PATHS.Estimate,
    page(registry, 'Estimate', 'txnId', today, (found) => renderEstimatePage(found)),
  )
  app.get(
    PAGE_PATHS.Payment,
    page(registry, 'Payment', 'txnId', today, (found) => renderPaymentPage(found)),
  )
}
