import type { CompanyStore, QboObject } from '../store'

const cents = (n: number) => Math.round(n * 100)

/**
 * Every way the books of a company can disagree with themselves, as readable messages (empty when
 * consistent): invoice Balance = TotalAmt − payments applied, payment UnappliedAmt = TotalAmt − lines,
 * LinkedTxn on both sides, customer Balance = open invoices − unapplied credit, BalanceWithJobs rolled up.
 */
export function ledgerProblems(company: CompanyStore): string[] {
  const problems: string[] = []
  const applied = new Map<string, number>()
  const paymentLinks = new Map<string, Set<string>>()
  const credit = new Map<string, number>()
  for (const p of company.list('Payment')) {
    const lines = (p.Line as QboObject[]) ?? []
    let sum = 0
    for (const line of lines) {
      const link = (line.LinkedTxn as QboObject[])[0] as QboObject
      const invoiceId = String(link.TxnId)
      applied.set(invoiceId, (applied.get(invoiceId) ?? 0) + cents(Number(line.Amount)))
      const set = paymentLinks.get(invoiceId) ?? new Set<string>()
      set.add(String(p.Id))
      paymentLinks.set(invoiceId, set)
      sum += cents(Number(line.Amount))
    }
    if (cents(Number(p.TotalAmt)) - sum !== cents(Number(p.UnappliedAmt))) {
      problems.push(`Payment ${String(p.Id)} UnappliedAmt ${String(p.UnappliedAmt)}`)
    }
    const customerId = (p.CustomerRef as QboObject).value as string
    credit.set(customerId, (credit.get(customerId) ?? 0) + cents(Number(p.UnappliedAmt)))
  }
  const open = new Map<string, number>()
  for (const inv of company.list('Invoice')) {
    const id = String(inv.Id)
    const expected = cents(Number(inv.TotalAmt)) - (applied.get(id) ?? 0)
    if (expected !== cents(Number(inv.Balance))) problems.push(`Invoice ${id} Balance ${String(inv.Balance)}`)
    const linked = new Set(
      ((inv.LinkedTxn as QboObject[]) ?? [])
        .filter((l) => l.TxnType === 'Payment')
        .map((l) => String(l.TxnId)),
    )
    const expectedLinks = paymentLinks.get(id) ?? new Set<string>()
    if (linked.size !== expectedLinks.size || [...linked].some((p) => !expectedLinks.has(p))) {
      problems.push(`Invoice ${id} LinkedTxn ${JSON.stringify(inv.LinkedTxn)}`)
    }
    const customerId = (inv.CustomerRef as QboObject).value as string
    open.set(customerId, (open.get(customerId) ?? 0) + cents(Number(inv.Balance)))
  }
  const customers = [...company.list('Customer')]
  for (const c of customers) {
    const id = String(c.Id)
    const expected = (open.get(id) ?? 0) - (credit.get(id) ?? 0)
    if (expected !== cents(Number(c.Balance))) problems.push(`Customer ${id} Balance ${String(c.Balance)}`)
    const jobs = customers.filter((j) => (j.ParentRef as QboObject | undefined)?.value === id)
    const withJobs = jobs.reduce((sum, j) => sum + cents(Number(j.BalanceWithJobs)), cents(Number(c.Balance)))
    if (withJobs !== cents(Number(c.BalanceWithJobs))) {
      problems.push(`Customer ${id} BalanceWithJobs ${String(c.BalanceWithJobs)}`)
    }
  }
  return problems
}
