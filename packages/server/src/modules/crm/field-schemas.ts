import { z } from 'zod'

/** An optional text field: trimmed, empty means null. */
export const optionalText = (label: string, max = 1000) =>
  z
    .string(`${label} must be text`)
    .max(max, `${label} must be at most ${max} characters`)
    .transform((value) => value.trim() || null)
    .nullable()

export const requiredName = (label = 'Name') =>
  z
    .string(`${label} is required`)
    .trim()
    .min(1, `${label} is required`)
    .max(200, `${label} must be at most 200 characters`)

export const addressSchema = z
  .strictObject(
    {
      street: optionalText('Street', 1000).optional(),
      city: optionalText('City', 200).optional(),
      region: optionalText('Region', 200).optional(),
      postalCode: optionalText('Postal code', 50).optional(),
      country: optionalText('Country', 200).optional(),
    },
    'An address must be an object with street, city, region, postalCode and country',
  )
  .transform((address) => {
    const full = {
      street: address.street ?? null,
      city: address.city ?? null,
      region: address.region ?? null,
      postalCode: address.postalCode ?? null,
      country: address.country ?? null,
    }
    return Object.values(full).every((value) => value === null) ? null : full
  })
  .nullable()

export type Address = {
  street: string | null
  city: string | null
  region: string | null
  postalCode: string | null
  country: string | null
}

const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export const dateField = (label: string) =>
  z
    .string(`${label} must be a date (YYYY-MM-DD)`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD)`)
    .refine(isRealDate, `${label} is not a real date`)
    .nullable()

export const emailField = (label: string) =>
  z
    .union([z.literal(''), z.email(`${label} must be a valid email address`).max(254)], {
      error: `${label} must be a valid email address`,
    })
    .transform((value) => (value === '' ? null : value.toLowerCase()))
    .nullable()

export const idRef = (label: string) =>
  z
    .string(`${label} must be an id`)
    .regex(/^[0-9a-f]{26}$/, `${label} is not a valid id`)
    .nullable()
