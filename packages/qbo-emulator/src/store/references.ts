import { invalidReference, objectNotFound, requiredParam } from '../faults'
import { type CompanyState, refValue } from './company-state'
import type { QboObject } from './types'

/**
 * The customer a transaction names: CustomerRef is required (2020), must exist (2500) and be active (610,
 * "Something you're trying to use has been made inactive", API-NOTES.md §8).
 *
 * @example
 * resolveCustomer(state, { CustomerRef: { value: '20' } }).DisplayName
 */
export function resolveCustomer(state: CompanyState, body: QboObject): QboObject {
  const id = refValue(body.CustomerRef)
  if (!id) throw requiredParam('CustomerRef')
  const customer = state.tables.Customer.get(id)
  if (!customer) throw invalidReference('CustomerRef', id)
  if (customer.Active === false) throw objectNotFound()
  return customer
}

/**
 * A CustomerRef as QBO answers it: the id plus the customer's FullyQualifiedName.
 *
 * @example
 * customerRefOf(job) // { value: '9', name: 'Freeman Sporting Goods:55 Twin Lane' }
 */
export function customerRefOf(customer: QboObject): QboObject {
  return { value: customer.Id, name: customer.FullyQualifiedName }
}

/**
 * `Voided` prepended to a PrivateNote (API-NOTES.md §4).
 *
 * @example
 * voidedNote('rush order') // 'Voided rush order'
 */
export function voidedNote(note: unknown): string {
  return typeof note === 'string' && note.trim() ? `Voided ${note}` : 'Voided'
}
