import { z } from 'zod'
import type { RecordTypeName } from '../../db'
import { addressSchema, dateField, emailField, idRef, optionalText, requiredName } from './field-schemas'

export type RecordType = RecordTypeName
export type RecordPath = 'organizations' | 'contacts' | 'opportunities' | 'projects'
export type RecordData = Record<string, unknown>

/** Money keeps exactly two decimals as text ("1250" → "1250.00"), never a float. */
const toMoneyString = (value: string): string => {
  const [whole = '0', fraction = ''] = value.split('.')
  return `${whole}.${fraction.padEnd(2, '0')}`
}

const organizationFields = {
  name: requiredName(),
  phone: optionalText('Phone', 50),
  otherPhone: optionalText('Other phone', 50),
  fax: optionalText('Fax', 50),
  emailDomains: z
    .array(
      z
        .string('Email domains must be text')
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'Each email domain must look like example.com')
        .max(253),
      'Email domains must be a list',
    )
    .max(20, 'At most 20 email domains'),
  website: optionalText('Website', 500),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  background: optionalText('Background', 10_000),
}

const contactFields = {
  firstName: optionalText('First name', 100),
  lastName: optionalText('Last name', 100),
  title: optionalText('Title', 200),
  organizationId: idRef('Organization'),
  email: emailField('Email'),
  otherEmail: emailField('Other email'),
  phone: optionalText('Phone', 50),
  mobilePhone: optionalText('Mobile phone', 50),
  fax: optionalText('Fax', 50),
  website: optionalText('Website', 500),
  mailingAddress: addressSchema,
  otherAddress: addressSchema,
  background: optionalText('Background', 10_000),
}

const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const
const STATUSES = ['not_started', 'in_progress', 'on_hold', 'completed', 'cancelled'] as const

const opportunityFields = {
  name: requiredName(),
  value: z
    .string('Value must be a decimal number as text, like "1250.00"')
    .regex(
      /^-?\d{1,13}(\.\d{1,2})?$/,
      'Value must be a decimal number with at most 2 decimals, like "1250.00"',
    )
    .transform(toMoneyString)
    .nullable(),
  currency: z
    .string('Currency must be a 3-letter code')
    .regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code such as USD'),
  stage: z.enum(STAGES, `Stage must be one of ${STAGES.join(', ')}`),
  probability: z
    .number('Probability must be a number from 0 to 100')
    .int('Probability must be a whole number')
    .min(0, 'Probability must be at least 0')
    .max(100, 'Probability must be at most 100')
    .nullable(),
  expectedCloseDate: dateField('Expected close date'),
  ownerId: idRef('Owner'),
}

const projectFields = {
  name: requiredName(),
  status: z.enum(STATUSES, `Status must be one of ${STATUSES.join(', ')}`),
  startDate: dateField('Start date'),
  dueDate: dateField('Due date'),
  ownerId: idRef('Owner'),
}

const DEFAULTS: Record<RecordType, RecordData> = {
  organization: { emailDomains: [] },
  contact: {},
  opportunity: { currency: 'USD', stage: 'prospecting' },
  project: { status: 'not_started' },
}

const FIELDS = {
  organization: organizationFields,
  contact: contactFields,
  opportunity: opportunityFields,
  project: projectFields,
} as const

export const RECORD_TYPES: readonly RecordType[] = ['organization', 'contact', 'opportunity', 'project']

export const PATH_OF: Record<RecordType, RecordPath> = {
  organization: 'organizations',
  contact: 'contacts',
  opportunity: 'opportunities',
  project: 'projects',
}

export const LABEL_OF: Record<RecordType, string> = {
  organization: 'organization',
  contact: 'contact',
  opportunity: 'opportunity',
  project: 'project',
}

/** Request body schemas: create (required fields required, others optional) and patch (any subset). */
export const createSchemaOf = (type: RecordType) => {
  const fields = FIELDS[type]
  const optional = Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [key, key === 'name' ? schema : schema.optional()]),
  )
  return z.strictObject(optional as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> })
}

export const patchSchemaOf = (type: RecordType) => z.strictObject(FIELDS[type]).partial()

export const fieldNamesOf = (type: RecordType): string[] => Object.keys(FIELDS[type])

/** A full record body: every field present, missing ones at their default (null for optional fields). */
export const withDefaults = (type: RecordType, input: RecordData): RecordData => {
  const data: RecordData = {}
  for (const field of fieldNamesOf(type)) {
    data[field] = input[field] !== undefined ? input[field] : (DEFAULTS[type][field] ?? null)
  }
  return data
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

export const displayNameOf = (type: RecordType, data: RecordData): string =>
  type === 'contact' ? [text(data.firstName), text(data.lastName)].filter(Boolean).join(' ') : text(data.name)

/** Lower-cased text that `q` searches: names, plus emails and phones of contacts, email domains of organizations. */
export const searchTextOf = (type: RecordType, data: RecordData): string => {
  const parts = [displayNameOf(type, data)]
  if (type === 'contact') {
    parts.push(text(data.email), text(data.otherEmail), text(data.phone), text(data.mobilePhone))
  }
  if (type === 'organization') {
    parts.push(...(Array.isArray(data.emailDomains) ? data.emailDomains.map(text) : []), text(data.phone))
  }
  return parts.filter(Boolean).join('\n').toLowerCase()
}

/** Rules that involve several fields; checked on the merged record after every create and update. */
export const crossFieldProblems = (type: RecordType, data: RecordData) => {
  const problems: { path: string; message: string }[] = []
  if (type === 'contact' && !data.firstName && !data.lastName) {
    problems.push({ path: 'lastName', message: 'Enter a first name or a last name' })
  }
  if (type === 'project' && data.startDate && data.dueDate && text(data.dueDate) < text(data.startDate)) {
    problems.push({ path: 'dueDate', message: 'Due date must be on or after the start date' })
  }
  return problems
}
