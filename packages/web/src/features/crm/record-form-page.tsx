import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { type AnyRecord, createRecord, getRecord, isApiError, type RecordType, updateRecord } from '../../api'
import { ErrorMessage, LoadingState, PageHeader, useDocumentTitle } from '../../ui'
import {
  type Draft,
  type DraftErrors,
  draftToCreateInput,
  draftToPatch,
  emptyDraft,
  recordToDraft,
  serverFieldErrors,
  validateDraft,
} from './record-draft'
import { RecordFormFields } from './record-form-fields'
import { isRecordType, RECORD_TYPES, recordPath, recordTitle } from './record-types'

/** `/:type/new` and `/:type/:id/edit`. */
export const RecordFormPage = () => {
  const { type, id } = useParams()
  if (!isRecordType(type)) return <ErrorMessage message="There is no such kind of record." />
  return <RecordForm key={`${type}/${id ?? 'new'}`} type={type} id={id ?? null} />
}

const RecordForm = ({ type, id }: { type: RecordType; id: string | null }) => {
  const info = RECORD_TYPES[type]
  const navigate = useNavigate()
  const [record, setRecord] = useState<AnyRecord | null>(null)
  const [draft, setDraft] = useState<Draft | null>(id ? null : emptyDraft(type))
  const [loadError, setLoadError] = useState<string | null>(null)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const summaryRef = useRef<HTMLDivElement>(null)
  const title = id ? `Edit ${record ? recordTitle(type, record) : info.noun}` : `New ${info.noun}`
  useDocumentTitle(title)

  useEffect(() => {
    if (!id) return
    const controller = new AbortController()
    getRecord(type, id, controller.signal).then(
      (loaded) => {
        setRecord(loaded)
        setDraft(recordToDraft(type, loaded))
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setLoadError(
          isApiError(error) && error.code === 'RECORD_NOT_FOUND'
            ? `This ${info.noun} does not exist. It may have been deleted.`
            : isApiError(error)
              ? error.message
              : `Could not load this ${info.noun}.`,
        )
      },
    )
    return () => controller.abort()
  }, [type, id, info.noun])

  useEffect(() => {
    if (formError || Object.keys(errors).length > 0) summaryRef.current?.focus()
  }, [formError, errors])

  if (loadError) return <ErrorMessage message={loadError} />
  if (!draft) return <LoadingState />

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const clientErrors = validateDraft(type, draft)
    setErrors(clientErrors)
    setFormError(null)
    if (Object.keys(clientErrors).length > 0) return
    setIsBusy(true)
    try {
      const saved =
        id && record
          ? await updateRecord(type, id, draftToPatch(type, draft, record))
          : await createRecord(type, draftToCreateInput(type, draft))
      navigate(recordPath(type, saved.id), {
        state: { flash: id ? 'Changes saved.' : `${info.singular} created.` },
      })
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setErrors(serverFieldErrors(error.fields))
      setFormError(isApiError(error) ? error.message : 'Could not save. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  const errorCount = Object.keys(errors).length
  const cancelTo = id ? recordPath(type, id) : `/${type}`

  return (
    <div className="page page-narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={cancelTo}>{id && record ? recordTitle(type, record) : info.plural}</Link>
      </nav>
      <PageHeader title={title} />
      <form onSubmit={onSubmit} noValidate className="record-form">
        {formError || errorCount > 0 ? (
          <div className="form-error" role="alert" tabIndex={-1} ref={summaryRef}>
            {formError ?? 'Some fields need attention.'}
            {errorCount > 0
              ? ` Check the ${errorCount === 1 ? 'field' : `${errorCount} fields`} marked below.`
              : ''}
          </div>
        ) : null}
        <p className="muted form-note">
          Fields marked <span aria-hidden="true">*</span>
          <span className="visually-hidden">with an asterisk</span> are required.
        </p>
        <RecordFormFields type={type} draft={draft} onChange={setDraft} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isBusy}>
            {isBusy ? 'Saving…' : id ? 'Save changes' : `Create ${info.noun}`}
          </button>
          <Link to={cancelTo} className="btn">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  )
}
