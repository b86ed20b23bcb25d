import type { AnyRecord, Contact, RecordKind, RecordType } from '../../api'

export type RecordTypeInfo = {
  type: RecordType
  kind: RecordKind
  singular: string
  plural: string
  /** Lower-case singular for sentences ("Delete this organization?"). */
  noun: string
  canImport: boolean
}

export const RECORD_TYPES: Record<RecordType, RecordTypeInfo> = {
  organizations: {
    type: 'organizations',
    kind: 'organization',
    singular: 'Organization',
    plural: 'Organizations',
    noun: 'organization',
    canImport: true,
  },
  contacts: {
    type: 'contacts',
    kind: 'contact',
    singular: 'Contact',
    plural: 'Contacts',
    noun: 'contact',
    canImport: true,
  },
  opportunities: {
    type: 'opportunities',
    kind: 'opportunity',
    singular: 'Opportunity',
    plural: 'Opportunities',
    noun: 'opportunity',
    canImport: false,
  },
  projects: {
    type: 'projects',
    kind: 'project',
    singular: 'Project',
    plural: 'Projects',
    noun: 'project',
    canImport: false,
  },
}

export const RECORD_TYPE_ORDER: RecordType[] = ['organizations', 'contacts', 'opportunities', 'projects']

export const isRecordType = (value: string | undefined): value is RecordType =>
  value !== undefined && (RECORD_TYPE_ORDER as string[]).includes(value)

const TYPE_BY_KIND: Record<RecordKind, RecordType> = {
  organization: 'organizations',
  contact: 'contacts',
  opportunity: 'opportunities',
  project: 'projects',
}

export const typeForKind = (kind: RecordKind): RecordType => TYPE_BY_KIND[kind]

export const contactName = (contact: Pick<Contact, 'firstName' | 'lastName'>): string =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || '(no name)'

/** The name a record is shown by: contacts have first and last names, the others a name. */
export const recordTitle = (type: RecordType, record: AnyRecord): string =>
  type === 'contacts' ? contactName(record as Contact) : (record as { name: string }).name

export const recordPath = (type: RecordType, id: string, tab?: string): string =>
  `/${type}/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`
