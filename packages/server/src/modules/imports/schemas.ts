import { z } from 'zod'

export const previewQuery = z.object({
  recordType: z.enum(['organization', 'contact'], 'recordType must be organization or contact'),
})

export const importParams = z.object({ id: z.string().regex(/^[0-9a-f]{26}$/, 'Not a valid id') })

export const runBody = z.strictObject({
  mapping: z.record(
    z.string().max(500, 'Column names must be at most 500 characters'),
    z.string().max(100).nullable(),
    'mapping must be an object from column to field name (or null)',
  ),
})

export const csvBody = z
  .string('Send the CSV file as the request body (content-type text/csv)')
  .min(1, 'The file is empty')
