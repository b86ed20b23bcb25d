/** Request schemas of the QuickBooks tab routes of organizations and contacts (source of the OpenAPI). */
import { z } from 'zod'
import { MAX_COPY_TOKEN_LENGTH } from './copy-token'
import { DOCUMENT_FILTERS } from './documents'

const id = z.string('Id is required').regex(/^[0-9a-f]{26}$/, 'Not a valid id')

export const recordParams = z.object({ id })

/** QBO Ids are numeric strings (API-NOTES.md §1). */
const customerId = z
  .string('Customer id is required')
  .regex(/^\d{1,20}$/, 'A QuickBooks customer id is a number, like "58"')

const show = z.enum(DOCUMENT_FILTERS, `Show must be one of ${DOCUMENT_FILTERS.join(', ')}`).default('all')

const refresh = z
  .enum(['true', 'false'], 'Refresh must be true or false')
  .default('false')
  .transform((value) => value === 'true')

const cursor = z.string().max(200, 'The page cursor is too long').optional()

export const tabQuery = z.object({ show, refresh })

export const documentsQuery = z.object({
  show,
  cursor,
  refresh,
  limit: z.coerce
    .number('Limit must be a number')
    .int('Limit must be a whole number')
    .min(1, 'Limit must be at least 1')
    .max(100, 'Limit must be at most 100')
    .default(25),
})

export const searchQuery = z.object({
  q: z
    .string('Type part of a name or an email address')
    .trim()
    .min(1, 'Type part of a name or an email address')
    .max(100, 'Search text must be at most 100 characters'),
  cursor,
})

export const linkBody = z.strictObject({ customerId })

export const newCustomerBody = z.strictObject({
  displayName: z
    .string('The customer name must be text')
    .trim()
    .min(1, 'The customer name cannot be empty')
    .max(500, 'The customer name must be at most 500 characters')
    .optional(),
  requestId: z
    .string('The request id must be text')
    .regex(/^[A-Za-z0-9-]{8,50}$/, 'The request id must be 8–50 letters, digits or dashes (a UUID)')
    .optional(),
})

const direction = z.enum(
  ['to_quickbooks', 'from_quickbooks'],
  'Direction must be to_quickbooks or from_quickbooks',
)

export const copyQuery = z.object({ direction })

export const copyBody = z.strictObject({
  direction,
  fields: z
    .array(z.string('Each field must be a field name').min(1).max(50), 'Fields must be a list of field names')
    .min(1, 'Pick at least one field to copy')
    .max(20, 'At most 20 fields'),
  syncToken: z
    .string('The preview token must be text')
    .min(1)
    .max(MAX_COPY_TOKEN_LENGTH, 'The preview token is too long')
    .optional(),
})
