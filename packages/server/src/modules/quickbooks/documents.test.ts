import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Estimate, Invoice, Payment } from '@ledgerlink/qbo'
import { parseQboJson } from '@ledgerlink/qbo'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import {
  buildDocumentTotals,
  type DocumentRow,
  decodeDocumentCursor,
  estimateToRow,
  filterDocuments,
  firstPageOfAllDocuments,
  invoiceToRow,
  mergeLinkedDocuments,
  paginateDocuments,
  paginateDocumentsByOffset,
  paymentToRow,
  sortDocuments,
  toDocumentRows,
} from './documents'

const today = '2026-06-30'
const options = { today }

const invoice = (id: string, fields: Partial<Invoice> = {}): Invoice => ({
  Id: id,
  DocNumber: `INV-${id}`,
  CustomerRef: { value: '10', name: 'Acme' },
  TxnDate: '2026-06-01',
  DueDate: '2026-07-01',
  TotalAmt: '100.00',
  Balance: '100.00',
  ...fields,
})

const row = (fields: Partial<DocumentRow>): DocumentRow => ({
  type: 'invoice',
  qboId: '1',
  number: null,
  date: '2026-06-01',
  dueDate: null,
  status: 'open',
  total: '10.00',
  balance: '10.00',
  currency: 'USD',
  customer: { qboId: '10', name: 'Acme' },
  isOpen: true,
  ...fields,
})

describe('invoice rows', () => {
  it('normalises an unpaid invoice with its number, dates, amounts and customer', () => {
    expect(invoiceToRow(invoice('7'), options)).toEqual({
      type: 'invoice',
      qboId: '7',
      number: 'INV-7',
      date: '2026-06-01',
      dueDate: '2026-07-01',
      status: 'open',
      total: '100.00',
      balance: '100.00',
      currency: 'USD',
      customer: { qboId: '10', name: 'Acme' },
      isOpen: true,
    })
  })

  it.each([
    ['paid', { Balance: '0' }],
    ['partially_paid', { Balance: '40.00' }],
    ['overdue', { DueDate: '2026-06-29' }],
    ['overdue', { DueDate: '2026-06-29', Balance: '40.00' }],
    ['open', { DueDate: today }],
    ['voided', { TotalAmt: '0', Balance: '0', PrivateNote: 'Voided' }],
  ] as const)('gives status %s for %j', (status, fields) => {
    expect(invoiceToRow(invoice('1', fields), options).status).toBe(status)
  })

  it('ages an invoice without a due date from its transaction date', () => {
    const row = invoiceToRow(invoice('1', { DueDate: undefined, TxnDate: '2026-05-01' }), options)
    expect(row.status).toBe('overdue')
    expect(row.dueDate).toBeNull()
  })

  it('does not take a paid invoice with a zero total and a note mentioning voided for anything but paid', () => {
    expect(invoiceToRow(invoice('1', { TotalAmt: '0', Balance: '0' }), options).status).toBe('paid')
    expect(
      invoiceToRow(
        invoice('1', { TotalAmt: '5', Balance: '5', PrivateNote: 'Voided cheque replaced' }),
        options,
      ).status,
    ).toBe('open')
  })

  it('uses the document currency, else the home currency', () => {
    expect(invoiceToRow(invoice('1', { CurrencyRef: { value: 'EUR' } }), options).currency).toBe('EUR')
    expect(invoiceToRow(invoice('1'), { today, homeCurrency: 'GBP' }).currency).toBe('GBP')
  })

  it('tolerates an invoice with no customer, number or dates', () => {
    const row = invoiceToRow({ Id: '3', TotalAmt: '1', Balance: '1' }, options)
    expect(row).toMatchObject({
      number: null,
      date: null,
      dueDate: null,
      customer: { qboId: null, name: null },
    })
  })
})

describe('estimate and payment rows', () => {
  it('gives an estimate its lower-case status, expiry as due date and no balance', () => {
    const estimate: Estimate = { Id: '5', TxnStatus: 'Accepted', ExpirationDate: '2026-07-15', TotalAmt: '9' }
    expect(estimateToRow(estimate, options)).toMatchObject({
      type: 'estimate',
      status: 'accepted',
      dueDate: '2026-07-15',
      balance: null,
      total: '9.00',
      isOpen: true,
    })
    expect(estimateToRow({ Id: '6' }, options).status).toBe('pending')
  })

  it.each([
    ['applied', { TotalAmt: '50', UnappliedAmt: '0' }],
    ['unapplied', { TotalAmt: '50', UnappliedAmt: '50' }],
    ['partially_applied', { TotalAmt: '50', UnappliedAmt: '10' }],
    ['voided', { TotalAmt: '0', UnappliedAmt: '0', PrivateNote: 'Voided' }],
  ] as const)('gives a payment status %s for %j', (status, fields) => {
    expect(paymentToRow({ Id: '1', ...fields }, options).status).toBe(status)
  })

  it('derives the unapplied amount from the lines when QBO does not send it', () => {
    const payment: Payment = {
      Id: '2',
      TotalAmt: '65.00',
      PaymentRefNum: 'CHK-1',
      Line: [{ Amount: '55.00', LinkedTxn: [{ TxnId: '70', TxnType: 'Invoice' }] }],
    }
    expect(paymentToRow(payment, options)).toMatchObject({
      number: 'CHK-1',
      balance: '10.00',
      status: 'partially_applied',
      dueDate: null,
    })
    expect(paymentToRow({ Id: '3', TotalAmt: '20' }, options).status).toBe('unapplied')
  })

  it('drops deleted objects and keeps voided ones', () => {
    const rows = toDocumentRows(
      {
        invoices: [invoice('1'), { Id: '2', status: 'Deleted' } as Invoice],
        payments: [{ Id: '3', TotalAmt: '0', PrivateNote: 'Voided' }],
      },
      options,
    )
    expect(rows.map((r) => [r.type, r.qboId, r.status])).toEqual([
      ['invoice', '1', 'open'],
      ['payment', '3', 'voided'],
    ])
  })

  it('gives no rows for no documents', () => {
    expect(toDocumentRows({}, options)).toEqual([])
  })
})

describe('the Show filter', () => {
  const rows = toDocumentRows(
    {
      invoices: [
        invoice('1'),
        invoice('2', { Balance: '0' }),
        invoice('3', { DueDate: '2026-06-01', Balance: '5' }),
        invoice('4', { TotalAmt: '0', Balance: '0', PrivateNote: 'Voided' }),
      ],
      estimates: [{ Id: '5', TotalAmt: '1' }],
      payments: [{ Id: '6', TotalAmt: '1' }],
    },
    options,
  )
  const ids = (filter: Parameters<typeof filterDocuments>[1]) =>
    filterDocuments(rows, filter).map((r) => r.qboId)

  it('keeps each kind of document for its choice', () => {
    expect(ids('all')).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(ids('invoices')).toEqual(['1', '2', '3', '4'])
    expect(ids('open_invoices')).toEqual(['1', '3'])
    expect(ids('overdue_invoices')).toEqual(['3'])
    expect(ids('estimates')).toEqual(['5'])
    expect(ids('payments')).toEqual(['6'])
  })
})

describe('order and pagination', () => {
  const rows = sortDocuments([
    row({ qboId: '9', date: '2026-06-01' }),
    row({ qboId: '10', date: '2026-06-01' }),
    row({ qboId: '2', date: '2026-06-02', type: 'payment' }),
    row({ qboId: '3', date: '2026-06-02', type: 'estimate' }),
    row({ qboId: '4', date: null }),
    row({ qboId: '5', date: '2025-01-01' }),
  ])

  it('puts the newest first, then orders by type and by numeric Id descending, undated last', () => {
    expect(rows.map((r) => `${r.type}:${r.qboId}`)).toEqual([
      'estimate:3',
      'payment:2',
      'invoice:10',
      'invoice:9',
      'invoice:5',
      'invoice:4',
    ])
  })

  it('walks every row exactly once through cursor pages', () => {
    const seen: string[] = []
    let cursor: string | null = null
    for (let i = 0; i < 10; i += 1) {
      const page: { items: DocumentRow[]; nextCursor: string | null } = paginateDocuments(rows, {
        limit: 4,
        cursor,
      })
      seen.push(...page.items.map((r) => r.qboId))
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(seen).toEqual(['3', '2', '10', '9', '5', '4'])
  })

  it('keeps a cursor page stable when a newer document appears', () => {
    const first = paginateDocuments(rows, { limit: 2 })
    const withNew = sortDocuments([...rows, row({ qboId: '99', date: '2026-06-30' })])
    const second = paginateDocuments(withNew, { limit: 2, cursor: first.nextCursor })
    expect(second.items.map((r) => r.qboId)).toEqual(['10', '9'])
  })

  it('returns no next cursor on the last page and an empty page for an empty list', () => {
    expect(paginateDocuments(rows, { limit: 6 }).nextCursor).toBeNull()
    expect(paginateDocuments([], { limit: 5 })).toEqual({ items: [], nextCursor: null })
  })

  it('rejects a cursor that is not one of ours as bad input', () => {
    const attempt = () => paginateDocuments(rows, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' })
    expect(attempt).toThrow(AppError)
    try {
      attempt()
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_INPUT', category: 'bad_input' })
    }
    expect(decodeDocumentCursor('%%%')).toBeUndefined()
    expect(decodeDocumentCursor(Buffer.from('["x","invoice","1"]').toString('base64url'))).toBeUndefined()
  })

  it('rejects a page size outside 1 to 1000 and a negative offset', () => {
    expect(() => paginateDocuments(rows, { limit: 0 })).toThrow(/page size/)
    expect(() => paginateDocumentsByOffset(rows, { limit: 2, offset: -1 })).toThrow(/offset/)
  })

  it('pages by offset with the total count', () => {
    expect(paginateDocumentsByOffset(rows, { limit: 4, offset: 0 })).toMatchObject({
      total: 6,
      nextOffset: 4,
    })
    const last = paginateDocumentsByOffset(rows, { limit: 4, offset: 4 })
    expect(last.items.map((r) => r.qboId)).toEqual(['5', '4'])
    expect(last.nextOffset).toBeNull()
  })
})

describe('totals over the rows shown', () => {
  it('keeps one total per currency and never mixes them', () => {
    const rows = toDocumentRows(
      {
        invoices: [
          invoice('1', { TotalAmt: '100.00', Balance: '60.00' }),
          invoice('2', { DueDate: '2026-01-01', TotalAmt: '0.10', Balance: '0.10' }),
          invoice('3', { DueDate: '2026-01-01', TotalAmt: '0.20', Balance: '0.20' }),
          invoice('4', { CurrencyRef: { value: 'EUR' }, TotalAmt: '7', Balance: '0' }),
          invoice('5', { TotalAmt: '0', Balance: '0', PrivateNote: 'Voided' }),
        ],
        payments: [{ Id: '6', TotalAmt: '40.00', UnappliedAmt: '0' }],
        estimates: [
          { Id: '7', TotalAmt: '15', TxnStatus: 'Pending', CurrencyRef: { value: 'EUR' } },
          { Id: '8', TotalAmt: '25', TxnStatus: 'Rejected' },
        ],
      },
      options,
    )
    expect(buildDocumentTotals(rows)).toEqual([
      {
        currency: 'EUR',
        invoiced: '7.00',
        openBalance: '0.00',
        overdue: '0.00',
        paid: '0.00',
        openEstimates: '15.00',
        openInvoicesCount: 0,
        overdueInvoicesCount: 0,
        openEstimatesCount: 1,
      },
      {
        currency: 'USD',
        invoiced: '100.30',
        openBalance: '60.30',
        overdue: '0.30',
        paid: '40.00',
        openEstimates: '0.00',
        openInvoicesCount: 3,
        overdueInvoicesCount: 2,
        openEstimatesCount: 0,
      },
    ])
  })

  it('gives no totals for no rows', () => {
    expect(buildDocumentTotals([])).toEqual([])
  })
})

describe('direct and indirect documents of an opportunity or project', () => {
  const acme = { recordType: 'organization' as const, recordId: 'org1', name: 'Acme Corp' }
  const jane = { recordType: 'contact' as const, recordId: 'con1', name: 'Jane Doe' }
  const inv1 = invoiceToRow(invoice('1'), options)
  const inv2 = invoiceToRow(invoice('2', { TxnDate: '2026-06-05' }), options)

  it('shows a document both direct and indirect once, with both facts', () => {
    const merged = mergeLinkedDocuments({
      direct: [{ linkId: 'l1', type: 'invoice', qboId: '1', row: inv1 }],
      indirect: [{ row: inv1, via: [acme] }],
    })
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({ qboId: '1', direct: { linkId: 'l1' }, via: [acme], missing: null })
  })

  it('lists every record a document comes through, once each', () => {
    const merged = mergeLinkedDocuments({
      direct: [],
      indirect: [
        { row: inv1, via: [acme] },
        { row: inv1, via: [jane, acme] },
        { row: inv2, via: [jane] },
      ],
    })
    expect(merged.map((m) => [m.qboId, m.via.map((v) => v.name), m.direct])).toEqual([
      ['2', ['Jane Doe'], null],
      ['1', ['Acme Corp', 'Jane Doe'], null],
    ])
  })

  it('keeps a directly linked document deleted in QBO as a flagged row built from its snapshot', () => {
    const merged = mergeLinkedDocuments({
      direct: [
        {
          linkId: 'l9',
          type: 'invoice',
          qboId: '44',
          row: null,
          snapshot: { number: '1044', date: '2026-05-01', total: '12.5', currency: 'EUR' },
        },
        { linkId: 'l8', type: 'payment', qboId: '45', row: null },
      ],
      indirect: [],
    })
    expect(merged[0]).toMatchObject({
      qboId: '44',
      number: '1044',
      status: 'deleted',
      missing: 'deleted',
      total: '12.50',
      currency: 'EUR',
      direct: { linkId: 'l9' },
      isOpen: false,
    })
    expect(merged[1]).toMatchObject({
      qboId: '45',
      total: '0.00',
      currency: 'USD',
      date: null,
      missing: 'deleted',
    })
    expect(buildDocumentTotals(merged)).toEqual([])
  })

  it('keeps a voided directly linked document with status voided', () => {
    const voided = invoiceToRow(invoice('3', { TotalAmt: '0', Balance: '0', PrivateNote: 'Voided' }), options)
    const merged = mergeLinkedDocuments({
      direct: [{ linkId: 'l3', type: 'invoice', qboId: '3', row: voided }],
      indirect: [],
    })
    expect(merged[0]).toMatchObject({ status: 'voided', missing: null, direct: { linkId: 'l3' } })
  })

  it('prefers the row read through a customer when the direct read missed it', () => {
    const merged = mergeLinkedDocuments({
      direct: [{ linkId: 'l1', type: 'invoice', qboId: '1', row: null }],
      indirect: [{ row: inv1, via: [acme] }],
    })
    expect(merged[0]).toMatchObject({ missing: null, status: 'open', direct: { linkId: 'l1' } })
  })

  it('does not confuse an invoice and a payment that share an Id', () => {
    const pay = paymentToRow({ Id: '1', TotalAmt: '5', TxnDate: '2026-06-01' }, options)
    const merged = mergeLinkedDocuments({
      direct: [],
      indirect: [
        { row: inv1, via: [acme] },
        { row: pay, via: [acme] },
      ],
    })
    expect(merged.map((m) => m.type)).toEqual(['invoice', 'payment'])
  })
})

const fixturesDir = process.env.QBO_FIXTURES_DIR
describe.skipIf(!fixturesDir)('real QBO payloads', () => {
  const read = (name: string) => parseQboJson(readFileSync(join(fixturesDir ?? '', name), 'utf8'))

  it('normalises the captured invoice', () => {
    const { Invoice } = read('invoice-read.json') as { Invoice: Invoice }
    expect(invoiceToRow(Invoice, { today: '2014-10-01' })).toEqual({
      type: 'invoice',
      qboId: '130',
      number: '1037',
      date: '2014-09-19',
      dueDate: '2014-10-19',
      status: 'open',
      total: '362.07',
      balance: '362.07',
      currency: 'USD',
      customer: { qboId: '24', name: 'Sonnenschein Family Store' },
      isOpen: true,
    })
    expect(invoiceToRow(Invoice, { today: '2014-10-20' }).status).toBe('overdue')
  })

  it('normalises the captured estimate and payment', () => {
    const { Estimate } = read('estimate-read.json') as { Estimate: Estimate }
    const { Payment } = read('payment-read.json') as { Payment: Payment }
    expect(estimateToRow(Estimate, options)).toMatchObject({
      qboId: '177',
      number: '1001',
      status: 'pending',
      total: '31.50',
      isOpen: true,
    })
    expect(paymentToRow(Payment, options)).toMatchObject({
      qboId: '163',
      status: 'partially_applied',
      total: '65.00',
      balance: '10.00',
      customer: { qboId: '20', name: 'Red Rock Diner' },
    })
  })

  it('recognises the captured void responses as voided', () => {
    const { Invoice } = read('invoice-void-response.json') as { Invoice: Invoice }
    const { Payment } = read('payment-void-response.json') as { Payment: Payment }
    expect(invoiceToRow(Invoice, options).status).toBe('voided')
    expect(paymentToRow(Payment, options).status).toBe('voided')
  })
})

describe('the first page of every document', () => {
  it('is the page the full sort gives, with the same cursor and total, normalising only its own documents', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('invoice', 'estimate', 'payment'),
            id: fc.integer({ min: 1, max: 400 }),
            day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
            deleted: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        fc.integer({ min: 1, max: 30 }),
        (specs, limit) => {
          const seen = new Set<string>()
          const documents = {
            invoices: [] as Invoice[],
            estimates: [] as Estimate[],
            payments: [] as Payment[],
          }
          for (const spec of specs) {
            if (seen.has(`${spec.kind}:${spec.id}`)) continue
            seen.add(`${spec.kind}:${spec.id}`)
            const base = {
              Id: String(spec.id),
              ...(spec.day === null ? {} : { TxnDate: `2026-05-${String(spec.day).padStart(2, '0')}` }),
              TotalAmt: '12.50',
              ...(spec.deleted ? { status: 'Deleted' } : {}),
            }
            if (spec.kind === 'invoice') documents.invoices.push({ ...base, Balance: '2.50' } as Invoice)
            else if (spec.kind === 'estimate') documents.estimates.push(base as Estimate)
            else documents.payments.push(base as Payment)
          }
          const all = sortDocuments(toDocumentRows(documents, options))
          const expected = paginateDocuments(all, { limit })
          expect(firstPageOfAllDocuments(documents, options, limit)).toEqual({
            ...expected,
            total: all.length,
          })
        },
      ),
      { numRuns: 300 },
    )
  })
})
