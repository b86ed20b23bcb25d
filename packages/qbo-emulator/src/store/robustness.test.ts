import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { QboFault } from '../faults'
import { invoiceBody, testCompany } from './test-company'
import type { EntityName } from './types'

const KEYS = [
  'Id',
  'SyncToken',
  'sparse',
  'DisplayName',
  'GivenName',
  'FamilyName',
  'Title',
  'CompanyName',
  'Active',
  'ParentRef',
  'Job',
  'CurrencyRef',
  'Balance',
  'BillAddr',
  'CustomerRef',
  'Line',
  'TxnDate',
  'DueDate',
  'DocNumber',
  'TotalAmt',
  'LinkedTxn',
  'TxnStatus',
  'EmailStatus',
  'BillEmail',
  'PrivateNote',
  'ExchangeRate',
  'SalesTermRef',
  'Name',
]

/** Values that look almost right: refs, lines and links with random members, plus any JSON. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ value: fc.oneof(fc.constantFrom('1', '2', '3', '999'), fc.jsonValue({ maxDepth: 1 })) }),
  fc.array(
    fc.record(
      {
        Amount: fc.oneof(fc.double({ noNaN: false }), fc.integer(), fc.string()),
        DetailType: fc.constantFrom(
          'SalesItemLineDetail',
          'SubTotalLineDetail',
          'DiscountLineDetail',
          'DescriptionOnly',
          'Bogus',
        ),
        SalesItemLineDetail: fc.jsonValue({ maxDepth: 1 }),
        DiscountLineDetail: fc.jsonValue({ maxDepth: 1 }),
        LinkedTxn: fc.array(
          fc.oneof(
            fc.constant(null),
            fc.jsonValue({ maxDepth: 1 }),
            fc.record({
              TxnId: fc.constantFrom('1', '2'),
              TxnType: fc.constantFrom('Invoice', 'Estimate', 'Payment'),
            }),
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  ),
)
const linkList = fc.array(
  fc.oneof(
    fc.constant(null),
    fc.record({ TxnId: fc.constantFrom('1', '2'), TxnType: fc.constantFrom('Invoice', 'Estimate') }),
  ),
)
const body = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(value, linkList), { maxKeys: 8 })

describe('store robustness', () => {
  it.each(['Customer', 'Vendor', 'Employee', 'Invoice', 'Estimate', 'Payment', 'Item'] as EntityName[])(
    'answers any %s body with a result or a QBO fault, never another error',
    (entity) => {
      const { company } = testCompany()
      const c = company.create('Customer', { DisplayName: 'Base' })
      company.create('Invoice', invoiceBody(c.Id as string, 50))
      company.create('Estimate', invoiceBody(c.Id as string, 50))
      fc.assert(
        fc.property(body, fc.constantFrom('create', 'full', 'sparse', 'delete', 'void'), (b, op) => {
          try {
            if (op === 'create') company.create(entity, b)
            else if (op === 'delete') company.remove(entity, b as { Id: string; SyncToken: string })
            else if (op === 'void')
              company.voidTxn(
                entity === 'Payment' ? 'Payment' : 'Invoice',
                b as { Id: string; SyncToken: string },
              )
            else company.update(entity, b, { sparse: op === 'sparse' })
          } catch (err) {
            if (!(err instanceof QboFault)) throw err
            expect(err.status).toBeGreaterThanOrEqual(400)
            expect(err.status).toBeLessThan(500)
          }
        }),
        { numRuns: 300 },
      )
      for (const row of company.list('Customer')) expect(typeof row.Balance).toBe('number')
    },
  )
})
