import { Suspense, useEffect, useId, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { type AnyRecord, deleteRecord, getRecord, isApiError, type RecordType } from '../../api'
import {
  ConfirmDialog,
  ErrorMessage,
  LiveStatus,
  LoadingState,
  PageHeader,
  TabStrip,
  useDocumentTitle,
} from '../../ui'
import { useSession } from '../auth'
import { formatTimestamp } from './format-value'
import { recordTabsFor, useRecordTabsVersion } from './record-tab-registry'
import { isRecordType, RECORD_TYPES, recordPath, recordTitle } from './record-types'

/** `/:type/:id/:tab?`: a record's header, actions and tabs. */
export const RecordPage = () => {
  const { type, id } = useParams()
  if (!isRecordType(type) || !id) return <ErrorMessage message="There is no such record." />
  return <RecordView key={`${type}/${id}`} type={type} id={id} />
}

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; record: AnyRecord }

const RecordView = ({ type, id }: { type: RecordType; id: string }) => {
  const info = RECORD_TYPES[type]
  const session = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const { tab: tabParam } = useParams()
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [isDeleting, setIsDeleting] = useState(false)
  const [status, setStatus] = useState((location.state as { flash?: string } | null)?.flash ?? '')
  const panelId = useId()
  const tabIdPrefix = useId()
  useRecordTabsVersion()

  useDocumentTitle(state.status === 'ready' ? recordTitle(type, state.record) : info.singular)

  useEffect(() => {
    const controller = new AbortController()
    getRecord(type, id, controller.signal).then(
      (record) => setState({ status: 'ready', record }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({
          status: 'error',
          message:
            isApiError(error) && error.code === 'RECORD_NOT_FOUND'
              ? `This ${info.noun} does not exist. It may have been deleted.`
              : isApiError(error)
                ? error.message
                : `Could not load this ${info.noun}.`,
        })
      },
    )
    return () => controller.abort()
  }, [type, id, info.noun])

  if (state.status === 'loading') return <LoadingState label={`Loading ${info.noun}…`} />
  if (state.status === 'error') {
    return (
      <div className="page">
        <ErrorMessage message={state.message} />
        <p>
          <Link to={`/${type}`}>Back to {info.plural.toLowerCase()}</Link>
        </p>
      </div>
    )
  }

  const record = state.record
  const tabs = recordTabsFor({ session, type, record })
  const active = tabs.find((t) => t.id === tabParam) ?? tabs[0]
  const ActiveTab = active?.Component

  const onDelete = async () => {
    setIsDeleting(true)
    setDeleteError(null)
    try {
      await deleteRecord(type, id)
      navigate(`/${type}`, { replace: true })
    } catch (error) {
      setDeleteError(isApiError(error) ? error.message : `Could not delete this ${info.noun}.`)
      setIsDeleting(false)
    }
  }

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${type}`}>{info.plural}</Link>
      </nav>
      <PageHeader
        title={recordTitle(type, record)}
        subtitle={`${info.singular} · updated ${formatTimestamp(record.updatedAt)}`}
        actions={
          <>
            <Link to={`${recordPath(type, id)}/edit`} className="btn">
              Edit
            </Link>
            <button
              type="button"
              className="btn btn-danger-quiet"
              onClick={() => setIsConfirmingDelete(true)}
            >
              Delete
            </button>
          </>
        }
      />
      <LiveStatus message={status} />
      <TabStrip
        label={`${info.singular} sections`}
        tabs={tabs.map((t) => ({
          id: t.id,
          label: t.Label ? <t.Label type={type} record={record} /> : t.label,
        }))}
        activeId={active?.id ?? ''}
        panelId={panelId}
        idPrefix={tabIdPrefix}
        onSelect={(tabId) => {
          setStatus('')
          // Switching tabs keeps focus on the tab strip (the shell moves focus only for new pages).
          navigate(tabId === tabs[0]?.id ? recordPath(type, id) : recordPath(type, id, tabId), {
            replace: true,
            state: { keepFocus: true },
          })
        }}
      />
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={`${tabIdPrefix}-${active?.id ?? ''}`}
        className="tab-panel"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern makes the panel focusable
        tabIndex={0}
      >
        <Suspense fallback={<LoadingState />}>
          {ActiveTab ? (
            <ActiveTab
              key={active.id}
              type={type}
              record={record}
              onRecordChange={(next) => {
                setState({ status: 'ready', record: next })
                setStatus('Record updated.')
              }}
            />
          ) : null}
        </Suspense>
      </div>
      <ConfirmDialog
        title={`Delete ${recordTitle(type, record)}?`}
        isOpen={isConfirmingDelete}
        confirmLabel={`Delete ${info.noun}`}
        isBusy={isDeleting}
        error={deleteError}
        onConfirm={onDelete}
        onCancel={() => {
          setIsConfirmingDelete(false)
          setDeleteError(null)
        }}
      >
        <p>
          This deletes the {info.noun} and removes its links to other records. Its history goes with it. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  )
}
