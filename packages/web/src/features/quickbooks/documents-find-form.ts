import type { FindDocumentsQuery, QuickbooksDocumentType } from '../../api'

/** What the Find dialog's fields hold. */
export type FindDraft = { number: string; from: string; to: string }

export const emptyFindDraft: FindDraft = { number: '', from: '', to: '' }

/** Per-field problems of a Find draft, in words. */
export type FindProblems = Partial<Record<keyof FindDraft | 'form', string>>

/** The date a document kind is searched by, as the dialog names it. */
export const DATE_LABELS: Record<QuickbooksDocumentType, string> = {
  invoice: 'Invoice date',
  payment: 'Payment date',
  estimate: 'Estimate date',
}

/** The number a document kind is searched by. */
export const NUMBER_LABELS: Record<QuickbooksDocumentType, string> = {
  invoice: 'Invoice number',
  payment: 'Reference number',
  estimate: 'Estimate number',
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Checks a draft the way the server does (a number and/or a date range, the range in order) so the person
 * hears about it before a request is made. Returns the query to send, or the problems.
 */
export const toFindQuery = (
  kind: QuickbooksDocumentType,
  draft: FindDraft,
): { query: FindDocumentsQuery } | { problems: FindProblems } => {
  const number = draft.number.trim()
  const problems: FindProblems = {}
  if (number.length > 21) problems.number = 'A QuickBooks number has at most 21 characters.'
  if (draft.from && !DATE.test(draft.from)) problems.from = 'Enter a date.'
  if (draft.to && !DATE.test(draft.to)) problems.to = 'Enter a date.'
  if (!number && !draft.from && !draft.to) problems.form = 'Enter a number, a date range, or both.'
  if (!problems.from && !problems.to && draft.from && draft.to && draft.from > draft.to)
    problems.to = 'The end date must be on or after the start date.'
  if (Object.keys(problems).length > 0) return { problems }
  const query: FindDocumentsQuery = { kind }
  if (number) query.number = number
  if (draft.from) query.from = draft.from
  if (draft.to) query.to = draft.to
  return { query }
}

/** "via Acme Corp and Dora Docs": the records an indirect document comes through. */
export const viaText = (names: readonly string[]): string => {
  if (names.length === 0) return ''
  if (names.length === 1) return `via ${names[0]}`
  return `via ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
