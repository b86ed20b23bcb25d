import { invalidProperty, requiredParam } from '../faults'
import { money } from './company-state'
import type { QboObject } from './types'

/** The result of pricing a sales document's lines. */
export interface PricedLines {
  Line: QboObject[]
  subtotal: number
  total: number
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/**
 * Normalises Invoice/Estimate lines: item lines get Id, LineNum and a default TaxCodeRef, the server's
 * SubTotalLineDetail line is (re)computed and placed after the item lines, discounts are subtracted, and the
 * total is computed (API-NOTES.md §2.3: TotalAmt is read-only and computed; no sales tax is modelled).
 *
 * @example
 * priceLines([{ Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }]).total // 100
 */
export function priceLines(input: unknown): PricedLines {
  if (!Array.isArray(input) || input.length === 0) throw requiredParam('Line')
  const items: QboObject[] = []
  const discounts: QboObject[] = []
  let subtotal = 0
  let nextId = 1
  for (const raw of input) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalidProperty('Line', 'Line')
    const line = raw as QboObject
    const type = line.DetailType ?? (line.SalesItemLineDetail ? 'SalesItemLineDetail' : undefined)
    if (type === 'SubTotalLineDetail') continue
    if (type === 'SalesItemLineDetail') {
      const raw = line.SalesItemLineDetail
      const detail: QboObject =
        raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as QboObject) } : {}
      const qty = num(detail.Qty)
      const price = num(detail.UnitPrice)
      let amount = num(line.Amount)
      if (line.Amount !== undefined && amount === undefined) throw invalidProperty('Amount', 'Line.Amount')
      if (amount === undefined && qty !== undefined && price !== undefined) amount = qty * price
      if (amount === undefined) throw requiredParam('Line.Amount')
      if (detail.TaxCodeRef === undefined) detail.TaxCodeRef = { value: 'NON' }
      amount = money(amount)
      subtotal += amount
      items.push({
        ...line,
        Id: String(nextId),
        LineNum: nextId,
        Amount: amount,
        DetailType: type,
        SalesItemLineDetail: detail,
      })
      nextId++
    } else if (type === 'DescriptionOnly') {
      items.push({ ...line, Id: String(nextId), LineNum: nextId, DetailType: type })
      nextId++
    } else if (type === 'DiscountLineDetail') {
      discounts.push(line)
    } else {
      throw requiredParam('Line.DetailType')
    }
  }
  subtotal = money(subtotal)
  let discountTotal = 0
  const discountLines = discounts.map((line) => {
    const raw = line.DiscountLineDetail
    const detail: QboObject = raw && typeof raw === 'object' ? (raw as QboObject) : {}
    const pct = num(detail.DiscountPercent)
    const amount = money(
      detail.PercentBased === true && pct !== undefined ? (subtotal * pct) / 100 : (num(line.Amount) ?? 0),
    )
    discountTotal += amount
    return { ...line, Amount: amount }
  })
  const subtotalLine = { DetailType: 'SubTotalLineDetail', Amount: subtotal, SubTotalLineDetail: {} }
  return {
    Line: [...items, subtotalLine, ...discountLines],
    subtotal,
    total: money(subtotal - discountTotal),
  }
}

/**
 * The lines of a voided document: amounts and quantities become 0 (§4); the subtotal line goes away.
 *
 * @example
 * voidLines(invoice.Line).every((l) => l.Amount === 0) // true
 */
export function voidLines(lines: unknown): QboObject[] {
  if (!Array.isArray(lines)) return []
  return (lines as QboObject[])
    .filter((l) => l.DetailType !== 'SubTotalLineDetail')
    .map((l) => {
      const detail = l.SalesItemLineDetail as QboObject | undefined
      if (!detail) return { ...l, Amount: 0 }
      const { UnitPrice: _price, ...rest } = detail
      return { ...l, Amount: 0, SalesItemLineDetail: { ...rest, Qty: 0 } }
    })
}
