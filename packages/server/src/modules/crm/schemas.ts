import { z } from 'zod'
import { SORT_OPTIONS } from './cursor'

const id = z.string('Id is required').regex(/^[0-9a-f]{26}$/, 'Not a valid id')

export const idParams = z.object({ id })

export const listQuery = z.object({
  q: z.string().max(200, 'Search text must be at most 200 characters').optional(),
  sort: z.enum(SORT_OPTIONS, `Sort must be one of ${SORT_OPTIONS.join(', ')}`).default('name'),
  limit: z.coerce
    .number('Limit must be a number')
    .int('Limit must be a whole number')
    .min(1, 'Limit must be at least 1')
    .max(100, 'Limit must be at most 100')
    .default(25),
  cursor: z.string().max(1000, 'The page cursor is too long').optional(),
})

const recordType = z.enum(['organization', 'contact', 'opportunity', 'project'], 'Record type is not valid')

export const createLinkBody = z.strictObject({
  recordType,
  recordId: id,
  role: z
    .string('Role must be text')
    .trim()
    .max(100, 'Role must be at most 100 characters')
    .transform((value) => value || null)
    .nullable()
    .optional(),
})

export const linkParams = z.object({
  id,
  linkId: z.string().regex(/^[0-9a-f]{26}$/, 'This link cannot be removed here (not a valid link id)'),
})

export const historyQuery = z.object({ cursor: id.optional() })

export const changeParams = z.object({ id, changeId: id })

export const undoBody = z.strictObject({
  field: z.string('Field is required').min(1, 'Field is required').max(100),
})
