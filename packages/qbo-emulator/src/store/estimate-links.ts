import { businessRule, invalidReference } from '../faults'
import { type CompanyState, scalar } from './company-state'
import type { QboObject } from './types'

/** The estimate an invoice is created from (at most one, §2.3); it must exist. */
export function linkedEstimateId(state: CompanyState, body: QboObject): string | undefined {
  const links = Array.isArray(body.LinkedTxn) ? (body.LinkedTxn as QboObject[]) : []
  const estimates = links.filter((l) => !!l && typeof l === 'object' && l.TxnType === 'Estimate')
  if (estimates.length > 1) throw businessRule('An invoice can be linked to one estimate only.', 'LinkedTxn')
  const id = estimates[0] ? (scalar(estimates[0].TxnId) ?? '') : undefined
  if (id !== undefined && !state.tables.Estimate.has(id)) throw invalidReference('LinkedTxn', id)
  return id
}

/** Marks an estimate as converted into (or released from) an invoice. Derived: no SyncToken bump. */
export function linkEstimate(
  state: CompanyState,
  estimateId: string,
  invoiceId: string,
  linked: boolean,
): void {
  const estimate = state.tables.Estimate.get(estimateId)
  if (!estimate) return
  const others = ((estimate.LinkedTxn as QboObject[] | undefined) ?? []).filter(
    (l) => !(l.TxnType === 'Invoice' && l.TxnId === invoiceId),
  )
  const LinkedTxn = linked ? [...others, { TxnId: invoiceId, TxnType: 'Invoice' }] : others
  // QBO closes an estimate once an invoice is created from it (unverified which of Closed/Converted).
  const TxnStatus = linked ? 'Closed' : LinkedTxn.length > 0 ? estimate.TxnStatus : 'Pending'
  state.tables.Estimate.set(estimateId, { ...estimate, LinkedTxn, TxnStatus })
}
