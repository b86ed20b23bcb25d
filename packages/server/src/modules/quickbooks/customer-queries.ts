/**
 * The QBO customer queries of the QuickBooks tab, built only with the client's query builder, which quotes and
 * escapes every value (API-NOTES.md §3: `'` → `\'`, `\` doubled). What a user types reaches QBO only this way
 * (DESIGN.md §5).
 */
import { type Customer, type QueryBuilder, quoteQueryLiteral, select } from '@ledgerlink/qbo'
import type { CandidateQuery } from './matching-queries'

/** The most rows one query item may return (API-NOTES.md §3, §5). */
export const MAX_ROWS_PER_QUERY = 1000

/** A matching plan's query as a builder (matching-queries.ts writes specifications, never statements). */
export function candidateQueryBuilder(spec: CandidateQuery): QueryBuilder<'Customer'> {
  // Without a filter on Active QBO returns active customers only (API-NOTES.md §3); an inactive one is still
  // a (lower ranked) match.
  const base = select('Customer').where('Active', 'in', [true, false])
  const filtered =
    spec.operator === 'in'
      ? base.where(spec.property, 'in', spec.value)
      : base.where(spec.property, spec.operator, spec.value)
  return filtered.page({ maxResults: spec.maxResults })
}

/** One customer by id, active or not. */
export function customerByIdQuery(customerId: string): QueryBuilder<'Customer'> {
  return select('Customer').where('Active', 'in', [true, false]).where('Id', '=', customerId)
}

/** Customers with exactly this DisplayName, active or not (QBO compares names case-insensitively). */
export function customerByNameQuery(displayName: string): QueryBuilder<'Customer'> {
  return select('Customer').where('Active', 'in', [true, false]).where('DisplayName', '=', displayName)
}

/**
 * A DisplayName lookup on a name list the builder does not model (Vendor, Employee). The value goes through
 * the client's `quoteQueryLiteral`, the same escaping the builder uses.
 */
export function nameListStatement(entity: 'Vendor' | 'Employee', displayName: string): string {
  return `SELECT * FROM ${entity} WHERE Active IN (true, false) AND DisplayName = ${quoteQueryLiteral(displayName)}`
}

/**
 * The search box's text as fragments QBO's LIKE can take: QBO has no escape for `%` (API-NOTES.md §3), so the
 * text is cut at every `%` and the longest piece is searched; {@link matchesSearch} then checks the whole text.
 * Words are split on spaces for the "given name + family name" query.
 */
export function searchFragments(q: string): { longest: string; words: string[] } {
  const trimmed = q.trim()
  const pieces = trimmed
    .split('%')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a), '')
  const words = trimmed.includes('%') ? [] : trimmed.split(/\s+/).filter((word) => word !== '')
  return { longest, words }
}

/**
 * The queries of a manual search for any part of a name or email: one per field (QBO has no OR), plus given
 * AND family name for a text of two or more words ("Amy Lauterbach"). Active customers only: only they can be
 * linked. Empty when the text has nothing QBO can search for.
 */
export function searchQueries(q: string): QueryBuilder<'Customer'>[] {
  const { longest, words } = searchFragments(q)
  if (longest === '') return []
  const page = { maxResults: MAX_ROWS_PER_QUERY }
  const queries = (
    ['DisplayName', 'CompanyName', 'GivenName', 'FamilyName', 'PrimaryEmailAddr'] as const
  ).map((field) => select('Customer').contains(field, longest).page(page))
  const first = words[0]
  const last = words.at(-1)
  if (words.length >= 2 && first !== undefined && last !== undefined) {
    queries.push(select('Customer').contains('GivenName', first).contains('FamilyName', last).page(page))
  }
  return queries
}

const contains = (value: unknown, part: string) =>
  typeof value === 'string' && value.toLowerCase().includes(part.toLowerCase())

/** The same test as {@link searchQueries}, on the whole text (so a `%` in it is a plain character). */
export function matchesSearch(customer: Customer, q: string): boolean {
  const trimmed = q.trim()
  const fields = [
    customer.DisplayName,
    customer.CompanyName,
    customer.GivenName,
    customer.FamilyName,
    customer.PrimaryEmailAddr?.Address,
  ]
  if (fields.some((field) => contains(field, trimmed))) return true
  const { words } = searchFragments(q)
  const first = words[0]
  const last = words.at(-1)
  return (
    words.length >= 2 &&
    first !== undefined &&
    last !== undefined &&
    contains(customer.GivenName, first) &&
    contains(customer.FamilyName, last)
  )
}
