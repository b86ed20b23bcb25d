import type { CompanyStore, QboObject } from '../store'
import { CATALOG, type ItemRefs } from './catalog'
import type { SeedCalendar } from './dates'

/** One line of a sales document: an item of the catalog, a quantity and (optionally) another price. */
export interface LineSpec {
  item: string
  qty: number
  unitPrice: number
  description?: string
}

/** How much a payment applies to one invoice: an amount, or whatever is still open when it is written. */
export type Application = { invoice: string; amount: number | 'balance' }

interface Planned {
  daysAgo: number
  seq: number
  write(): void
}

const MEMO = { value: 'Thank you for your business and have a great day!' }

const cents = (n: number) => Math.round(n * 100) / 100
const DESCRIPTIONS = new Map(CATALOG.map((item) => [item.name, item.description]))

/**
 * Plans a company's history, then writes it through the store in date order, so DocNumbers grow with
 * TxnDate like in a real company file. Documents refer to each other by plan keys; the store assigns the Ids
 * and keeps balances and LinkedTxn consistent, because every write is an ordinary create/update/void.
 *
 * @example
 * const ledger = createLedger(company, items, calendar)
 * ledger.invoice('inv-1', customerId, { daysAgo: 40, lines: [{ item: 'Hours', qty: 3, unitPrice: 40 }] })
 * ledger.payment('pay-1', customerId, { daysAgo: 10, apply: [{ invoice: 'inv-1', amount: 'balance' }] })
 * ledger.write()
 */
export function createLedger(company: CompanyStore, items: ItemRefs, calendar: SeedCalendar) {
  const plans: Planned[] = []
  const ids = new Map<string, string>()
  const plan = (daysAgo: number, write: () => void) => plans.push({ daysAgo, seq: plans.length, write })
  const idOf = (key: string) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`Seed plan refers to ${key} before it is written`)
    return id
  }
  const lineBodies = (lines: readonly LineSpec[]): QboObject[] =>
    lines.map((l) => {
      const ref = items.get(l.item)
      if (!ref) throw new Error(`Unknown catalog item ${l.item}`)
      return {
        Description: l.description ?? DESCRIPTIONS.get(l.item) ?? ref.name,
        Amount: cents(l.qty * l.unitPrice),
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: {
          ItemRef: ref,
          Qty: l.qty,
          UnitPrice: l.unitPrice,
          TaxCodeRef: { value: 'NON' },
        },
      }
    })
  const billEmail = (customerId: string) => {
    const email = company.read('Customer', customerId)?.PrimaryEmailAddr
    return email ? { BillEmail: email } : {}
  }
  const current = (entity: 'Invoice' | 'Estimate' | 'Payment', key: string) => {
    const obj = company.read(entity, idOf(key))
    if (!obj) throw new Error(`Seed plan lost ${entity} ${key}`)
    return obj
  }

  return {
    /** An invoice; `dueDaysAgo` fixes the due date (for aging), else Net 30 from the transaction date. */
    invoice(
      key: string,
      customerId: string,
      opts: {
        daysAgo: number
        dueDaysAgo?: number
        lines: readonly LineSpec[]
        fromEstimate?: string
        privateNote?: string
      },
    ) {
      plan(opts.daysAgo, () => {
        const body: QboObject = {
          CustomerRef: { value: customerId },
          TxnDate: calendar.daysAgo(opts.daysAgo),
          SalesTermRef: { value: '3' },
          Line: lineBodies(opts.lines),
          CustomerMemo: MEMO,
          EmailStatus: opts.daysAgo > 2 ? 'EmailSent' : 'NotSet',
          ...billEmail(customerId),
        }
        if (opts.dueDaysAgo !== undefined) body.DueDate = calendar.daysAgo(opts.dueDaysAgo)
        if (opts.privateNote) body.PrivateNote = opts.privateNote
        if (opts.fromEstimate) body.LinkedTxn = [{ TxnId: idOf(opts.fromEstimate), TxnType: 'Estimate' }]
        ids.set(key, company.create('Invoice', body).Id as string)
      })
    },
    /** An estimate with a status; `Converted` needs an invoice planned with `fromEstimate`. */
    estimate(
      key: string,
      customerId: string,
      opts: {
        daysAgo: number
        lines: readonly LineSpec[]
        status: 'Pending' | 'Accepted' | 'Closed' | 'Rejected'
      },
    ) {
      plan(opts.daysAgo, () => {
        const body: QboObject = {
          CustomerRef: { value: customerId },
          TxnDate: calendar.daysAgo(opts.daysAgo),
          ExpirationDate: calendar.daysAgo(opts.daysAgo - 30),
          TxnStatus: opts.status,
          Line: lineBodies(opts.lines),
          CustomerMemo: MEMO,
          EmailStatus: 'EmailSent',
          ...billEmail(customerId),
        }
        if (opts.status === 'Accepted') {
          body.AcceptedDate = calendar.daysAgo(Math.max(0, opts.daysAgo - 3))
          body.AcceptedBy = company.read('Customer', customerId)?.GivenName ?? 'Customer'
        }
        ids.set(key, company.create('Estimate', body).Id as string)
      })
    },
    /** Marks an estimate that an invoice was created from as Converted (after that invoice is written). */
    markConverted(estimateKey: string, daysAgo: number) {
      plan(daysAgo, () => {
        const estimate = current('Estimate', estimateKey)
        company.update(
          'Estimate',
          { Id: estimate.Id, SyncToken: estimate.SyncToken, sparse: true, TxnStatus: 'Converted' },
          { sparse: true },
        )
      })
    },
    /** A received payment; with no applications it is an unapplied credit (API-NOTES.md §2.5). */
    payment(
      key: string,
      customerId: string,
      opts: {
        daysAgo: number
        apply: readonly Application[]
        extra?: number
        total?: number
        refNum: string
      },
    ) {
      plan(opts.daysAgo, () => {
        const Line = opts.apply.map((a) => ({
          Amount: a.amount === 'balance' ? Number(current('Invoice', a.invoice).Balance) : a.amount,
          LinkedTxn: [{ TxnId: idOf(a.invoice), TxnType: 'Invoice' }],
        }))
        const applied = Line.reduce((sum, l) => sum + l.Amount, 0)
        const body: QboObject = {
          CustomerRef: { value: customerId },
          TxnDate: calendar.daysAgo(opts.daysAgo),
          TotalAmt: cents(opts.total ?? applied + (opts.extra ?? 0)),
          PaymentRefNum: opts.refNum,
          Line,
        }
        ids.set(key, company.create('Payment', body).Id as string)
      })
    },
    /** Voids an invoice (amounts become 0, PrivateNote gets "Voided", API-NOTES.md §4). */
    voidInvoice(invoiceKey: string, daysAgo: number) {
      plan(daysAgo, () => {
        const invoice = current('Invoice', invoiceKey)
        company.voidTxn('Invoice', { Id: invoice.Id as string, SyncToken: invoice.SyncToken as string })
      })
    },
    /** Writes everything planned, oldest first (same day: in plan order); answers plan key → Id. */
    write(): ReadonlyMap<string, string> {
      plans.sort((a, b) => b.daysAgo - a.daysAgo || a.seq - b.seq)
      for (const p of plans) p.write()
      plans.length = 0
      return ids
    },
  }
}

/** The ledger's planning interface. */
export type Ledger = ReturnType<typeof createLedger>
