import { createClock } from '../clock'
import { createRegistry } from './registry'

/**
 * A fresh multicurrency company (USD home) for store tests.
 *
 * @example
 * const { company, clock } = testCompany()
 */
export function testCompany(opts: { multicurrency?: boolean } = {}) {
  const clock = createClock({ startMs: Date.parse('2026-11-24T16:15:00Z') })
  const registry = createRegistry(clock)
  const company = registry.add({
    realmId: '100',
    name: 'Test Co',
    homeCurrency: 'USD',
    multicurrency: opts.multicurrency ?? true,
  })
  return { clock, registry, company }
}

/**
 * A one-line invoice body.
 *
 * @example
 * company.create('Invoice', invoiceBody('1', 100))
 */
export function invoiceBody(customerId: string, amount: number, extra: Record<string, unknown> = {}) {
  return {
    CustomerRef: { value: customerId },
    Line: [
      {
        Amount: amount,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' } },
      },
    ],
    ...extra,
  }
}

/**
 * A payment body applying `amounts` to invoices.
 *
 * @example
 * company.create('Payment', paymentBody('1', 60, [['7', 55]]))
 */
export function paymentBody(customerId: string, total: number, applications: Array<[string, number]> = []) {
  return {
    CustomerRef: { value: customerId },
    TotalAmt: total,
    Line: applications.map(([invoiceId, amount]) => ({
      Amount: amount,
      LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }],
    })),
  }
}
