/**
 * New Customer (DESIGN.md §1.1 point 3): creates a QBO *Customer* (never a Vendor) from a CRM record. The
 * create carries a `requestid`, so a retried request is replayed by QBO rather than run twice (API-NOTES.md
 * §1). A DisplayName already used by a customer, vendor or employee (one namespace, API-NOTES.md §2.2) becomes
 * `display_name_taken`, naming who holds it so the page can offer to link the existing customer instead.
 */
import { type Customer, isQboFaultError, type QboCompany } from '@ledgerlink/qbo'
import { badInput } from '../../errors'
import type { CopyRecord } from './copy-fields'
import { buildNewCustomer } from './copy-preview'
import { customerByNameQuery, nameListStatement } from './customer-queries'
import { tabError } from './tab-errors'

/** What the user may add to a New Customer request. */
export interface NewCustomerInput {
  /** A DisplayName other than the record's name (after a clash, for instance). */
  displayName?: string | undefined
  /** The page's id for this attempt; a repeated attempt with the same id never creates a second customer. */
  requestId?: string | undefined
}

/** Who holds a DisplayName in QBO. */
export type NameHolder = { takenBy: 'customer'; customerId: string } | { takenBy: 'vendor' | 'employee' }

/** QBO's rule for names (API-NOTES.md §2.1): no ":", tab or line break; at most 500 characters. */
function checkDisplayName(displayName: string): string {
  const name = displayName.trim()
  if (name === '' || /[:\t\r\n]/.test(name) || [...name].length > 500)
    throw badInput('The customer name must be 1–500 characters without ":", tabs or line breaks.', [
      { path: 'displayName', message: 'Not a name QuickBooks accepts' },
    ])
  return name
}

/** The customer, vendor or employee that uses `displayName`, or undefined when none does (any more). */
export async function findNameHolder(
  company: QboCompany,
  displayName: string,
): Promise<NameHolder | undefined> {
  const [customer] = await company.query(customerByNameQuery(displayName))
  if (customer?.Id) return { takenBy: 'customer', customerId: customer.Id }
  for (const entity of ['Vendor', 'Employee'] as const) {
    const rows = (await company.queryRaw(nameListStatement(entity, displayName)))[entity]
    if (Array.isArray(rows) && rows.length > 0)
      return { takenBy: entity === 'Vendor' ? 'vendor' : 'employee' }
  }
  return undefined
}

const HOLDER_WORDS = { customer: 'another customer', vendor: 'a vendor', employee: 'an employee' } as const

async function nameTaken(company: QboCompany, displayName: string) {
  const holder = await findNameHolder(company, displayName)
  const takenBy = holder?.takenBy ?? 'customer'
  const suggestion = takenBy === 'customer' ? `${displayName} (2)` : `${displayName} (customer)`
  const message =
    takenBy === 'customer'
      ? `QuickBooks already has a customer named "${displayName}". Link that customer instead, or create this one under another name.`
      : `In QuickBooks the name "${displayName}" belongs to ${HOLDER_WORDS[takenBy]}, and customers, vendors and employees cannot share a name. Create the customer under another name, such as "${suggestion}".`
  return tabError('display_name_taken', message, { ...(holder ?? { takenBy }), suggestion })
}

/**
 * Creates the QBO customer for a record. Throws BAD_INPUT when the record gives no usable name and
 * `display_name_taken` when QBO answers 6240 Duplicate Name Exists.
 * @example
 * const customer = await createCustomerFor(company, { recordType: 'organization', name: 'Acme' }, { requestId })
 */
export async function createCustomerFor(
  company: QboCompany,
  record: CopyRecord,
  input: NewCustomerInput,
): Promise<Customer> {
  const draft = buildNewCustomer(record)
  const override = input.displayName === undefined ? undefined : checkDisplayName(input.displayName)
  const blocking = draft.problems.filter(
    (problem) => problem.isBlocking && !(override !== undefined && problem.field === 'DisplayName'),
  )
  if (blocking.length > 0)
    throw badInput(
      blocking.map((problem) => problem.message).join(' '),
      blocking.map((problem) => ({ path: problem.field, message: problem.message })),
    )
  const body = override === undefined ? draft.body : { ...draft.body, DisplayName: override }
  const displayName = typeof body.DisplayName === 'string' ? body.DisplayName : ''
  try {
    return await company.customers.create(body, { requestId: input.requestId })
  } catch (error) {
    // QBO: 6240 Duplicate Name Exists, whichever list holds the name (API-NOTES.md §2.2).
    if (isQboFaultError(error, 6240)) throw await nameTaken(company, displayName)
    throw error
  }
}
