/**
 * "Copy information" to or from QuickBooks (DESIGN.md §1.1 point 6): the field-by-field preview and the copy of
 * the fields the user picked. A copy to QBO is a sparse update with the customer's SyncToken (API-NOTES.md §4);
 * when QBO answers 5010 Stale Object the customer is read again and the copy goes ahead unless one of the picked
 * fields changed meanwhile, in which case the user gets the fresh preview (`changed_meanwhile`). A copy into the
 * CRM goes through the record's history, so every overwritten value is kept and can be undone field by field.
 */
import { type Customer, isQboFaultError, type QboCompany } from '@ledgerlink/qbo'
import { type CopyRecord, copyFieldSpec } from './copy-fields'
import {
  buildCopyPreview,
  buildRecordChanges,
  buildSparseUpdate,
  type CopyDirection,
  type CopyPreviewEntry,
  type RecordFieldChange,
  rediffAfterStale,
} from './copy-preview'
import { decodeCopyToken, encodeCopyToken } from './copy-token'
import { tabError } from './tab-errors'

/** Attempts of a copy to QBO that meets stale SyncTokens on fields the user did not pick. */
const MAX_STALE_RETRIES = 3

export type CopyPreview = { entries: CopyPreviewEntry[]; syncToken: string }

/** What a copy needs: the company, the linked customer's id and the CRM record as it is now. */
export interface CopyTarget {
  company: QboCompany
  customerId: string
  record: CopyRecord
  /** Writes a copy from QBO into the CRM record (through its history). */
  writeRecord(changes: readonly RecordFieldChange[]): Promise<void>
}

export interface CopyRequest {
  direction: CopyDirection
  fields: readonly string[]
  /** The preview's token; without it the copy does not check what changed since a preview. */
  syncToken?: string | undefined
}

async function readCustomer(company: QboCompany, customerId: string): Promise<Customer> {
  const customer = await company.customers.read(customerId)
  if (!customer)
    throw tabError(
      'customer_not_found',
      'QuickBooks no longer has the linked customer. Unlink it, then link or create another one.',
    )
  return customer
}

function changedMeanwhile(direction: CopyDirection, target: CopyTarget, fresh: Customer, fields: string[]) {
  return tabError(
    'changed_meanwhile',
    `Someone changed ${fields.length === 1 ? 'this field' : 'these fields'} in QuickBooks after the preview. Check the new values and copy again.`,
    {
      fields,
      entries: buildCopyPreview(direction, target.record, fresh),
      syncToken: encodeCopyToken(fresh),
    },
  )
}

/**
 * The preview: the target's current value and the value the copy would write, per field.
 * @example
 * const { entries, syncToken } = await previewCopy(target, 'to_quickbooks')
 */
export async function previewCopy(target: CopyTarget, direction: CopyDirection): Promise<CopyPreview> {
  const customer = await readCustomer(target.company, target.customerId)
  return {
    entries: buildCopyPreview(direction, target.record, customer),
    syncToken: encodeCopyToken(customer),
  }
}

/** Refuses the copy when a picked field changed in QBO between the preview and now. */
function checkSincePreview(target: CopyTarget, request: CopyRequest, fresh: Customer): void {
  if (request.syncToken === undefined) return
  const previewed = decodeCopyToken(request.syncToken)
  if (previewed.SyncToken === fresh.SyncToken) return
  const changed = rediffAfterStale(previewed, fresh, request.fields)
  if (changed.length > 0)
    throw changedMeanwhile(
      request.direction,
      target,
      fresh,
      changed.map((change) => change.field),
    )
}

async function copyToQuickbooks(
  target: CopyTarget,
  request: CopyRequest,
  first: Customer,
): Promise<string[]> {
  let customer = first
  for (let attempt = 1; ; attempt++) {
    const body = buildSparseUpdate(customer, target.record, request.fields)
    // buildSparseUpdate leaves out fields whose values are already equal.
    const written = request.fields.filter((field) => {
      const qboField = copyFieldSpec(field)?.qboField
      return qboField !== undefined && qboField in body
    })
    if (written.length === 0) return []
    try {
      await target.company.customers.update(body)
      return written
    } catch (error) {
      // QBO: 5010 Stale Object Error when someone saved the customer after our read (API-NOTES.md §4).
      if (!isQboFaultError(error, 5010) || attempt >= MAX_STALE_RETRIES) throw error
      const fresh = await readCustomer(target.company, target.customerId)
      const changed = rediffAfterStale(customer, fresh, request.fields)
      if (changed.length > 0)
        throw changedMeanwhile(
          request.direction,
          target,
          fresh,
          changed.map((change) => change.field),
        )
      customer = fresh
    }
  }
}

/**
 * Copies the picked fields and returns those that changed (equal values are left alone).
 * @example
 * await applyCopy(target, { direction: 'from_quickbooks', fields: ['phone'], syncToken })
 * // { copied: ['phone'] }
 */
export async function applyCopy(target: CopyTarget, request: CopyRequest): Promise<{ copied: string[] }> {
  const customer = await readCustomer(target.company, target.customerId)
  checkSincePreview(target, request, customer)
  if (request.direction === 'to_quickbooks') {
    return { copied: await copyToQuickbooks(target, request, customer) }
  }
  const changes = buildRecordChanges(target.record, customer, request.fields)
  if (changes.length > 0) await target.writeRecord(changes)
  return { copied: changes.map((change) => change.field) }
}
