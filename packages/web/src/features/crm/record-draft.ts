import type { Address, AnyRecord, RecordInput, RecordType } from '../../api'
import type { AddressDraft } from '../../ui'
import { FIELDS, type FieldDef } from './record-fields'

/**
 * A record while it is being edited: every field as the form holds it (strings, address parts), plus the
 * display names of picked references so the form can show them.
 */
export type Draft = {
  values: Record<string, string>
  addresses: Record<string, AddressDraft>
  organizationName: string
}

export type DraftErrors = Record<string, string>

const addressToDraft = (address: Address | null): AddressDraft => ({
  street: address?.street ?? '',
  city: address?.city ?? '',
  region: address?.region ?? '',
  postalCode: address?.postalCode ?? '',
  country: address?.country ?? '',
})

const DEFAULTS: Partial<Record<RecordType, Record<string, string>>> = {
  opportunities: { stage: 'prospecting', currency: 'USD' },
  projects: { status: 'not_started' },
}

export const emptyDraft = (type: RecordType): Draft => recordToDraft(type, null)

export const recordToDraft = (type: RecordType, record: AnyRecord | null): Draft => {
  const source = (record ?? {}) as Record<string, unknown>
  const draft: Draft = { values: {}, addresses: {}, organizationName: '' }
  for (const field of FIELDS[type]) {
    const value = source[field.name]
    if (field.kind === 'address')
      draft.addresses[field.name] = addressToDraft((value as Address | null) ?? null)
    else if (field.kind === 'domains') draft.values[field.name] = Array.isArray(value) ? value.join(', ') : ''
    else
      draft.values[field.name] =
        value === null || value === undefined ? (DEFAULTS[type]?.[field.name] ?? '') : String(value)
  }
  const organization = source.organization as { name?: string } | null | undefined
  draft.organizationName = organization?.name ?? ''
  return draft
}

const draftAddressToInput = (draft: AddressDraft): Address | null => {
  const address: Address = {
    street: draft.street.trim() || null,
    city: draft.city.trim() || null,
    region: draft.region.trim() || null,
    postalCode: draft.postalCode.trim() || null,
    country: draft.country.trim() || null,
  }
  return Object.values(address).every((part) => part === null) ? null : address
}

const addressToDraftEmpty: AddressDraft = addressToDraft(null)

const fieldToInput = (field: FieldDef, draft: Draft): unknown => {
  if (field.kind === 'address') return draftAddressToInput(draft.addresses[field.name] ?? addressToDraftEmpty)
  const raw = (draft.values[field.name] ?? '').trim()
  if (field.kind === 'domains') {
    return raw
      .split(/[\s,;]+/)
      .map((domain) => domain.trim().replace(/^@/, '').toLowerCase())
      .filter(Boolean)
  }
  if (field.kind === 'percent') return raw === '' ? null : Number(raw)
  if (field.kind === 'decimal') return raw === '' ? null : raw.replace(/,/g, '')
  if (field.kind === 'currency') return raw.toUpperCase() || 'USD'
  return raw === '' ? null : raw
}

/** Everything in the draft, as the API's create body. */
export const draftToCreateInput = (type: RecordType, draft: Draft): RecordInput => {
  const input: RecordInput = {}
  for (const field of FIELDS[type]) input[field.name] = fieldToInput(field, draft)
  return input
}

/** Only what changed compared with the record, as the API's PATCH body. */
export const draftToPatch = (type: RecordType, draft: Draft, record: AnyRecord): RecordInput => {
  const before = draftToCreateInput(type, recordToDraft(type, record))
  const after = draftToCreateInput(type, draft)
  const patch: RecordInput = {}
  for (const [name, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[name])) patch[name] = value
  }
  return patch
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_LIKE = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i
const DECIMAL = /^-?\d+(\.\d{1,2})?$/
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i
const CURRENCY = /^[A-Za-z]{3}$/

/** The checks the browser can make before asking the server: required fields and formats. */
export const validateDraft = (type: RecordType, draft: Draft): DraftErrors => {
  const errors: DraftErrors = {}
  const value = (name: string) => (draft.values[name] ?? '').trim()
  for (const field of FIELDS[type]) {
    const raw = value(field.name)
    if (field.required && raw === '') errors[field.name] = `${field.label} is required.`
    else if (raw === '') continue
    else if (
      (field.kind === 'text' || field.kind === 'textarea') &&
      field.maxLength &&
      raw.length > field.maxLength
    )
      errors[field.name] = `${field.label} can be at most ${field.maxLength} characters.`
    else if (field.kind === 'email' && !EMAIL.test(raw))
      errors[field.name] = `Enter an email address like name@example.com.`
    else if (field.kind === 'url' && !URL_LIKE.test(raw))
      errors[field.name] = `Enter a web address like https://example.com.`
    else if (field.kind === 'decimal' && !DECIMAL.test(raw.replace(/,/g, '')))
      errors[field.name] = `Enter an amount like 1250.00 (digits, up to two decimal places).`
    else if (field.kind === 'currency' && !CURRENCY.test(raw))
      errors[field.name] = `Enter a three-letter currency code like USD.`
    else if (field.kind === 'percent' && !(/^\d+$/.test(raw) && Number(raw) <= 100))
      errors[field.name] = `Enter a whole number from 0 to 100.`
    else if (field.kind === 'domains') {
      const bad = (fieldToInput(field, draft) as string[]).find((domain) => !DOMAIN.test(domain))
      if (bad) errors[field.name] = `"${bad}" is not a domain. Enter domains like example.com.`
    }
  }
  if (type === 'contacts' && value('firstName') === '' && value('lastName') === '') {
    errors.firstName = 'Enter a first name or a last name.'
  }
  if (
    type === 'projects' &&
    value('startDate') &&
    value('dueDate') &&
    value('dueDate') < value('startDate')
  ) {
    errors.dueDate = 'The due date cannot be before the start date.'
  }
  return errors
}

/** Server validation errors by field path (`billingAddress.city` stays as is; the address fieldset reads it). */
export const serverFieldErrors = (fields: { path: string; message: string }[]): DraftErrors =>
  Object.fromEntries(fields.map((field) => [field.path.replace(/^body\./, ''), field.message]))
