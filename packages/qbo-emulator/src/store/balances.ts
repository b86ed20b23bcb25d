import { type CompanyState, money } from './company-state'

/**
 * Recomputes a customer's Balance (open invoice balances minus unapplied payment credit, plus any opening
 * balance) and the BalanceWithJobs of it and its ancestors (API-NOTES.md §2.1: jobs roll up to parents).
 * Balances are derived fields: they change without a SyncToken bump.
 *
 * @example
 * refreshCustomerBalance(state, '12') // after an invoice of customer 12 changed
 */
export function refreshCustomerBalance(state: CompanyState, customerId: string): void {
  const customers = state.tables.Customer
  const customer = customers.get(customerId)
  if (!customer) return
  let balance = state.openingBalances.get(customerId) ?? 0
  for (const key of state.txnsByCustomer.get(customerId) ?? []) {
    const sep = key.indexOf(':')
    const entity = key.slice(0, sep)
    const id = key.slice(sep + 1)
    if (entity === 'Invoice') balance += Number(state.tables.Invoice.get(id)?.Balance ?? 0)
    else if (entity === 'Payment') balance -= Number(state.tables.Payment.get(id)?.UnappliedAmt ?? 0)
  }
  customers.set(customerId, { ...customer, Balance: money(balance) })
  refreshRollup(state, customerId)
}

/**
 * Recomputes BalanceWithJobs from `customerId` up to its top-level parent.
 *
 * @example
 * refreshRollup(state, jobId)
 */
export function refreshRollup(state: CompanyState, customerId: string): void {
  const customers = state.tables.Customer
  let id: string | undefined = customerId
  let guard = 0
  while (id !== undefined && guard++ < 10) {
    const c = customers.get(id)
    if (!c) return
    let total = Number(c.Balance ?? 0)
    for (const childId of state.children.get(id) ?? []) {
      total += Number(customers.get(childId)?.BalanceWithJobs ?? 0)
    }
    customers.set(id, { ...c, BalanceWithJobs: money(total) })
    const parent = c.ParentRef as { value?: string } | undefined
    id = parent?.value
  }
}
