import { type FormEvent, useEffect, useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import {
  getImport,
  type ImportPreview,
  type ImportRecordType,
  type ImportStatus,
  isApiError,
  runImport,
  uploadImport,
} from '../../api'
import { ErrorMessage, FieldFrame, PageHeader, ProgressBar, SelectField, useDocumentTitle } from '../../ui'
import { typeForKind } from './record-types'

const MAX_BYTES = 10 * 1024 * 1024
const POLL_MS = 700

type Step =
  | { name: 'choose' }
  | { name: 'map'; preview: ImportPreview; mapping: Record<string, string | null> }
  | { name: 'run'; preview: ImportPreview; progress: ImportStatus | null }

/** `/import`: upload a CSV, check the preview, map columns to fields, run, and follow the progress. */
export const ImportPage = () => {
  useDocumentTitle('Import from CSV')
  const [searchParams] = useSearchParams()
  const [recordType, setRecordType] = useState<ImportRecordType>(
    searchParams.get('type') === 'contact' ? 'contact' : 'organization',
  )
  const [file, setFile] = useState<File | null>(null)
  const [step, setStep] = useState<Step>({ name: 'choose' })
  const [error, setError] = useState<string | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  const onUpload = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (!file) return setFileError('Choose a CSV file to import.')
    if (file.size > MAX_BYTES)
      return setFileError('The file is larger than 10 MB. Split it into smaller files.')
    setFileError(null)
    setIsBusy(true)
    try {
      const preview = await uploadImport(recordType, file)
      setStep({ name: 'map', preview, mapping: { ...preview.suggestedMapping } })
    } catch (err) {
      setError(isApiError(err) ? err.message : 'Could not read the file. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  const onRun = async (event: FormEvent) => {
    event.preventDefault()
    if (step.name !== 'map') return
    const mapped = new Set(Object.values(step.mapping).filter(Boolean))
    const missing = step.preview.fields.filter((f) => f.required && !mapped.has(f.name))
    // Contacts need a first or a last name; the server says which when neither is mapped.
    if (missing.length > 0 && step.preview.recordType !== 'contact') {
      return setError(`Choose a column for ${missing.map((f) => f.label).join(', ')} before importing.`)
    }
    setError(null)
    setIsBusy(true)
    try {
      await runImport(step.preview.id, step.mapping)
      setStep({ name: 'run', preview: step.preview, progress: null })
    } catch (err) {
      setError(isApiError(err) ? err.message : 'Could not start the import. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  const reset = () => {
    setStep({ name: 'choose' })
    setFile(null)
    setError(null)
  }

  return (
    <div className="page">
      <PageHeader
        title="Import from CSV"
        subtitle="Add organizations or contacts from a spreadsheet saved as CSV."
      />
      <ol className="steps" aria-label="Import steps">
        <li aria-current={step.name === 'choose' ? 'step' : undefined}>Choose file</li>
        <li aria-current={step.name === 'map' ? 'step' : undefined}>Map columns</li>
        <li aria-current={step.name === 'run' ? 'step' : undefined}>Import</li>
      </ol>
      {error ? <ErrorMessage message={error} /> : null}
      {step.name === 'choose' ? (
        <form onSubmit={onUpload} noValidate className="card import-form">
          <SelectField
            label="Import as"
            value={recordType}
            onChange={(value) => setRecordType(value as ImportRecordType)}
            options={[
              { value: 'organization', label: 'Organizations' },
              { value: 'contact', label: 'Contacts' },
            ]}
          />
          <FieldFrame
            label="CSV file"
            error={fileError ?? undefined}
            hint="The first row must hold the column names. Up to 10 MB."
          >
            {({ inputId, describedBy, invalid }) => (
              <input
                id={inputId}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            )}
          </FieldFrame>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={isBusy}>
              {isBusy ? 'Reading file…' : 'Upload and preview'}
            </button>
          </div>
        </form>
      ) : null}
      {step.name === 'map' ? (
        <MappingStep
          step={step}
          isBusy={isBusy}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onRun={onRun}
          onCancel={reset}
        />
      ) : null}
      {step.name === 'run' ? (
        <RunStep
          preview={step.preview}
          progress={step.progress}
          onProgress={(progress) => setStep({ ...step, progress })}
          onError={setError}
          onAgain={reset}
        />
      ) : null}
    </div>
  )
}

const MappingStep = ({
  step,
  isBusy,
  onChange,
  onRun,
  onCancel,
}: {
  step: Extract<Step, { name: 'map' }>
  isBusy: boolean
  onChange: (mapping: Record<string, string | null>) => void
  onRun: (event: FormEvent) => void
  onCancel: () => void
}) => {
  const { preview, mapping } = step
  const captionId = useId()
  const options = [
    { value: '', label: 'Do not import' },
    ...preview.fields.map((f) => ({ value: f.name, label: `${f.label}${f.required ? ' (required)' : ''}` })),
  ]
  return (
    <form onSubmit={onRun} noValidate className="card">
      <h2 className="section-title">
        {preview.rowCount} {preview.rowCount === 1 ? 'row' : 'rows'} found
      </h2>
      <p className="muted">
        Choose the field each column goes into. The first {preview.sampleRows.length} rows are shown as a
        preview.
      </p>
      <div className="table-wrap">
        <table className="data-table import-preview" aria-describedby={captionId}>
          <caption id={captionId} className="visually-hidden">
            Preview of the file with a field choice for each column
          </caption>
          <thead>
            <tr>
              {preview.columns.map((column) => (
                <th key={column} scope="col">
                  <span className="import-column-name">{column}</span>
                  <SelectField
                    label={`Field for column “${column}”`}
                    value={mapping[column] ?? ''}
                    onChange={(value) => onChange({ ...mapping, [column]: value || null })}
                    options={options}
                    className="mapping-select"
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity besides their position
              <tr key={rowIndex}>
                {preview.columns.map((column, columnIndex) => (
                  <td key={column}>{row[columnIndex] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={isBusy}>
          {isBusy
            ? 'Starting…'
            : `Import ${preview.rowCount} ${preview.recordType === 'contact' ? 'contacts' : 'organizations'}`}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Choose another file
        </button>
      </div>
    </form>
  )
}

const RunStep = ({
  preview,
  progress,
  onProgress,
  onError,
  onAgain,
}: {
  preview: ImportPreview
  progress: ImportStatus | null
  onProgress: (progress: ImportStatus) => void
  onError: (message: string) => void
  onAgain: () => void
}) => {
  const isFinished = progress?.status === 'completed' || progress?.status === 'failed'

  useEffect(() => {
    if (isFinished) return
    const controller = new AbortController()
    const timer = setTimeout(
      () =>
        getImport(preview.id, controller.signal).then(onProgress, (err: unknown) => {
          if (!controller.signal.aborted) onError(isApiError(err) ? err.message : 'Lost track of the import.')
        }),
      progress ? POLL_MS : 0,
    )
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [preview.id, progress, isFinished, onProgress, onError])

  const listType = typeForKind(preview.recordType)
  return (
    <section className="card" aria-labelledby="import-run-title">
      <h2 id="import-run-title" className="section-title">
        {progress?.status === 'completed'
          ? 'Import finished'
          : progress?.status === 'failed'
            ? 'Import stopped'
            : 'Importing…'}
      </h2>
      <ProgressBar
        label="Rows processed"
        value={progress?.processed ?? 0}
        max={progress?.total ?? preview.rowCount}
      />
      <p role="status" aria-live="polite" className="import-counts">
        {progress
          ? `${progress.created} created, ${progress.failed} failed${isFinished ? '.' : ' so far.'}`
          : 'Starting…'}
      </p>
      {progress && progress.errors.length > 0 ? (
        <div className="import-errors">
          <h3 className="related-group-title">Rows that were not imported</h3>
          <ul>
            {progress.errors.map((rowError) => (
              <li key={`${rowError.row}:${rowError.message}`}>
                <strong>Row {rowError.row}:</strong> {rowError.message}
              </li>
            ))}
          </ul>
          {progress.failed > progress.errors.length ? (
            <p className="muted">Only the first {progress.errors.length} problems are listed.</p>
          ) : null}
        </div>
      ) : null}
      {isFinished ? (
        <div className="form-actions">
          <Link to={`/${listType}?sort=-createdAt`} className="btn btn-primary">
            See the imported {listType}
          </Link>
          <button type="button" className="btn" onClick={onAgain}>
            Import another file
          </button>
        </div>
      ) : null}
    </section>
  )
}
