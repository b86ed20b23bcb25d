import type { ReactNode } from 'react'
import type { Contact, Opportunity, Organization, Project, RecordByType, RecordType } from '../../api'
import { formatDate, formatMoney } from './format-value'
import { STAGE_OPTIONS, STATUS_OPTIONS } from './record-fields'

export type ListColumn<T> = {
  header: string
  render: (record: T) => ReactNode
  /** Secondary columns are hidden on narrow screens. */
  isSecondary?: boolean
  align?: 'end'
}

type Columns = { [K in RecordType]: ListColumn<RecordByType[K]>[] }

const stageLabel = (stage: Opportunity['stage']) =>
  STAGE_OPTIONS.find((o) => o.value === stage)?.label ?? stage
const statusLabel = (status: Project['status']) =>
  STATUS_OPTIONS.find((o) => o.value === status)?.label ?? status

/** The columns after the name column, per record type. */
export const LIST_COLUMNS: Columns = {
  organizations: [
    { header: 'Phone', render: (o: Organization) => o.phone },
    { header: 'Website', render: (o: Organization) => o.website, isSecondary: true },
    {
      header: 'City',
      render: (o: Organization) => o.billingAddress?.city ?? o.shippingAddress?.city,
      isSecondary: true,
    },
  ],
  contacts: [
    { header: 'Organization', render: (c: Contact) => c.organization?.name },
    { header: 'Email', render: (c: Contact) => c.email, isSecondary: true },
    { header: 'Phone', render: (c: Contact) => c.phone ?? c.mobilePhone, isSecondary: true },
  ],
  opportunities: [
    {
      header: 'Stage',
      render: (o: Opportunity) => <span className={`badge badge-${o.stage}`}>{stageLabel(o.stage)}</span>,
    },
    { header: 'Value', render: (o: Opportunity) => formatMoney(o.value, o.currency), align: 'end' },
    {
      header: 'Expected close',
      render: (o: Opportunity) => formatDate(o.expectedCloseDate),
      isSecondary: true,
    },
    { header: 'Owner', render: (o: Opportunity) => o.owner?.name, isSecondary: true },
  ],
  projects: [
    {
      header: 'Status',
      render: (p: Project) => <span className={`badge badge-${p.status}`}>{statusLabel(p.status)}</span>,
    },
    { header: 'Due', render: (p: Project) => formatDate(p.dueDate) },
    { header: 'Owner', render: (p: Project) => p.owner?.name, isSecondary: true },
  ],
}
