import { useCallback, useEffect, useState } from 'react'
import { Link as RouterLink } from 'react-router'
import {
  addLink,
  isApiError,
  type Link,
  listLinks,
  type RecordKind,
  type RecordType,
  removeLink,
} from '../../api'
import { ConfirmDialog, EmptyState, ErrorMessage, LiveStatus, LoadingState } from '../../ui'
import { RecordPickerDialog } from './record-picker-dialog'
import type { RecordTabProps } from './record-tab-registry'
import { RECORD_TYPES, recordPath, typeForKind } from './record-types'

/** Which kinds of record each kind links to (contacts and organizations ↔ opportunities and projects). */
const LINKABLE: Record<RecordType, RecordType[]> = {
  organizations: ['opportunities', 'projects'],
  contacts: ['opportunities', 'projects'],
  opportunities: ['organizations', 'contacts'],
  projects: ['organizations', 'contacts'],
}

const GROUP_ORDER: RecordKind[] = ['organization', 'contact', 'opportunity', 'project']

/** Whether a link row can be removed here (an organization's members follow the contact's organization field). */
const isRemovable = (link: Link) => !link.id.startsWith('contact:')

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; links: Link[] }

/** The records this one is linked to, grouped by kind; add through a searchable picker, remove with a confirmation. */
export const RelatedTab = ({ type, record }: RecordTabProps) => {
  const info = RECORD_TYPES[type]
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [isPicking, setIsPicking] = useState(false)
  const [removing, setRemoving] = useState<Link | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const [status, setStatus] = useState('')

  const load = useCallback(
    (signal?: AbortSignal) =>
      listLinks(type, record.id, signal).then(
        (page) => setState({ status: 'ready', links: page.items }),
        (error: unknown) => {
          if (signal?.aborted) return
          setState({
            status: 'error',
            message: isApiError(error) ? error.message : 'Could not load the related records.',
          })
        },
      ),
    [type, record.id],
  )

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal)
    return () => controller.abort()
  }, [load])

  const onRemove = async () => {
    if (!removing) return
    setIsBusy(true)
    setRemoveError(null)
    try {
      await removeLink(type, record.id, removing.id)
      setStatus(`Removed the link to ${removing.name}.`)
      setRemoving(null)
      await load()
    } catch (error) {
      setRemoveError(isApiError(error) ? error.message : 'Could not remove the link.')
    } finally {
      setIsBusy(false)
    }
  }

  const contactOrganization =
    type === 'contacts'
      ? (record as { organization: { id: string; name: string } | null }).organization
      : null
  const links = state.status === 'ready' ? state.links : []
  const groups = GROUP_ORDER.map((kind) => ({
    kind,
    items: links.filter((l) => l.recordType === kind),
  })).filter((group) => group.items.length > 0)

  return (
    <div className="related">
      <div className="section-toolbar">
        <h2 className="section-title">Related records</h2>
        <button type="button" className="btn btn-primary btn-small" onClick={() => setIsPicking(true)}>
          Add link
        </button>
      </div>
      <LiveStatus message={status} />
      {contactOrganization ? (
        <p className="related-organization">
          Works at{' '}
          <RouterLink to={recordPath('organizations', contactOrganization.id)}>
            {contactOrganization.name}
          </RouterLink>{' '}
          <span className="muted">(change it with Edit)</span>
        </p>
      ) : null}
      {state.status === 'loading' ? <LoadingState label="Loading related records…" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} onRetry={() => load()} /> : null}
      {state.status === 'ready' && groups.length === 0 ? (
        <EmptyState title={`This ${info.noun} is not linked to anything yet.`}>
          <p>
            Use Add link to connect it to{' '}
            {LINKABLE[type].map((t) => RECORD_TYPES[t].plural.toLowerCase()).join(' or ')}.
          </p>
        </EmptyState>
      ) : null}
      {groups.map((group) => {
        const groupType = typeForKind(group.kind)
        return (
          <section key={group.kind} className="related-group" aria-label={RECORD_TYPES[groupType].plural}>
            <h3 className="related-group-title">{RECORD_TYPES[groupType].plural}</h3>
            <ul className="related-list">
              {group.items.map((link) => (
                <li key={link.id} className="related-item">
                  <div>
                    <RouterLink to={recordPath(groupType, link.recordId)}>{link.name}</RouterLink>
                    {link.role ? (
                      <span className="related-role">{link.role === 'member' ? 'Member' : link.role}</span>
                    ) : null}
                  </div>
                  {isRemovable(link) ? (
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      aria-label={`Remove link to ${link.name}`}
                      onClick={() => setRemoving(link)}
                    >
                      Remove
                    </button>
                  ) : (
                    <span className="muted small">Set on the contact</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )
      })}
      <RecordPickerDialog
        title="Add a link"
        isOpen={isPicking}
        types={LINKABLE[type]}
        withRole
        submitLabel="Add link"
        excludeIds={links.map((l) => l.recordId)}
        onClose={() => setIsPicking(false)}
        onPick={async (picked) => {
          await addLink(type, record.id, {
            recordType: RECORD_TYPES[picked.type].kind,
            recordId: picked.id,
            role: picked.role,
          })
          setIsPicking(false)
          setStatus(`Linked ${picked.name}.`)
          await load()
        }}
      />
      <ConfirmDialog
        title="Remove this link?"
        isOpen={removing !== null}
        confirmLabel="Remove link"
        isBusy={isBusy}
        error={removeError}
        onConfirm={onRemove}
        onCancel={() => {
          setRemoving(null)
          setRemoveError(null)
        }}
      >
        <p>
          {removing?.name} will no longer be linked to this {info.noun}. Neither record is deleted.
        </p>
      </ConfirmDialog>
    </div>
  )
}
