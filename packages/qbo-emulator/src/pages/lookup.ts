import type { CompanyStore, EntityName, QboObject, Registry } from '../store'

/** The deep-link paths of QBO's web app (API-NOTES.md §11). */
export const PAGE_PATHS = {
  Customer: '/app/customerdetail',
  Invoice: '/app/invoice',
  Estimate: '/app/estimate',
  Payment: '/app/recvpayment',
} as const

/** Entities that have a page. */
export type PageEntity = keyof typeof PAGE_PATHS

/** A record found for a page, with the other companies that have an object with the same Id. */
export interface Found {
  company: CompanyStore
  record: QboObject
  others: CompanyStore[]
}

/**
 * Finds the object a deep link names. QBO's deep links carry no realm (§11: they open in whatever company
 * the browser is signed into), so without `realmId` the first company holding the Id wins and the page lists
 * the others; with `realmId` only that company is searched.
 *
 * @example
 * findRecord(registry, 'Customer', '20') // { company, record, others }
 */
export function findRecord(
  registry: Registry,
  entity: EntityName,
  id: string,
  realmId?: string,
): Found | undefined {
  const companies =
    realmId === undefined ? registry.companies() : [registry.get(realmId)].filter((c) => c !== undefined)
  const holders = companies.filter((c) => c.read(entity, id) !== undefined)
  const [company, ...others] = holders
  if (!company) return undefined
  return { company, record: company.read(entity, id) as QboObject, others }
}

/**
 * The href of another page of the same company (realm made explicit, so links never switch company).
 *
 * @example
 * pageHref('Invoice', '130', '9130357766900456') // '/app/invoice?txnId=130&realmId=9130357766900456'
 */
export function pageHref(entity: PageEntity, id: unknown, realmId: string): string {
  const param = entity === 'Customer' ? 'nameId' : 'txnId'
  return `${PAGE_PATHS[entity]}?${param}=${encodeURIComponent(String(id))}&realmId=${encodeURIComponent(realmId)}`
}

/**
 * A customer's invoices, estimates or payments. Uses the store's per-customer index when it has one, so a
 * page stays fast in a generated company with hundreds of thousands of documents.
 *
 * @example
 * documentsOf(company, 'Invoice', '1').length // 180
 */
export function documentsOf(
  company: CompanyStore,
  entity: 'Invoice' | 'Estimate' | 'Payment',
  customerId: string,
): QboObject[] {
  const indexed = company as Partial<{ listForCustomers(e: string, ids: readonly string[]): QboObject[] }>
  if (typeof indexed.listForCustomers === 'function') return indexed.listForCustomers(entity, [customerId])
  return [...company.list(entity)].filter(
    (d) => (d.CustomerRef as QboObject | undefined)?.value === customerId,
  )
}
