import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { Address, Contact, Opportunity } from '../../api'
import { addressLines, formatDate, formatMoney, formatTimestamp } from './format-value'
import { type FieldDef, fieldSections } from './record-fields'
import type { RecordTabProps } from './record-tab-registry'
import { recordPath } from './record-types'

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)

const renderValue = (field: FieldDef, record: Record<string, unknown>): ReactNode => {
  const value = record[field.name]
  switch (field.kind) {
    case 'address': {
      const lines = addressLines(value as Address | null)
      return lines.length ? (
        <address>
          {lines.map((line) => (
            <span key={line} className="address-line">
              {line}
            </span>
          ))}
        </address>
      ) : null
    }
    case 'organization': {
      const organization = (record as unknown as Contact).organization
      return organization ? (
        <Link to={recordPath('organizations', organization.id)}>{organization.name}</Link>
      ) : null
    }
    case 'owner':
      return (record.owner as { name: string } | null)?.name ?? null
    case 'select':
      return field.options.find((o) => o.value === value)?.label ?? (value as string)
    case 'date':
      return formatDate(value as string | null)
    case 'decimal': {
      const opportunity = record as unknown as Opportunity
      return isEmpty(value) ? null : formatMoney(value as string, opportunity.currency)
    }
    case 'percent':
      return isEmpty(value) ? null : `${value}%`
    case 'domains':
      return (value as string[]).join(', ')
    case 'email':
      return isEmpty(value) ? null : <a href={`mailto:${value}`}>{value as string}</a>
    case 'tel':
      return isEmpty(value) ? null : <a href={`tel:${value}`}>{value as string}</a>
    case 'url': {
      if (isEmpty(value)) return null
      const href = /^https?:\/\//i.test(value as string) ? (value as string) : `https://${value}`
      return (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {value as string}
        </a>
      )
    }
    case 'textarea':
      return isEmpty(value) ? null : <span className="pre-wrap">{value as string}</span>
    default:
      return isEmpty(value) ? null : String(value)
  }
}

/** Every field of the record, read-only, grouped as in the form. */
export const DetailsTab = ({ type, record }: RecordTabProps) => {
  const source = record as unknown as Record<string, unknown>
  return (
    <div className="details">
      {fieldSections(type).map((section) => (
        <section key={section.title} className="details-section" aria-labelledby={`details-${section.title}`}>
          <h2 id={`details-${section.title}`} className="section-title">
            {section.title}
          </h2>
          <dl className="details-list">
            {section.fields
              .filter((field) => field.kind !== 'currency')
              .map((field) => {
                const shown = renderValue(field, source)
                return (
                  <div
                    key={field.name}
                    className={`details-item${field.kind === 'textarea' ? ' details-wide' : ''}`}
                  >
                    <dt>{field.label}</dt>
                    <dd>{shown === null || shown === '' ? <span className="muted">Not set</span> : shown}</dd>
                  </div>
                )
              })}
          </dl>
        </section>
      ))}
      <p className="muted record-meta">
        Created {formatTimestamp(record.createdAt)}
        {record.createdBy ? ` by ${record.createdBy.name}` : ''} · last updated{' '}
        {formatTimestamp(record.updatedAt)}
      </p>
    </div>
  )
}
