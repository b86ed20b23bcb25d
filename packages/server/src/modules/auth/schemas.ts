import { z } from 'zod'

export const signInBody = z.strictObject({
  email: z.string().trim().min(1, 'Email is required').max(254, 'Email must be at most 254 characters'),
  password: z.string().min(1, 'Password is required').max(200, 'Password is too long'),
})

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Current password is required').max(200, 'Password is too long'),
  newPassword: z
    .string()
    .min(8, 'New password must be at least 8 characters')
    .max(200, 'Password is too long'),
})
