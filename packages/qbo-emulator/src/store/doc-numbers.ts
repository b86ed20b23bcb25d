import { duplicateDocNumber, invalidProperty, stringTooLong } from '../faults'
import type { CompanyState } from './company-state'
import type { SalesEntity, WriteOptions } from './sales-documents'

/** DocNumber is at most 21 characters (API-NOTES.md §2.3). */
const DOC_NUMBER_MAX = 21

/** Claims a DocNumber (given or automatic), enforcing uniqueness with 6140 (§2.3). */
export function claimDocNumber(
  state: CompanyState,
  entity: SalesEntity,
  requested: unknown,
  previous: string | undefined,
  opts: WriteOptions,
): string {
  if (requested === undefined || requested === null || requested === '') {
    if (previous !== undefined) return previous
    let n = state.nextDocNumber[entity] ?? 1001
    while (state.docNumbers.has(`${entity}:${n}`)) n++
    state.nextDocNumber[entity] = n + 1
    countDoc(state, entity, String(n), 1)
    return String(n)
  }
  if (typeof requested !== 'string') throw invalidProperty('DocNumber', 'DocNumber')
  const doc = requested.trim()
  if (doc.length > DOC_NUMBER_MAX) throw stringTooLong('DocNumber', DOC_NUMBER_MAX, doc.length)
  if (doc === previous) return doc
  if (state.docNumbers.has(`${entity}:${doc}`) && !opts.allowDuplicateDocNum) throw duplicateDocNumber(doc)
  if (/^\d+$/.test(doc))
    state.nextDocNumber[entity] = Math.max(state.nextDocNumber[entity] ?? 1001, Number(doc) + 1)
  countDoc(state, entity, doc, 1)
  if (previous !== undefined) countDoc(state, entity, previous, -1)
  return doc
}

export function countDoc(state: CompanyState, entity: SalesEntity, doc: string, delta: number): void {
  const key = `${entity}:${doc}`
  const n = (state.docNumbers.get(key) ?? 0) + delta
  if (n <= 0) state.docNumbers.delete(key)
  else state.docNumbers.set(key, n)
}
