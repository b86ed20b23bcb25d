import { z } from 'zod'

export const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{26}$/, 'Not a valid id') })

const name = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters')
const role = z.enum(['admin', 'member'], 'Role must be admin or member')

export const createUserBody = z.strictObject({
  email: z.email('Enter a valid email address').max(254, 'Email must be at most 254 characters'),
  name,
  role,
  password: z.string().min(8, 'Password must be at least 8 characters').max(200, 'Password is too long'),
})

export const updateUserBody = z.strictObject({ name: name.optional(), role: role.optional() })
