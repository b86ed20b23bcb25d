import { createDeepLinks } from '@ledgerlink/qbo'
import { describe, expect, it } from 'vitest'
import { companyToday, linkedTabView, unlinkedTabView } from './tab-view'

const deepLinks = createDeepLinks({ environment: 'production' })

describe('tab view', () => {
  it("takes today's date in the company's time zone", () => {
    expect(companyToday('2026-11-25T05:00:00Z', 'America/Los_Angeles')).toBe('2026-11-24')
    expect(companyToday('2026-11-25T09:00:00Z', 'America/Los_Angeles')).toBe('2026-11-25')
    expect(companyToday('2026-11-25T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-26')
  })

  it('ranks fetched customers for an unlinked record and shows why they match', () => {
    const view = unlinkedTabView(
      {
        kind: 'unlinked',
        readAt: '2026-11-24T18:00:00.000Z',
        customers: [
          { Id: '1', DisplayName: 'Cool Cars', Balance: '12.5', BillAddr: { City: 'Half Moon Bay' } },
          { Id: '2', DisplayName: 'Cool Cats Grooming' },
        ],
      },
      { kind: 'organization', name: 'COOL CARS LLC' },
    )
    expect(view).toMatchObject({ state: 'unlinked', asOf: '2026-11-24T18:00:00.000Z' })
    expect(view.candidates).toEqual([
      expect.objectContaining({
        customerId: '1',
        balance: '12.50',
        city: 'Half Moon Bay',
        currency: 'USD',
        active: true,
      }),
    ])
    expect(view.candidates[0]?.reasons).toContain('name-exact')
  })

  it('shows invoices with their View links and counts only what the filter keeps', () => {
    const view = linkedTabView(
      {
        kind: 'linked',
        readAt: '2026-11-24T18:00:00.000Z',
        customer: { Id: '7', DisplayName: 'Acme', CurrencyRef: { value: 'EUR' } },
        invoices: [
          {
            Id: '30',
            TxnDate: '2026-09-01',
            DueDate: '2026-10-01',
            TotalAmt: '100',
            Balance: '40',
            CurrencyRef: { value: 'EUR' },
          },
        ],
        estimates: [
          {
            Id: '31',
            TxnDate: '2026-11-01',
            TotalAmt: '50',
            TxnStatus: 'Pending',
            CurrencyRef: { value: 'EUR' },
          },
        ],
        payments: [],
      },
      { link: { customerId: '7', displayName: 'Acme' }, deepLinks, timeZone: 'UTC', show: 'invoices' },
    )
    expect(view.documents.total).toBe(1)
    expect(view.documents.items[0]).toMatchObject({
      qboId: '30',
      status: 'overdue',
      viewUrl: deepLinks.invoice('30'),
    })
    expect(view.summary).toMatchObject({
      currency: 'EUR',
      openBalance: '40.00',
      overdueAmount: '40.00',
      openEstimatesTotal: '50.00',
    })
    expect(view.customer).toMatchObject({ id: '7', currency: 'EUR', viewUrl: deepLinks.customer('7') })
  })
})
