/**
 * The field mapping behind "Copy information" (DESIGN.md §1.1 point 6): which CRM field of an organization or
 * contact corresponds to which QBO Customer field, how values convert (a CRM address's multi-line `street` ↔
 * QBO `Line1`…`Line5`), and the length rules of each side, reported per field rather than truncated.
 * Values are always shown in the CRM's form (`string | Address | null`), whichever way the copy goes.
 */
import type { Customer, PhysicalAddress } from '@ledgerlink/qbo'

/** A CRM postal address (API-CONTRACT: `street` may hold several lines). */
export interface CrmAddress {
  street: string | null
  city: string | null
  region: string | null
  postalCode: string | null
  country: string | null
}

/** The parts of a CRM organization that copying reads. Absent fields count as empty. */
export interface OrganizationCopySource {
  recordType: 'organization'
  name: string
  phone?: string | null
  otherPhone?: string | null
  fax?: string | null
  emailDomains?: readonly string[]
  website?: string | null
  billingAddress?: CrmAddress | null
  shippingAddress?: CrmAddress | null
}

/** The parts of a CRM contact that copying reads. Absent fields count as empty. */
export interface ContactCopySource {
  recordType: 'contact'
  firstName?: string | null
  lastName?: string | null
  title?: string | null
  organization?: { id: string; name: string } | null
  email?: string | null
  phone?: string | null
  mobilePhone?: string | null
  fax?: string | null
  website?: string | null
  mailingAddress?: CrmAddress | null
  otherAddress?: CrmAddress | null
}

/** A CRM record to copy to or from a QBO Customer. */
export type CopyRecord = OrganizationCopySource | ContactCopySource

/** A field value in the CRM's form. */
export type CopyValue = string | CrmAddress | null

/** How a field's value is compared, converted and checked. */
export type CopyFieldKind = 'address' | 'phone' | 'email' | 'website'
/** The QBO Customer fields that copying reads and writes (API-NOTES.md §2.1). */
export type QboCopyField =
  | 'BillAddr'
  | 'ShipAddr'
  | 'PrimaryPhone'
  | 'AlternatePhone'
  | 'Mobile'
  | 'Fax'
  | 'PrimaryEmailAddr'
  | 'WebAddr'

/** One copyable field: the CRM field name, its label, its QBO counterpart and its kind. */
export interface CopyFieldSpec {
  field: string
  label: string
  qboField: QboCopyField
  kind: CopyFieldKind
}

/** Why a value cannot be copied as it is. */
export interface CopyProblem {
  code: 'too_long' | 'too_many_lines' | 'invalid_email' | 'empty_value'
  message: string
}

/** Organization ↔ Customer. An organization's email domains are not an email address, so none is copied. */
export const ORGANIZATION_COPY_FIELDS: readonly CopyFieldSpec[] = [
  { field: 'billingAddress', label: 'Billing address', qboField: 'BillAddr', kind: 'address' },
  { field: 'shippingAddress', label: 'Shipping address', qboField: 'ShipAddr', kind: 'address' },
  { field: 'phone', label: 'Phone', qboField: 'PrimaryPhone', kind: 'phone' },
  { field: 'otherPhone', label: 'Other phone', qboField: 'AlternatePhone', kind: 'phone' },
  { field: 'fax', label: 'Fax', qboField: 'Fax', kind: 'phone' },
  { field: 'website', label: 'Website', qboField: 'WebAddr', kind: 'website' },
]

/** Contact ↔ Customer. */
export const CONTACT_COPY_FIELDS: readonly CopyFieldSpec[] = [
  { field: 'mailingAddress', label: 'Mailing address', qboField: 'BillAddr', kind: 'address' },
  { field: 'otherAddress', label: 'Other address', qboField: 'ShipAddr', kind: 'address' },
  { field: 'phone', label: 'Phone', qboField: 'PrimaryPhone', kind: 'phone' },
  { field: 'mobilePhone', label: 'Mobile phone', qboField: 'Mobile', kind: 'phone' },
  { field: 'fax', label: 'Fax', qboField: 'Fax', kind: 'phone' },
  { field: 'email', label: 'Email', qboField: 'PrimaryEmailAddr', kind: 'email' },
  { field: 'website', label: 'Website', qboField: 'WebAddr', kind: 'website' },
]

/** The copyable fields of a record type. */
export function copyFieldsOf(recordType: CopyRecord['recordType']): readonly CopyFieldSpec[] {
  return recordType === 'organization' ? ORGANIZATION_COPY_FIELDS : CONTACT_COPY_FIELDS
}

/** A field name shared by both record types maps to the same QBO field, so one lookup serves both. */
const SPEC_BY_FIELD = new Map([...ORGANIZATION_COPY_FIELDS, ...CONTACT_COPY_FIELDS].map((s) => [s.field, s]))

/** The spec of a CRM field name of either record type, or undefined. */
export function copyFieldSpec(field: string): CopyFieldSpec | undefined {
  return SPEC_BY_FIELD.get(field)
}

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** Street lines: trimmed, blank ones dropped. */
export function streetLines(street: string | null): string[] {
  return (street ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** A CRM address with every part trimmed and blank lines removed; null when every part is empty. */
export function normalizeAddress(address: CrmAddress | null | undefined): CrmAddress | null {
  if (!address) return null
  const lines = streetLines(address.street)
  const normalized: CrmAddress = {
    street: lines.length > 0 ? lines.join('\n') : null,
    city: text(address.city),
    region: text(address.region),
    postalCode: text(address.postalCode),
    country: text(address.country),
  }
  return Object.values(normalized).every((part) => part === null) ? null : normalized
}

/** QBO address → CRM address: Line1…Line5 become street lines; CountrySubDivisionCode becomes the region. */
export function addressFromQbo(address: PhysicalAddress | undefined): CrmAddress | null {
  if (!address) return null
  const lines = [address.Line1, address.Line2, address.Line3, address.Line4, address.Line5]
  return normalizeAddress({
    street: lines
      .map((line) => text(line))
      .filter((line) => line !== null)
      .join('\n'),
    city: address.City ?? null,
    region: address.CountrySubDivisionCode ?? null,
    postalCode: address.PostalCode ?? null,
    country: address.Country ?? address.CountryCode ?? null,
  })
}

/**
 * CRM address → QBO address with only the parts that have a value. No address `Id` is sent, so QBO stores a
 * fresh address and lines the CRM no longer has disappear (API-NOTES.md §2: `Id` is system-assigned).
 * Street lines beyond the fifth are not representable; {@link checkForQuickbooks} reports them.
 */
export function addressToQbo(address: CrmAddress | null): PhysicalAddress {
  const normalized = normalizeAddress(address)
  const result: PhysicalAddress = {}
  if (!normalized) return result
  const keys = ['Line1', 'Line2', 'Line3', 'Line4', 'Line5'] as const
  streetLines(normalized.street)
    .slice(0, 5)
    .forEach((line, index) => {
      result[keys[index] ?? 'Line5'] = line
    })
  if (normalized.city) result.City = normalized.city
  if (normalized.region) result.CountrySubDivisionCode = normalized.region
  if (normalized.postalCode) result.PostalCode = normalized.postalCode
  if (normalized.country) result.Country = normalized.country
  return result
}

/** A value in its compared form: trimmed, empty as null, addresses normalised. */
export function normalizeCopyValue(kind: CopyFieldKind, value: unknown): CopyValue {
  if (kind === 'address') return normalizeAddress(value as CrmAddress | null)
  return text(value)
}

/** Equality as the user sees it: emails ignore case; everything else compares trimmed text. */
export function isSameCopyValue(kind: CopyFieldKind, a: CopyValue, b: CopyValue): boolean {
  const x = normalizeCopyValue(kind, a)
  const y = normalizeCopyValue(kind, b)
  if (x === null || y === null) return x === y
  if (typeof x === 'string' && typeof y === 'string')
    return kind === 'email' ? x.toLowerCase() === y.toLowerCase() : x === y
  return JSON.stringify(x) === JSON.stringify(y)
}

/** The QBO customer's value of a field, in the CRM's form. */
export function readCustomerValue(customer: Customer, spec: CopyFieldSpec): CopyValue {
  switch (spec.qboField) {
    case 'BillAddr':
    case 'ShipAddr':
      return addressFromQbo(customer[spec.qboField])
    case 'PrimaryEmailAddr':
      return text(customer.PrimaryEmailAddr?.Address)
    case 'WebAddr':
      return text(customer.WebAddr?.URI)
    default:
      return text(customer[spec.qboField]?.FreeFormNumber)
  }
}

/** The CRM record's value of a field. */
export function readRecordValue(record: CopyRecord, spec: CopyFieldSpec): CopyValue {
  return normalizeCopyValue(spec.kind, (record as unknown as Record<string, unknown>)[spec.field])
}

/** The QBO customer fields that set `value` (a non-empty value in the CRM's form). */
export function customerFieldsFor(spec: CopyFieldSpec, value: CopyValue): Partial<Customer> {
  switch (spec.qboField) {
    case 'BillAddr':
    case 'ShipAddr':
      return { [spec.qboField]: addressToQbo(value as CrmAddress | null) }
    case 'PrimaryEmailAddr':
      return { PrimaryEmailAddr: { Address: value as string } }
    case 'WebAddr':
      return { WebAddr: { URI: value as string } }
    default:
      return { [spec.qboField]: { FreeFormNumber: value as string } }
  }
}

const length = (value: string) => [...value].length

const tooLong = (what: string, value: string, max: number, side: string): CopyProblem | undefined =>
  length(value) > max
    ? { code: 'too_long', message: `${what} has ${length(value)} characters; ${side} allows at most ${max}.` }
    : undefined

/** QBO limits (API-NOTES.md §2, §2.1): address lines 500 (2000 together), City/region/Country 255, PostalCode 30. */
function checkAddressForQuickbooks(address: CrmAddress): CopyProblem | undefined {
  const lines = streetLines(address.street)
  if (lines.length > 5)
    return {
      code: 'too_many_lines',
      message: `The street has ${lines.length} lines; QuickBooks allows at most 5.`,
    }
  const lineProblem = lines
    .map((line, index) => tooLong(`Street line ${index + 1}`, line, 500, 'QuickBooks'))
    .find((problem) => problem !== undefined)
  return (
    lineProblem ??
    tooLong('The street', lines.join(''), 2000, 'QuickBooks') ??
    tooLong('The city', address.city ?? '', 255, 'QuickBooks') ??
    tooLong('The region', address.region ?? '', 255, 'QuickBooks') ??
    tooLong('The postal code', address.postalCode ?? '', 30, 'QuickBooks') ??
    tooLong('The country', address.country ?? '', 255, 'QuickBooks')
  )
}

/** Whether a (non-empty) value can be written to the QBO field as it is. */
export function checkForQuickbooks(spec: CopyFieldSpec, value: CopyValue): CopyProblem | undefined {
  if (value === null) return undefined
  if (typeof value !== 'string') return checkAddressForQuickbooks(value)
  switch (spec.kind) {
    case 'phone':
      return tooLong(`The ${spec.label.toLowerCase()} number`, value, 30, 'QuickBooks')
    case 'email':
      // QBO: PrimaryEmailAddr must contain "@" and "." and is at most 100 characters (API-NOTES.md §2.1).
      if (!value.includes('@') || !value.includes('.'))
        return { code: 'invalid_email', message: 'QuickBooks needs an email address with "@" and ".".' }
      return tooLong('The email address', value, 100, 'QuickBooks')
    default:
      return tooLong('The website address', value, 1000, 'QuickBooks')
  }
}

/** CRM limits (crm field schemas): street 1000, city/region/country 200, postal code 50, phones 50, website 500. */
export function checkForCrm(spec: CopyFieldSpec, value: CopyValue): CopyProblem | undefined {
  if (value === null) return undefined
  if (typeof value !== 'string')
    return (
      tooLong('The street', value.street ?? '', 1000, 'Ledgerlink') ??
      tooLong('The city', value.city ?? '', 200, 'Ledgerlink') ??
      tooLong('The region', value.region ?? '', 200, 'Ledgerlink') ??
      tooLong('The postal code', value.postalCode ?? '', 50, 'Ledgerlink') ??
      tooLong('The country', value.country ?? '', 200, 'Ledgerlink')
    )
  switch (spec.kind) {
    case 'phone':
      return tooLong(`The ${spec.label.toLowerCase()} number`, value, 50, 'Ledgerlink')
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
        return { code: 'invalid_email', message: `"${value}" is not an email address Ledgerlink can store.` }
      return tooLong('The email address', value, 254, 'Ledgerlink')
    default:
      return tooLong('The website address', value, 500, 'Ledgerlink')
  }
}
