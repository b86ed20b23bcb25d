/**
 * A CRM organization or contact, as the QuickBooks tab reads it: what the matcher looks for, what "Copy
 * information" and "New Customer" take from it. The record comes from the CRM service as the API shows it.
 */
import type { CopyRecord, CrmAddress } from './copy-fields'
import type { RecordToMatch } from './matching'

/** The record types that have a customer tab: organizations and contacts (DESIGN.md §1.1). */
export type CustomerRecordType = 'organization' | 'contact'

/** A record as the CRM service returns it (RecordView). */
export type CrmRecord = Record<string, unknown> & { id: string }

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

const nullableText = (value: unknown): string | null => text(value) ?? null

const address = (value: unknown): CrmAddress | null =>
  value !== null && typeof value === 'object' ? (value as CrmAddress) : null

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

const organizationName = (record: CrmRecord): string | undefined => {
  const organization = record.organization as { name?: unknown } | null | undefined
  return text(organization?.name)
}

/**
 * What the automatic search looks for.
 * @example
 * toRecordToMatch('contact', { id: 'x', firstName: 'Amy', lastName: 'Lauterbach' }).kind // 'contact'
 */
export function toRecordToMatch(type: CustomerRecordType, record: CrmRecord): RecordToMatch {
  if (type === 'organization') {
    return {
      kind: 'organization',
      name: text(record.name) ?? '',
      emailDomains: strings(record.emailDomains),
      website: text(record.website),
      phone: text(record.phone),
    }
  }
  return {
    kind: 'contact',
    firstName: text(record.firstName),
    lastName: text(record.lastName),
    email: text(record.email),
    otherEmail: text(record.otherEmail),
    organizationName: organizationName(record),
    phone: text(record.phone) ?? text(record.mobilePhone),
  }
}

/**
 * What copying and New Customer read from the record.
 * @example
 * toCopyRecord('organization', { id: 'x', name: 'Acme', phone: '555 0100' }).recordType // 'organization'
 */
export function toCopyRecord(type: CustomerRecordType, record: CrmRecord): CopyRecord {
  if (type === 'organization') {
    return {
      recordType: 'organization',
      name: text(record.name) ?? '',
      phone: nullableText(record.phone),
      otherPhone: nullableText(record.otherPhone),
      fax: nullableText(record.fax),
      emailDomains: strings(record.emailDomains),
      website: nullableText(record.website),
      billingAddress: address(record.billingAddress),
      shippingAddress: address(record.shippingAddress),
    }
  }
  const organization = record.organization as { id?: unknown; name?: unknown } | null | undefined
  return {
    recordType: 'contact',
    firstName: nullableText(record.firstName),
    lastName: nullableText(record.lastName),
    title: nullableText(record.title),
    organization:
      typeof organization?.id === 'string' && typeof organization.name === 'string'
        ? { id: organization.id, name: organization.name }
        : null,
    email: nullableText(record.email),
    phone: nullableText(record.phone),
    mobilePhone: nullableText(record.mobilePhone),
    fax: nullableText(record.fax),
    website: nullableText(record.website),
    mailingAddress: address(record.mailingAddress),
    otherAddress: address(record.otherAddress),
  }
}
