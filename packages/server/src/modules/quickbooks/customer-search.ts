/**
 * The search box of an unlinked record's tab (DESIGN.md §1.1 point 2): active QBO customers whose name or
 * email contains the typed text, in one batch request, sorted by name and paged.
 */
import type { Customer, QboCompany } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import { matchesSearch, searchQueries } from './customer-queries'
import { type CandidateView, toCandidateView } from './customer-view'

/** Customers per page of results. */
export const SEARCH_PAGE_SIZE = 20

export type CustomerSearchPage = { items: CandidateView[]; nextCursor: string | null }

/** The offset a cursor of ours carries (a plain position in the sorted results). */
function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const offset = /^\d{1,6}$/.test(cursor) ? Number(cursor) : Number.NaN
  if (!Number.isSafeInteger(offset))
    throw badInput('This page link is no longer valid. Search again.', [
      { path: 'cursor', message: 'Not a valid cursor' },
    ])
  return offset
}

const byName = (a: Customer, b: Customer) =>
  (a.DisplayName ?? '').localeCompare(b.DisplayName ?? '', 'en', { sensitivity: 'base' }) ||
  (a.Id ?? '').localeCompare(b.Id ?? '')

/**
 * One page of customers matching `q`.
 * @example
 * await searchCustomers(company, 'windsurf') // { items: [{ displayName: "Bill's Windsurf Shop", … }], nextCursor: null }
 */
export async function searchCustomers(
  company: QboCompany,
  q: string,
  cursor?: string,
): Promise<CustomerSearchPage> {
  const offset = offsetOf(cursor)
  const queries = searchQueries(q)
  if (queries.length === 0) return { items: [], nextCursor: null }
  const results = await company.batch(queries.map((query) => ({ query })))
  const found = new Map<string, Customer>()
  for (const result of results) {
    if (!result.ok) throw result.error
    if (!('rows' in result)) continue
    for (const customer of result.rows as Customer[])
      if (matchesSearch(customer, q)) found.set(customer.Id ?? '', customer)
  }
  const sorted = [...found.values()].sort(byName)
  const items = sorted.slice(offset, offset + SEARCH_PAGE_SIZE).map((customer) => toCandidateView(customer))
  const next = offset + SEARCH_PAGE_SIZE
  return { items, nextCursor: next < sorted.length ? String(next) : null }
}
