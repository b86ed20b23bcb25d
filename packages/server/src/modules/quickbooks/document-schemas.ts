/** Request schemas of the opportunity and project document routes (source of the OpenAPI document). */
import { z } from 'zod'
import { DOCUMENT_FILTERS } from './documents'

const id = z.string('Id is required').regex(/^[0-9a-f]{26}$/, 'Not a valid id')

export const documentRecordParams = z.object({ id })

const kind = z.enum(['invoice', 'payment', 'estimate'], 'Kind must be invoice, payment or estimate')

/** QBO Ids are numeric strings (API-NOTES.md §2). */
const documentId = z
  .string('Document id is required')
  .regex(/^\d{1,20}$/, 'A QuickBooks document id is a number, like "130"')

export const documentLinkParams = z.object({ id, kind, documentId })

const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const date = (label: string) =>
  z
    .string(`${label} must be a date`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date written YYYY-MM-DD`)
    .refine(isRealDate, `${label} is not a real calendar date`)
    .optional()

const cursor = z.string().max(200, 'The page cursor is too long').optional()

export const findQuery = z.object({
  kind,
  number: z
    .string('The number must be text')
    .trim()
    // DocNumber holds at most 21 characters (API-NOTES.md §2.3); empty means "no number".
    .max(21, 'A QuickBooks document number has at most 21 characters')
    .optional()
    .transform((value) => (value ? value : undefined)),
  from: date('The start date'),
  to: date('The end date'),
  cursor,
})

export const linkedDocumentsQuery = z.object({
  show: z.enum(DOCUMENT_FILTERS, `Show must be one of ${DOCUMENT_FILTERS.join(', ')}`).default('all'),
  cursor,
  /** Read QuickBooks again instead of the cached read (the Refresh button). */
  refresh: z
    .enum(['true', 'false'], 'Refresh must be true or false')
    .default('false')
    .transform((value) => value === 'true'),
})

export const documentLinkBody = z.strictObject({ kind, documentId })
