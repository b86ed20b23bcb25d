import { useState } from 'react'
import type { RecordType } from '../../api'
import {
  type AddressDraft,
  AddressFieldset,
  FieldFrame,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui'
import type { Draft, DraftErrors } from './record-draft'
import { type FieldDef, fieldSections } from './record-fields'
import { RecordPickerDialog } from './record-picker-dialog'
import { useMembers } from './use-members'

type Props = {
  type: RecordType
  draft: Draft
  onChange: (draft: Draft) => void
  errors: DraftErrors
}

const INPUT_TYPE = { text: 'text', email: 'email', url: 'url', tel: 'tel', date: 'date' } as const

/** Every field of a record type, grouped in sections, with each field's error under it. */
export const RecordFormFields = ({ type, draft, onChange, errors }: Props) => {
  const setValue = (name: string) => (value: string) =>
    onChange({ ...draft, values: { ...draft.values, [name]: value } })
  const setAddress = (name: string) => (value: AddressDraft) =>
    onChange({ ...draft, addresses: { ...draft.addresses, [name]: value } })

  const renderField = (field: FieldDef) => {
    const common = {
      label: field.label,
      name: field.name,
      value: draft.values[field.name] ?? '',
      onChange: setValue(field.name),
      error: errors[field.name],
      required: field.required,
      hint: field.hint,
    }
    switch (field.kind) {
      case 'address': {
        const partErrors = Object.fromEntries(
          Object.entries(errors)
            .filter(([path]) => path.startsWith(`${field.name}.`))
            .map(([path, message]) => [path.slice(field.name.length + 1), message]),
        )
        return (
          <div key={field.name}>
            <AddressFieldset
              legend={field.label}
              value={
                draft.addresses[field.name] ?? {
                  street: '',
                  city: '',
                  region: '',
                  postalCode: '',
                  country: '',
                }
              }
              onChange={setAddress(field.name)}
              errors={partErrors}
            />
            {errors[field.name] ? <p className="field-error">{errors[field.name]}</p> : null}
          </div>
        )
      }
      case 'textarea':
        return <TextAreaField key={field.name} {...common} rows={4} className="field-wide" />
      case 'select':
        return <SelectField key={field.name} {...common} options={field.options} />
      case 'owner':
        return <OwnerField key={field.name} {...common} />
      case 'organization':
        return (
          <OrganizationField
            key={field.name}
            label={field.label}
            organizationId={draft.values[field.name] ?? ''}
            organizationName={draft.organizationName}
            error={errors[field.name]}
            onChange={(id, name) =>
              onChange({ ...draft, values: { ...draft.values, [field.name]: id }, organizationName: name })
            }
          />
        )
      case 'domains':
        return <TextField key={field.name} {...common} />
      case 'decimal':
        return <TextField key={field.name} {...common} inputMode="decimal" />
      case 'percent':
        return <TextField key={field.name} {...common} inputMode="numeric" />
      case 'currency':
        return <TextField key={field.name} {...common} autoComplete="off" />
      default:
        return <TextField key={field.name} {...common} type={INPUT_TYPE[field.kind]} />
    }
  }

  return (
    <>
      {fieldSections(type).map((section) => (
        <section key={section.title} className="form-section" aria-label={section.title}>
          <h2 className="form-section-title">{section.title}</h2>
          <div className="form-grid">{section.fields.map(renderField)}</div>
        </section>
      ))}
    </>
  )
}

const OwnerField = (props: {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
}) => {
  const { members, error } = useMembers()
  const options = [
    { value: '', label: 'No owner' },
    ...members.map((member) => ({ value: member.id, label: member.name })),
  ]
  // Keep the current owner selectable while the members list is still loading.
  if (props.value && !members.some((m) => m.id === props.value))
    options.push({ value: props.value, label: '…' })
  return <SelectField {...props} options={options} error={props.error ?? error ?? undefined} />
}

const OrganizationField = ({
  label,
  organizationId,
  organizationName,
  error,
  onChange,
}: {
  label: string
  organizationId: string
  organizationName: string
  error?: string | undefined
  onChange: (id: string, name: string) => void
}) => {
  const [isPicking, setIsPicking] = useState(false)
  return (
    <FieldFrame label={label} error={error}>
      {({ inputId, describedBy }) => (
        <div className="reference-field">
          <output id={inputId} aria-describedby={describedBy} className="reference-value">
            {organizationId ? organizationName || 'Selected organization' : 'None'}
          </output>
          <button type="button" className="btn btn-small" onClick={() => setIsPicking(true)}>
            {organizationId ? 'Change…' : 'Choose…'}
          </button>
          {organizationId ? (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => onChange('', '')}>
              Clear
            </button>
          ) : null}
          <RecordPickerDialog
            title="Choose an organization"
            isOpen={isPicking}
            types={['organizations']}
            submitLabel="Choose"
            onClose={() => setIsPicking(false)}
            onPick={async (picked) => {
              onChange(picked.id, picked.name)
              setIsPicking(false)
            }}
          />
        </div>
      )}
    </FieldFrame>
  )
}
