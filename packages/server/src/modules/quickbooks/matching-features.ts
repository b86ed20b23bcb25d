import {
  analyzeName,
  emailDomain,
  isFreeEmailDomain,
  type NameAnalysis,
  normalizeDomain,
  normalizeEmail,
  phoneKey,
} from './matching-normalize'
import type { ContactToMatch, MatchableCustomer, OrganizationToMatch } from './matching-types'

/** A customer, normalised once when the matcher is built. */
export interface CustomerFeatures {
  id: string
  displayName: string
  isActive: boolean
  display: NameAnalysis
  company: NameAnalysis
  given: readonly string[]
  family: readonly string[]
  email: string | undefined
  /** The email's domain, only when it is a company domain (not gmail.com and the like). */
  workDomain: string | undefined
  /** Domains of the customer's website and work email. */
  domains: readonly string[]
  phones: readonly string[]
}

/** A CRM organization, normalised. */
export interface OrganizationFeatures {
  kind: 'organization'
  name: NameAnalysis
  domains: readonly string[]
  phone: string | undefined
}

/** A CRM contact, normalised. */
export interface ContactFeatures {
  kind: 'contact'
  first: readonly string[]
  last: readonly string[]
  /** First then last name tokens. */
  full: readonly string[]
  emails: readonly string[]
  workDomains: readonly string[]
  organization: NameAnalysis
  phone: string | undefined
}

/** Either kind of normalised CRM record. */
export type RecordFeatures = OrganizationFeatures | ContactFeatures

/**
 * QBO shows an inactive customer's name with " (deleted)" appended (API-NOTES.md §2.1, partly verified);
 * the suffix is not part of the party's name.
 */
const DELETED_SUFFIX = /\s*\(deleted\)\s*$/i

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))]
}

/**
 * Given and family name of a customer entered with DisplayName only ("Amy Lauterbach" or
 * "Lauterbach, Amy"). Only for two- or three-word names without a CompanyName: longer display names are
 * more likely businesses.
 */
function personFromDisplay(customer: MatchableCustomer, display: NameAnalysis) {
  if (customer.CompanyName || display.tokens.length < 2 || display.tokens.length > 3) return undefined
  const commaAt = customer.DisplayName.indexOf(',')
  if (commaAt > 0) {
    const family = analyzeName(customer.DisplayName.slice(0, commaAt)).tokens
    const given = analyzeName(customer.DisplayName.slice(commaAt + 1)).tokens
    return given.length > 0 && family.length > 0 ? { given, family } : undefined
  }
  return { given: display.tokens.slice(0, -1), family: display.tokens.slice(-1) }
}

/**
 * Normalises one customer for comparison.
 *
 * @example
 * describeCustomer({ Id: '1', DisplayName: 'Acme, Inc.' }).display.coreTokens // ['acme']
 */
export function describeCustomer(customer: MatchableCustomer): CustomerFeatures {
  const email = normalizeEmail(customer.PrimaryEmailAddr?.Address)
  const domain = emailDomain(email)
  const workDomain = domain !== undefined && !isFreeEmailDomain(domain) ? domain : undefined
  const display = analyzeName((customer.DisplayName ?? '').replace(DELETED_SUFFIX, ''))
  const given = analyzeName(customer.GivenName).tokens
  const family = analyzeName(customer.FamilyName).tokens
  const person = given.length === 0 && family.length === 0 ? personFromDisplay(customer, display) : undefined
  return {
    id: customer.Id,
    displayName: customer.DisplayName,
    isActive: customer.Active !== false,
    display,
    // QBO copies CompanyName into DisplayName by default; analyse the shared text once.
    company: customer.CompanyName === customer.DisplayName ? display : analyzeName(customer.CompanyName),
    given: person?.given ?? given,
    family: person?.family ?? family,
    email,
    workDomain,
    domains: unique([workDomain, normalizeDomain(customer.WebAddr?.URI)]),
    phones: unique([
      phoneKey(customer.PrimaryPhone?.FreeFormNumber),
      phoneKey(customer.Mobile?.FreeFormNumber),
    ]),
  }
}

/**
 * Normalises a CRM organization.
 *
 * @example
 * describeOrganization({ kind: 'organization', name: 'Acme', website: 'https://www.acme.com' }).domains // ['acme.com']
 */
export function describeOrganization(organization: OrganizationToMatch): OrganizationFeatures {
  const domains = unique([
    ...(organization.emailDomains ?? []).map(normalizeDomain),
    normalizeDomain(organization.website),
  ]).filter((domain) => !isFreeEmailDomain(domain))
  return {
    kind: 'organization',
    name: analyzeName(organization.name),
    domains,
    phone: phoneKey(organization.phone),
  }
}

/**
 * Normalises a CRM contact.
 *
 * @example
 * describeContact({ kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach' }).full // ['amy', 'lauterbach']
 */
export function describeContact(contact: ContactToMatch): ContactFeatures {
  const first = analyzeName(contact.firstName).tokens
  const last = analyzeName(contact.lastName).tokens
  const emails = unique([normalizeEmail(contact.email), normalizeEmail(contact.otherEmail)])
  const workDomains = unique(emails.map(emailDomain)).filter((domain) => !isFreeEmailDomain(domain))
  return {
    kind: 'contact',
    first,
    last,
    full: [...first, ...last],
    emails,
    workDomains,
    organization: analyzeName(contact.organizationName),
    phone: phoneKey(contact.phone),
  }
}
