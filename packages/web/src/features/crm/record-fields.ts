import type { OpportunityStage, ProjectStatus, RecordType } from '../../api'
import type { SelectOption } from '../../ui'

type Base = { name: string; label: string; section: string; required?: boolean; hint?: string }

export type FieldDef =
  | (Base & { kind: 'text' | 'email' | 'url' | 'tel' | 'textarea' | 'date'; maxLength?: number })
  | (Base & { kind: 'decimal' | 'percent' | 'currency' })
  | (Base & { kind: 'select'; options: SelectOption[] })
  | (Base & { kind: 'address' })
  | (Base & { kind: 'domains' })
  | (Base & { kind: 'organization' })
  | (Base & { kind: 'owner' })

export const STAGE_OPTIONS: { value: OpportunityStage; label: string }[] = [
  { value: 'prospecting', label: 'Prospecting' },
  { value: 'qualification', label: 'Qualification' },
  { value: 'proposal', label: 'Proposal' },
  { value: 'negotiation', label: 'Negotiation' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
]

export const STATUS_OPTIONS: { value: ProjectStatus; label: string }[] = [
  { value: 'not_started', label: 'Not started' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'on_hold', label: 'On hold' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
]

const organizationFields: FieldDef[] = [
  { name: 'name', label: 'Name', kind: 'text', section: 'Organization', required: true, maxLength: 200 },
  { name: 'website', label: 'Website', kind: 'url', section: 'Organization' },
  {
    name: 'emailDomains',
    label: 'Email domains',
    kind: 'domains',
    section: 'Organization',
    hint: 'Separate several with commas, for example example.com, example.co.uk',
  },
  { name: 'phone', label: 'Phone', kind: 'tel', section: 'Phone and fax' },
  { name: 'otherPhone', label: 'Other phone', kind: 'tel', section: 'Phone and fax' },
  { name: 'fax', label: 'Fax', kind: 'tel', section: 'Phone and fax' },
  { name: 'billingAddress', label: 'Billing address', kind: 'address', section: 'Addresses' },
  { name: 'shippingAddress', label: 'Shipping address', kind: 'address', section: 'Addresses' },
  { name: 'background', label: 'Background', kind: 'textarea', section: 'Background' },
]

const contactFields: FieldDef[] = [
  { name: 'firstName', label: 'First name', kind: 'text', section: 'Contact', maxLength: 100 },
  { name: 'lastName', label: 'Last name', kind: 'text', section: 'Contact', maxLength: 100 },
  { name: 'title', label: 'Job title', kind: 'text', section: 'Contact' },
  { name: 'organizationId', label: 'Organization', kind: 'organization', section: 'Contact' },
  { name: 'email', label: 'Email', kind: 'email', section: 'Email and phone' },
  { name: 'otherEmail', label: 'Other email', kind: 'email', section: 'Email and phone' },
  { name: 'phone', label: 'Phone', kind: 'tel', section: 'Email and phone' },
  { name: 'mobilePhone', label: 'Mobile phone', kind: 'tel', section: 'Email and phone' },
  { name: 'fax', label: 'Fax', kind: 'tel', section: 'Email and phone' },
  { name: 'website', label: 'Website', kind: 'url', section: 'Email and phone' },
  { name: 'mailingAddress', label: 'Mailing address', kind: 'address', section: 'Addresses' },
  { name: 'otherAddress', label: 'Other address', kind: 'address', section: 'Addresses' },
  { name: 'background', label: 'Background', kind: 'textarea', section: 'Background' },
]

const opportunityFields: FieldDef[] = [
  { name: 'name', label: 'Name', kind: 'text', section: 'Opportunity', required: true, maxLength: 200 },
  { name: 'stage', label: 'Stage', kind: 'select', section: 'Opportunity', options: STAGE_OPTIONS },
  { name: 'value', label: 'Value', kind: 'decimal', section: 'Opportunity', hint: 'For example 1250.00' },
  {
    name: 'currency',
    label: 'Currency',
    kind: 'currency',
    section: 'Opportunity',
    hint: 'Three letters, like USD',
  },
  { name: 'probability', label: 'Probability (%)', kind: 'percent', section: 'Opportunity' },
  { name: 'expectedCloseDate', label: 'Expected close date', kind: 'date', section: 'Opportunity' },
  { name: 'ownerId', label: 'Owner', kind: 'owner', section: 'Opportunity' },
]

const projectFields: FieldDef[] = [
  { name: 'name', label: 'Name', kind: 'text', section: 'Project', required: true, maxLength: 200 },
  { name: 'status', label: 'Status', kind: 'select', section: 'Project', options: STATUS_OPTIONS },
  { name: 'startDate', label: 'Start date', kind: 'date', section: 'Project' },
  { name: 'dueDate', label: 'Due date', kind: 'date', section: 'Project' },
  { name: 'ownerId', label: 'Owner', kind: 'owner', section: 'Project' },
]

export const FIELDS: Record<RecordType, FieldDef[]> = {
  organizations: organizationFields,
  contacts: contactFields,
  opportunities: opportunityFields,
  projects: projectFields,
}

/** Fields grouped by section, in order. */
export const fieldSections = (type: RecordType): { title: string; fields: FieldDef[] }[] => {
  const sections: { title: string; fields: FieldDef[] }[] = []
  for (const field of FIELDS[type]) {
    const section = sections.find((s) => s.title === field.section)
    if (section) section.fields.push(field)
    else sections.push({ title: field.section, fields: [field] })
  }
  return sections
}

/** A field's label for history rows; read-only companions (owner, organization) map to their id field. */
export const fieldLabel = (type: RecordType, name: string): string => {
  const field = FIELDS[type].find((f) => f.name === name || f.name === `${name}Id`)
  return field?.label ?? name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())
}

export const fieldDef = (type: RecordType, name: string): FieldDef | undefined =>
  FIELDS[type].find((f) => f.name === name)
