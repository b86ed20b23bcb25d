export type Role = 'admin' | 'member'

export type SessionUser = { id: string; email: string; name: string; role: Role }
export type Session = { user: SessionUser; workspace: { id: string; name: string }; csrfToken: string }

export type Member = { id: string; name: string; email: string; role: Role }
export type User = Member & { createdAt: string }

export type RecordType = 'organizations' | 'contacts' | 'opportunities' | 'projects'
export type RecordKind = 'organization' | 'contact' | 'opportunity' | 'project'

export type Address = {
  street: string | null
  city: string | null
  region: string | null
  postalCode: string | null
  country: string | null
}

export type NamedRef = { id: string; name: string }

type RecordBase = { id: string; createdAt: string; updatedAt: string; createdBy: NamedRef | null }

export type Organization = RecordBase & {
  name: string
  phone: string | null
  otherPhone: string | null
  fax: string | null
  emailDomains: string[]
  website: string | null
  billingAddress: Address | null
  shippingAddress: Address | null
  background: string | null
}

export type Contact = RecordBase & {
  firstName: string | null
  lastName: string | null
  title: string | null
  organizationId: string | null
  organization: NamedRef | null
  email: string | null
  otherEmail: string | null
  phone: string | null
  mobilePhone: string | null
  fax: string | null
  website: string | null
  mailingAddress: Address | null
  otherAddress: Address | null
  background: string | null
}

export type OpportunityStage = 'prospecting' | 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost'

export type Opportunity = RecordBase & {
  name: string
  value: string | null
  currency: string
  stage: OpportunityStage
  probability: number | null
  expectedCloseDate: string | null
  ownerId: string | null
  owner: NamedRef | null
}

export type ProjectStatus = 'not_started' | 'in_progress' | 'on_hold' | 'completed' | 'cancelled'

export type Project = RecordBase & {
  name: string
  status: ProjectStatus
  startDate: string | null
  dueDate: string | null
  ownerId: string | null
  owner: NamedRef | null
}

export type RecordByType = {
  organizations: Organization
  contacts: Contact
  opportunities: Opportunity
  projects: Project
}

export type AnyRecord = Organization | Contact | Opportunity | Project

export type SortKey = 'name' | '-name' | 'updatedAt' | '-updatedAt' | 'createdAt' | '-createdAt'

export type Page<T> = { items: T[]; nextCursor: string | null }

export type Link = {
  id: string
  recordType: RecordKind
  recordId: string
  name: string
  role: string | null
  createdAt: string
}

export type HistoryAction = 'create' | 'update' | 'undo' | 'import' | 'copy_from_quickbooks'

export type HistoryChange = { field: string; oldValue: unknown; newValue: unknown }

export type HistoryEntry = {
  id: string
  changedAt: string
  user: NamedRef | null
  action: HistoryAction
  changes: HistoryChange[]
}

export type ImportRecordType = 'organization' | 'contact'

export type ImportPreview = {
  id: string
  recordType: ImportRecordType
  columns: string[]
  sampleRows: string[][]
  rowCount: number
  suggestedMapping: Record<string, string | null>
  fields: { name: string; label: string; required: boolean }[]
}

export type ImportStatus = {
  id: string
  status: 'previewed' | 'running' | 'completed' | 'failed'
  total: number
  processed: number
  created: number
  failed: number
  errors: { row: number; message: string }[]
}
