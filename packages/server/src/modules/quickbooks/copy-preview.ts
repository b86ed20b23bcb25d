/**
 * "Copy information" to or from QuickBooks (DESIGN.md §1.1 points 3 and 6): the field-by-field preview, the QBO
 * sparse update or CRM changes for the fields the user picked, the re-check after a stale-object fault, and
 * the body of a new QBO Customer built from a CRM record. Pure: the caller reads and writes.
 */
import type { CreateInput, Customer, SparseUpdate } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import {
  type CopyFieldSpec,
  type CopyProblem,
  type CopyRecord,
  type CopyValue,
  checkForCrm,
  checkForQuickbooks,
  copyFieldSpec,
  copyFieldsOf,
  customerFieldsFor,
  isSameCopyValue,
  readCustomerValue,
  readRecordValue,
} from './copy-fields'

/** Which way a copy goes: CRM → QBO customer, or QBO customer → CRM record. */
export type CopyDirection = 'to_quickbooks' | 'from_quickbooks'

/** One line of the preview: what the target holds now and what the copy would put there. */
export interface CopyPreviewEntry {
  field: string
  label: string
  current: CopyValue
  proposed: CopyValue
  isDifferent: boolean
  /** Set when the proposed value cannot be copied as it is; such a field cannot be selected. */
  problem?: CopyProblem
}

/**
 * The preview of a copy. `to_quickbooks`: current = the customer's value, proposed = the record's.
 * `from_quickbooks`: the other way round. Values are in the CRM's form.
 * @example
 * buildCopyPreview('to_quickbooks', { recordType: 'organization', name: 'Acme', phone: '555 0100' }, { Id: '1' })[2]
 * // { field: 'phone', label: 'Phone', current: null, proposed: '555 0100', isDifferent: true }
 */
export function buildCopyPreview(
  direction: CopyDirection,
  record: CopyRecord,
  customer: Customer,
): CopyPreviewEntry[] {
  return copyFieldsOf(record.recordType).map((spec) => {
    const recordValue = readRecordValue(record, spec)
    const customerValue = readCustomerValue(customer, spec)
    const toQbo = direction === 'to_quickbooks'
    const current = toQbo ? customerValue : recordValue
    const proposed = toQbo ? recordValue : customerValue
    const isDifferent = !isSameCopyValue(spec.kind, current, proposed)
    const entry: CopyPreviewEntry = { field: spec.field, label: spec.label, current, proposed, isDifferent }
    const problem = !isDifferent
      ? undefined
      : toQbo
        ? problemForQuickbooks(spec, proposed)
        : checkForCrm(spec, proposed)
    if (problem) entry.problem = problem
    return entry
  })
}

function problemForQuickbooks(spec: CopyFieldSpec, proposed: CopyValue): CopyProblem | undefined {
  // Clearing a field through a sparse update is not documented by Intuit (API-NOTES.md §4 only says omitted
  // fields are left alone), so an empty CRM value is not copied rather than risking a half-cleared field.
  if (proposed === null)
    return {
      code: 'empty_value',
      message: `Ledgerlink has no ${spec.label.toLowerCase()}; QuickBooks keeps its own.`,
    }
  return checkForQuickbooks(spec, proposed)
}

/** The specs of the selected fields, or BAD_INPUT naming the fields that are not copyable for this record type. */
function requireSpecs(record: CopyRecord, selectedFields: readonly string[]): CopyFieldSpec[] {
  const allowed = copyFieldsOf(record.recordType)
  const unknown = selectedFields.filter((field) => !allowed.some((spec) => spec.field === field))
  if (unknown.length > 0)
    throw badInput(
      `These fields cannot be copied for a ${record.recordType}: ${unknown.join(', ')}.`,
      unknown.map((field) => ({ path: `fields.${field}`, message: 'Not a copyable field' })),
    )
  return allowed.filter((spec) => selectedFields.includes(spec.field))
}

function requireNoProblems(entries: readonly CopyPreviewEntry[]): void {
  const blocked = entries.filter((entry) => entry.problem)
  if (blocked.length > 0)
    throw badInput(
      `Some selected fields cannot be copied: ${blocked.map((e) => `${e.label}: ${e.problem?.message}`).join(' ')}`,
      blocked.map((entry) => ({ path: `fields.${entry.field}`, message: entry.problem?.message ?? '' })),
    )
}

/** A sparse update of a Customer (API-NOTES.md §4). */
export type CustomerSparseUpdate = SparseUpdate<'Customer'> & { sparse: true }

/**
 * The QBO sparse update for the selected fields whose values differ; equal fields are left out, so a body with
 * only `Id`, `SyncToken` and `sparse` means there is nothing to write. Throws BAD_INPUT for a field that is
 * not copyable or whose value QBO would reject.
 * @example
 * buildSparseUpdate({ Id: '58', SyncToken: '3' }, { recordType: 'contact', phone: '555 0100' }, ['phone'])
 * // { Id: '58', SyncToken: '3', sparse: true, PrimaryPhone: { FreeFormNumber: '555 0100' } }
 */
export function buildSparseUpdate(
  customer: Customer,
  record: CopyRecord,
  selectedFields: readonly string[],
): CustomerSparseUpdate {
  if (customer.Id === undefined || customer.SyncToken === undefined)
    throw new TypeError('a sparse update needs the customer as read from QBO, with Id and SyncToken')
  const specs = requireSpecs(record, selectedFields)
  const entries = buildCopyPreview('to_quickbooks', record, customer).filter(
    (entry) => entry.isDifferent && specs.some((spec) => spec.field === entry.field),
  )
  requireNoProblems(entries)
  const body: CustomerSparseUpdate = { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true }
  for (const entry of entries) {
    const spec = copyFieldSpec(entry.field)
    if (spec) Object.assign(body, customerFieldsFor(spec, entry.proposed))
  }
  return body
}

/** One CRM field change of a copy from QBO, in the shape of a history change. */
export interface RecordFieldChange {
  field: string
  oldValue: CopyValue
  newValue: CopyValue
}

/**
 * The CRM field changes that copy the selected fields from the customer; equal fields are left out. Emails are
 * lower-cased as the CRM stores them. Throws BAD_INPUT for a field that is not copyable or too long for the CRM.
 */
export function buildRecordChanges(
  record: CopyRecord,
  customer: Customer,
  selectedFields: readonly string[],
): RecordFieldChange[] {
  const specs = requireSpecs(record, selectedFields)
  const entries = buildCopyPreview('from_quickbooks', record, customer).filter(
    (entry) => entry.isDifferent && specs.some((spec) => spec.field === entry.field),
  )
  requireNoProblems(entries)
  return entries.map((entry) => ({
    field: entry.field,
    oldValue: entry.current,
    newValue:
      typeof entry.proposed === 'string' && copyFieldSpec(entry.field)?.kind === 'email'
        ? entry.proposed.toLowerCase()
        : entry.proposed,
  }))
}

/** A selected field whose QBO value changed between the preview and the write. */
export interface StaleFieldChange {
  field: string
  label: string
  previous: CopyValue
  current: CopyValue
}

/**
 * After a 5010 stale-object fault (API-NOTES.md §4) the caller re-reads the customer: this lists the selected
 * fields whose QBO value changed meanwhile. Empty means the write can be retried with the fresh SyncToken
 * without asking the user again. Unknown field names are ignored.
 */
export function rediffAfterStale(
  previousCustomer: Customer,
  freshCustomer: Customer,
  selectedFields: readonly string[],
): StaleFieldChange[] {
  return selectedFields.flatMap((field) => {
    const spec = copyFieldSpec(field)
    if (!spec) return []
    const previous = readCustomerValue(previousCustomer, spec)
    const current = readCustomerValue(freshCustomer, spec)
    return isSameCopyValue(spec.kind, previous, current)
      ? []
      : [{ field, label: spec.label, previous, current }]
  })
}

/** A problem with a new customer's body, by QBO field. A blocking one means the customer cannot be created. */
export interface NewCustomerProblem {
  field: string
  code: CopyProblem['code'] | 'invalid_character' | 'name_required'
  message: string
  isBlocking: boolean
}

/** The body of a new QBO Customer and what had to be left out or changed to make it acceptable. */
export interface NewCustomerDraft {
  body: CreateInput<'Customer'>
  problems: NewCustomerProblem[]
  canCreate: boolean
}

const NAME_LIMITS = {
  DisplayName: 500,
  CompanyName: 100,
  GivenName: 100,
  FamilyName: 100,
  Title: 16,
} as const
type NameField = keyof typeof NAME_LIMITS
// QBO: DisplayName, Title, GivenName, MiddleName, FamilyName, Suffix must not contain ":", tab or newline
// (API-NOTES.md §2.1); ":" separates levels in FullyQualifiedName. CompanyName is not restricted.
const RESTRICTED: ReadonlySet<NameField> = new Set(['DisplayName', 'GivenName', 'FamilyName', 'Title'])

function setName(
  body: CreateInput<'Customer'>,
  problems: NewCustomerProblem[],
  field: NameField,
  raw: string | null | undefined,
): void {
  let value = (raw ?? '').trim()
  if (value === '') return
  if (RESTRICTED.has(field) && /[:\t\r\n]/.test(value)) {
    value = value
      .replace(/[:\t\r\n]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim()
    // A name made only of forbidden characters is no name: the name_required check below reports it.
    if (value === '') return
    problems.push({
      field,
      code: 'invalid_character',
      message: `QuickBooks does not allow ":", tabs or line breaks in ${field}; they were replaced by spaces.`,
      isBlocking: false,
    })
  }
  const max = NAME_LIMITS[field]
  if ([...value].length > max) {
    problems.push({
      field,
      code: 'too_long',
      message: `${field} has ${[...value].length} characters; QuickBooks allows at most ${max}, so it was left out.`,
      isBlocking: field === 'DisplayName',
    })
    return
  }
  body[field] = value
}

function setContactField(
  body: CreateInput<'Customer'>,
  problems: NewCustomerProblem[],
  spec: CopyFieldSpec | undefined,
  record: CopyRecord,
): void {
  if (!spec) return
  const value = readRecordValue(record, spec)
  if (value === null) return
  const problem = checkForQuickbooks(spec, value)
  if (problem) {
    problems.push({
      field: spec.qboField,
      code: problem.code,
      message: `${problem.message} The ${spec.label.toLowerCase()} was left out.`,
      isBlocking: false,
    })
    return
  }
  Object.assign(body, customerFieldsFor(spec, value))
}

/**
 * The QBO Customer create body for a CRM record (DESIGN.md §1.1 point 3). An organization gives CompanyName and
 * DisplayName, its addresses, phones, fax and website (its email domains are not an email address). A contact
 * gives GivenName, FamilyName, DisplayName "First Last", Title, email, phones, fax, website, its mailing address
 * as BillAddr, and its organization's name as CompanyName. Values QBO would reject are left out and reported;
 * nothing is truncated.
 * @example
 * buildNewCustomer({ recordType: 'organization', name: 'Acme: West' }).body.DisplayName // 'Acme West'
 */
export function buildNewCustomer(record: CopyRecord): NewCustomerDraft {
  const body: CreateInput<'Customer'> = {}
  const problems: NewCustomerProblem[] = []
  if (record.recordType === 'organization') {
    setName(body, problems, 'DisplayName', record.name)
    setName(body, problems, 'CompanyName', record.name)
    for (const field of ORGANIZATION_NEW_FIELDS) setContactField(body, problems, copyFieldSpec(field), record)
  } else {
    const fullName = [record.firstName, record.lastName]
      .map((part) => (part ?? '').trim())
      .filter(Boolean)
      .join(' ')
    setName(body, problems, 'DisplayName', fullName)
    setName(body, problems, 'GivenName', record.firstName)
    setName(body, problems, 'FamilyName', record.lastName)
    setName(body, problems, 'Title', record.title)
    setName(body, problems, 'CompanyName', record.organization?.name)
    for (const field of CONTACT_NEW_FIELDS) setContactField(body, problems, copyFieldSpec(field), record)
  }
  if (body.DisplayName === undefined && !problems.some((p) => p.field === 'DisplayName' && p.isBlocking))
    problems.push({
      field: 'DisplayName',
      code: 'name_required',
      message: 'A QuickBooks customer needs a name; give the record a name first.',
      isBlocking: true,
    })
  return { body, problems, canCreate: !problems.some((problem) => problem.isBlocking) }
}

const ORGANIZATION_NEW_FIELDS = ['billingAddress', 'shippingAddress', 'phone', 'otherPhone', 'fax', 'website']
// A new contact's customer gets its mailing address as BillAddr only; "other address" has no agreed meaning.
const CONTACT_NEW_FIELDS = ['mailingAddress', 'phone', 'mobilePhone', 'fax', 'email', 'website']
