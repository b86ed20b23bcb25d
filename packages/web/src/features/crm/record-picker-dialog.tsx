import { type FormEvent, useEffect, useId, useState } from 'react'
import {
  type AnyRecord,
  type Contact,
  isApiError,
  listRecords,
  type Opportunity,
  type Organization,
  type Project,
  type RecordType,
} from '../../api'
import { Dialog, ErrorMessage, SelectField, TextField, useDebouncedValue } from '../../ui'
import { formatDate } from './format-value'
import { RECORD_TYPES, recordTitle } from './record-types'

/** A second fact beside the name, so two records with the same name can be told apart. */
const pickerDetail = (type: RecordType, record: AnyRecord): string | null => {
  const r = record as Partial<Contact & Organization & Opportunity & Project>
  if (type === 'organizations') return r.billingAddress?.city ?? r.emailDomains?.[0] ?? r.phone ?? null
  if (type === 'contacts') return r.organization?.name ?? r.email ?? null
  if (type === 'opportunities')
    return r.expectedCloseDate ? `closes ${formatDate(r.expectedCloseDate)}` : null
  return r.dueDate ? `due ${formatDate(r.dueDate)}` : null
}

export type PickedRecord = { type: RecordType; id: string; name: string; role: string | null }

type Props = {
  title: string
  isOpen: boolean
  /** The kinds of record that can be picked; a select appears when there are several. */
  types: RecordType[]
  /** Ask for a role (links from opportunities and projects to their contacts and organizations). */
  withRole?: boolean
  submitLabel: string
  /** Records that cannot be picked again (already linked). */
  excludeIds?: string[]
  onPick: (picked: PickedRecord) => Promise<void>
  onClose: () => void
}

/** Search for a record by name and pick one: a radio group of results, keyboard-friendly by nature. */
export const RecordPickerDialog = (props: Props) => (
  <Dialog title={props.title} isOpen={props.isOpen} onClose={props.onClose} size="medium">
    <PickerBody {...props} />
  </Dialog>
)

const PickerBody = ({ types, withRole, submitLabel, excludeIds = [], onPick, onClose }: Props) => {
  const [type, setType] = useState<RecordType>(types[0] ?? 'organizations')
  const [query, setQuery] = useState('')
  const debouncedQuery = useDebouncedValue(query, 250)
  const [results, setResults] = useState<AnyRecord[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [role, setRole] = useState('')
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const groupId = useId()

  useEffect(() => {
    const controller = new AbortController()
    setLoadError(null)
    listRecords(type, { q: debouncedQuery.trim(), limit: 10 }, controller.signal).then(
      (page) => setResults(page.items),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setLoadError(isApiError(error) ? error.message : 'Could not search. Try again.')
      },
    )
    return () => controller.abort()
  }, [type, debouncedQuery])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    // React events bubble through portals: keep this submit away from any form around the dialog's opener.
    event.stopPropagation()
    const record = results?.find((r) => r.id === selectedId)
    if (!record) {
      setSubmitError(`Choose a ${RECORD_TYPES[type].noun} from the list first.`)
      return
    }
    setIsBusy(true)
    setSubmitError(null)
    try {
      await onPick({ type, id: record.id, name: recordTitle(type, record), role: role.trim() || null })
    } catch (error) {
      setSubmitError(isApiError(error) ? error.message : 'Could not save. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  const info = RECORD_TYPES[type]
  const visible = results?.filter((r) => !excludeIds.includes(r.id)) ?? null

  return (
    <form onSubmit={onSubmit} noValidate className="picker">
      {types.length > 1 ? (
        <SelectField
          label="Kind of record"
          value={type}
          onChange={(next) => {
            setType(next as RecordType)
            setSelectedId(null)
            setResults(null)
          }}
          options={types.map((t) => ({ value: t, label: RECORD_TYPES[t].singular }))}
        />
      ) : null}
      <TextField
        label={`Search ${info.plural.toLowerCase()}`}
        type="search"
        value={query}
        onChange={setQuery}
        placeholder="Type part of a name"
        autoFocus
      />
      <fieldset className="picker-results">
        <legend id={groupId}>Results</legend>
        {loadError ? <ErrorMessage message={loadError} /> : null}
        {visible === null && !loadError ? <p className="muted">Searching…</p> : null}
        {visible !== null && visible.length === 0 ? (
          <p className="muted">
            No {info.plural.toLowerCase()} match{debouncedQuery ? ` “${debouncedQuery}”` : ''}.
          </p>
        ) : null}
        {visible?.map((record) => (
          <label key={record.id} className={`picker-option${record.id === selectedId ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name="picked-record"
              value={record.id}
              checked={record.id === selectedId}
              onChange={() => setSelectedId(record.id)}
            />
            <span>
              {recordTitle(type, record)}
              {pickerDetail(type, record) ? (
                <span className="muted small"> · {pickerDetail(type, record)}</span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {withRole ? (
        <TextField
          label="Role (optional)"
          value={role}
          onChange={setRole}
          placeholder="For example Decision maker"
        />
      ) : null}
      {submitError ? (
        <p className="form-error" role="alert">
          {submitError}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={isBusy}>
          {isBusy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
