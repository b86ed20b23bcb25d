import { useCallback, useEffect, useState } from 'react'
import { deleteUser, isApiError, listUsers, type Role, type User, updateUser } from '../../api'
import { ConfirmDialog, ErrorMessage, LiveStatus, LoadingState, useDocumentTitle } from '../../ui'
import { useSession } from '../auth'
import { AddUserDialog } from './add-user-dialog'

const ROLE_LABEL: Record<Role, string> = { admin: 'Administrator', member: 'Member' }

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; users: User[] }

/** The workspace's users: add one, change a role, remove one (not yourself). */
export const UsersPage = () => {
  useDocumentTitle('Users')
  const session = useSession()
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [isAdding, setIsAdding] = useState(false)
  const [removing, setRemoving] = useState<User | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  const [status, setStatus] = useState('')

  const load = useCallback(
    () =>
      listUsers().then(
        (page) => setState({ status: 'ready', users: page.items }),
        (error: unknown) =>
          setState({
            status: 'error',
            message: isApiError(error) ? error.message : 'Could not load the users.',
          }),
      ),
    [],
  )

  useEffect(() => {
    load()
  }, [load])

  const onRoleChange = async (user: User, role: Role) => {
    setActionError(null)
    try {
      await updateUser(user.id, { role })
      setStatus(`${user.name} is now ${role === 'admin' ? 'an administrator' : 'a member'}.`)
      await load()
    } catch (error) {
      setActionError(isApiError(error) ? error.message : 'Could not change the role.')
    }
  }

  const onRemove = async () => {
    if (!removing) return
    setIsBusy(true)
    setActionError(null)
    try {
      await deleteUser(removing.id)
      setStatus(`Removed ${removing.name}.`)
      setRemoving(null)
      await load()
    } catch (error) {
      setActionError(isApiError(error) ? error.message : 'Could not remove the user.')
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <section aria-labelledby="users-title">
      <div className="section-toolbar">
        <h2 id="users-title" className="settings-title" tabIndex={-1}>
          Users
        </h2>
        <button type="button" className="btn btn-primary" onClick={() => setIsAdding(true)}>
          Add user
        </button>
      </div>
      <LiveStatus message={status} />
      {actionError && !removing ? <ErrorMessage message={actionError} /> : null}
      {state.status === 'loading' ? <LoadingState label="Loading users…" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} onRetry={load} /> : null}
      {state.status === 'ready' ? (
        <div className="table-wrap">
          <table className="data-table users-table">
            <caption className="visually-hidden">Users of this workspace</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="secondary-column">
                  Email
                </th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.users.map((user) => {
                const isSelf = user.id === session.user.id
                return (
                  <tr key={user.id}>
                    <th scope="row">
                      {user.name}
                      {isSelf ? <span className="muted"> (you)</span> : null}
                      <span className="narrow-only muted small">{user.email}</span>
                    </th>
                    <td className="secondary-column">{user.email}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        Role of {user.name}
                      </label>
                      <select
                        id={`role-${user.id}`}
                        className="inline-select"
                        value={user.role}
                        onChange={(event) => onRoleChange(user, event.target.value as Role)}
                      >
                        {(Object.keys(ROLE_LABEL) as Role[]).map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABEL[role]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="align-end">
                      {isSelf ? null : (
                        <button
                          type="button"
                          className="btn btn-small btn-quiet"
                          aria-label={`Remove ${user.name}`}
                          onClick={() => setRemoving(user)}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddUserDialog
        isOpen={isAdding}
        onClose={() => setIsAdding(false)}
        onCreated={(user) => {
          setIsAdding(false)
          setStatus(`Added ${user.name}.`)
          load()
        }}
      />
      <ConfirmDialog
        title={`Remove ${removing?.name ?? 'user'}?`}
        isOpen={removing !== null}
        confirmLabel="Remove user"
        isBusy={isBusy}
        error={removing ? actionError : null}
        onConfirm={onRemove}
        onCancel={() => {
          setRemoving(null)
          setActionError(null)
        }}
      >
        <p>
          {removing?.name} will no longer be able to sign in. The records they created stay in the workspace.
        </p>
      </ConfirmDialog>
    </section>
  )
}
