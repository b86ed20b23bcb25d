import type { AnyRecord, CustomerRecordType } from '../../api'

/** What the server says when a display name is already used in QuickBooks. */
export type NameTaken = {
  takenBy: 'customer' | 'vendor' | 'employee' | string
  customerId: string | null
  suggestion: string | null
}

/** Reads the extra members of a `display_name_taken` error; unknown shapes count as "taken by something". */
export const readNameTaken = (details: Record<string, unknown>): NameTaken => ({
  takenBy: typeof details.takenBy === 'string' ? details.takenBy : 'unknown',
  customerId: typeof details.customerId === 'string' ? details.customerId : null,
  suggestion: typeof details.suggestion === 'string' ? details.suggestion : null,
})

/**
 * The explanation of a taken name. QBO display names are unique across customers, vendors and employees
 * (API-NOTES.md §2.1), so a vendor's name blocks a customer of the same name.
 */
export const nameTakenMessage = (name: string, taken: NameTaken): string => {
  if (taken.takenBy === 'customer') {
    return `QuickBooks already has a customer named “${name}”. Link that customer, or change the name to create a separate one.`
  }
  const holder =
    taken.takenBy === 'vendor' || taken.takenBy === 'employee' ? `a ${taken.takenBy}` : 'another entry'
  return `“${name}” is already used by ${holder} in QuickBooks. Customers, vendors and employees share one list of names, so change the name and try again.`
}

/** The name a new customer gets by default: the organization's name, or the contact's full name. */
export const defaultCustomerName = (type: CustomerRecordType, record: AnyRecord): string => {
  if (type === 'organizations' && 'name' in record) return record.name
  if ('firstName' in record) return [record.firstName, record.lastName].filter(Boolean).join(' ')
  return ''
}

/**
 * A fresh id for a create request. The same id is sent again when the same request is retried, so QuickBooks
 * never creates the customer twice (`requestid`, API-NOTES.md); a changed name gets a new one.
 */
export const newRequestId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // randomUUID needs a secure context; a plain-HTTP intranet address is not one.
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
}
