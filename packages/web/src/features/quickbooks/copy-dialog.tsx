import { type FormEvent, useEffect, useState } from 'react'
import {
  type CopyDirection,
  type CopyPreviewEntry,
  type CustomerRecordType,
  copyQuickbooksFields,
  isApiError,
  previewQuickbooksCopy,
} from '../../api'
import { Dialog, ErrorMessage, LoadingState } from '../../ui'
import { copiedMessage, copyValueText, readChangedMeanwhile, selectableFields } from './copy-selection'
import { errorCodeOf, quickbooksErrorMessage } from './quickbooks-words'

type Props = {
  type: CustomerRecordType
  recordId: string
  direction: CopyDirection
  onClose: () => void
  onCopied: (message: string) => void
}

type Preview = { entries: CopyPreviewEntry[]; syncToken: string | null }

const TITLES: Record<CopyDirection, string> = {
  to_quickbooks: 'Copy to QuickBooks',
  from_quickbooks: 'Copy from QuickBooks',
}

/**
 * Copy information, field by field: what the target holds now, what it would get, and a checkbox per field.
 * Fields that are equal, or whose value the target would refuse, cannot be chosen.
 */
export const CopyDialog = ({ type, recordId, direction, onClose, onCopied }: Props) => {
  const [preview, setPreview] = useState<Preview | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [changedMeanwhile, setChangedMeanwhile] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const target = direction === 'to_quickbooks' ? 'QuickBooks' : 'Ledgerlink'

  useEffect(() => {
    const controller = new AbortController()
    previewQuickbooksCopy(type, recordId, direction, controller.signal).then(
      (next) => {
        // Nothing is chosen up front: every overwrite is the person's own choice.
        setPreview(next)
      },
      (failure: unknown) => {
        if (!controller.signal.aborted)
          setLoadError(quickbooksErrorMessage(failure, 'Could not prepare the copy.'))
      },
    )
    return () => controller.abort()
  }, [type, recordId, direction])

  const toggle = (field: string, isChecked: boolean) => {
    const next = new Set(selected)
    if (isChecked) next.add(field)
    else next.delete(field)
    setSelected(next)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    event.stopPropagation()
    if (!preview || selected.size === 0) return
    setIsBusy(true)
    setError(null)
    try {
      const result = await copyQuickbooksFields(type, recordId, {
        direction,
        fields: [...selected],
        syncToken: preview.syncToken,
      })
      onCopied(copiedMessage(preview.entries, result.copied, target))
    } catch (failure) {
      if (errorCodeOf(failure) === 'changed_meanwhile' && isApiError(failure)) {
        const fresh = readChangedMeanwhile(failure.details, preview)
        setPreview(fresh)
        setSelected(new Set([...selected].filter((field) => selectableFields(fresh.entries).has(field))))
        setChangedMeanwhile(true)
      } else setError(quickbooksErrorMessage(failure, 'Could not copy.'))
      setIsBusy(false)
    }
  }

  return (
    <Dialog title={TITLES[direction]} isOpen onClose={onClose} size="medium">
      {loadError ? <ErrorMessage message={loadError} /> : null}
      {!preview && !loadError ? <LoadingState label="Comparing the two…" /> : null}
      {preview ? (
        <form onSubmit={submit} noValidate>
          <p className="dialog-message">
            Choose what to copy.{' '}
            {direction === 'from_quickbooks'
              ? 'The values replaced in Ledgerlink stay in the record’s history, so each copy can be undone.'
              : 'Only the chosen fields change in QuickBooks.'}
          </p>
          {changedMeanwhile ? (
            <p className="warning-notice" role="alert">
              Someone changed some of these fields in QuickBooks meanwhile. Check the values below and copy
              again.
            </p>
          ) : null}
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <fieldset className="copy-fields">
            <legend className="visually-hidden">Fields to copy</legend>
            {preview.entries.map((entry) => (
              <CopyFieldRow
                key={entry.field}
                entry={entry}
                target={target}
                isChecked={selected.has(entry.field)}
                onToggle={(isChecked) => toggle(entry.field, isChecked)}
              />
            ))}
          </fieldset>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={isBusy || selected.size === 0}>
              {isBusy ? 'Copying…' : selected.size === 1 ? 'Copy 1 field' : `Copy ${selected.size} fields`}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  )
}

type RowProps = {
  entry: CopyPreviewEntry
  target: string
  isChecked: boolean
  onToggle: (isChecked: boolean) => void
}

const CopyFieldRow = ({ entry, target, isChecked, onToggle }: RowProps) => {
  const id = `copy-${entry.field}`
  const isDisabled = !entry.isDifferent || Boolean(entry.problem)
  return (
    <div className={`copy-field${isDisabled ? ' copy-field-disabled' : ''}`}>
      <input
        type="checkbox"
        id={id}
        checked={isChecked}
        disabled={isDisabled}
        aria-describedby={`${id}-values`}
        onChange={(event) => onToggle(event.target.checked)}
      />
      <div className="copy-field-body">
        <label htmlFor={id} className="copy-field-label">
          {entry.label}
        </label>
        <div className="copy-field-values" id={`${id}-values`}>
          {entry.isDifferent ? (
            <>
              <span className="copy-value-old">
                <span className="muted small">In {target} now: </span>
                {copyValueText(entry.current)}
              </span>
              <span className="copy-value-new">
                <span className="muted small">New value: </span>
                {copyValueText(entry.proposed)}
              </span>
            </>
          ) : (
            <span className="muted small">Already the same: {copyValueText(entry.current)}</span>
          )}
          {entry.problem ? <span className="copy-problem">{entry.problem.message}</span> : null}
        </div>
      </div>
    </div>
  )
}
