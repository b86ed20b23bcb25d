/**
 * How a QBO Customer appears in the API: the overview of a linked record's tab, a suggested candidate of the
 * automatic search and a row of the manual search (DESIGN.md §1.1 points 1, 2 and 5). QBO's field names stop
 * here; the API speaks the product's words.
 */
import type { Customer, QboDeepLinks } from '@ledgerlink/qbo'
import { decimalOf, toCurrencyScale } from './aging'
import { addressFromQbo, type CrmAddress } from './copy-fields'
import type { MatchCandidate } from './matching'

/** The customer overview of a linked record. */
export interface CustomerView {
  id: string
  displayName: string
  companyName: string | null
  givenName: string | null
  familyName: string | null
  title: string | null
  billingAddress: CrmAddress | null
  shippingAddress: CrmAddress | null
  phones: { primary: string | null; mobile: string | null; fax: string | null }
  email: string | null
  website: string | null
  currency: string
  active: boolean
  /** QBO no longer has the customer, or shows it as deleted (an inactive customer renamed "… (deleted)"). */
  deleted: boolean
  viewUrl: string
}

/** A QBO customer offered for linking; `score` and `reasons` are set by the automatic search only. */
export interface CandidateView {
  customerId: string
  displayName: string
  companyName: string | null
  email: string | null
  phone: string | null
  city: string | null
  balance: string | null
  currency: string
  score: number | null
  /** Machine-readable reasons, strongest first (`email-exact`, `name-fuzzy`…). */
  reasons: string[]
  /** The reasons in plain words ("Same email address"). */
  reasonText: string | null
  active: boolean
}

/** Currency of a customer without `CurrencyRef` (QBO omits it when multicurrency is off, API-NOTES.md §2.1). */
export const HOME_CURRENCY = 'USD'

/** QBO's suffix for an inactive name, which frees the original name for reuse (API-NOTES.md §2.1). */
const DELETED_SUFFIX = /\s\(deleted(?:-\d+)?\)$/

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** `Active` is true when QBO leaves it out (API-NOTES.md §2.1). */
export const isActiveCustomer = (customer: Customer): boolean => customer.Active !== false

export const currencyOf = (customer: Customer): string => customer.CurrencyRef?.value ?? HOME_CURRENCY

/**
 * The overview of a customer as read from QBO.
 * @example
 * toCustomerView({ Id: '10', DisplayName: 'Red Rock Diner' }, links).displayName // 'Red Rock Diner'
 */
export function toCustomerView(customer: Customer, deepLinks: QboDeepLinks): CustomerView {
  const id = customer.Id ?? ''
  const displayName = customer.DisplayName ?? ''
  const active = isActiveCustomer(customer)
  return {
    id,
    displayName,
    companyName: text(customer.CompanyName),
    givenName: text(customer.GivenName),
    familyName: text(customer.FamilyName),
    title: text(customer.Title),
    billingAddress: addressFromQbo(customer.BillAddr),
    shippingAddress: addressFromQbo(customer.ShipAddr),
    phones: {
      primary: text(customer.PrimaryPhone?.FreeFormNumber),
      mobile: text(customer.Mobile?.FreeFormNumber),
      fax: text(customer.Fax?.FreeFormNumber),
    },
    email: text(customer.PrimaryEmailAddr?.Address),
    website: text(customer.WebAddr?.URI),
    currency: currencyOf(customer),
    active,
    deleted: !active && DELETED_SUFFIX.test(displayName),
    viewUrl: deepLinks.customer(id),
  }
}

/**
 * The overview of a linked customer QBO no longer returns: what the link remembers, flagged deleted.
 * @example
 * missingCustomerView('10', 'Red Rock Diner', links).deleted // true
 */
export function missingCustomerView(id: string, displayName: string, deepLinks: QboDeepLinks): CustomerView {
  return {
    ...toCustomerView({ Id: id, DisplayName: displayName, Active: false }, deepLinks),
    deleted: true,
  }
}

/**
 * A search row or a suggestion. Pass the ranking's result to fill score and reasons.
 * @example
 * toCandidateView({ Id: '10', DisplayName: 'Red Rock Diner', Balance: '350' }).balance // '350.00'
 */
export function toCandidateView(customer: Customer, match?: MatchCandidate): CandidateView {
  const currency = currencyOf(customer)
  return {
    customerId: customer.Id ?? '',
    displayName: customer.DisplayName ?? '',
    companyName: text(customer.CompanyName),
    email: text(customer.PrimaryEmailAddr?.Address),
    phone: text(customer.PrimaryPhone?.FreeFormNumber) ?? text(customer.Mobile?.FreeFormNumber),
    city: text(customer.BillAddr?.City),
    balance: customer.Balance === undefined ? null : toCurrencyScale(decimalOf(customer.Balance), currency),
    currency,
    score: match?.score ?? null,
    reasons: match?.reasons ?? [],
    reasonText: match?.reasonText ?? null,
    active: isActiveCustomer(customer),
  }
}
