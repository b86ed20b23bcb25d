import { type FormEvent, useState } from 'react'
import { changePassword, isApiError } from '../../api'
import { LiveStatus, PageHeader, TextField, useDocumentTitle } from '../../ui'
import { useSession } from './session-context'

const MIN_PASSWORD = 8

/** `/account`: who is signed in, and changing one's own password. */
export const AccountPage = () => {
  useDocumentTitle('Your account')
  const { user, workspace } = useSession()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string }>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [isBusy, setIsBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const found: typeof errors = {}
    if (!current) found.current = 'Enter your current password.'
    if (next.length < MIN_PASSWORD) found.next = `Use at least ${MIN_PASSWORD} characters.`
    if (confirm !== next) found.confirm = 'The two new passwords do not match.'
    setErrors(found)
    setFormError(null)
    setStatus('')
    if (Object.keys(found).length > 0) return
    setIsBusy(true)
    try {
      await changePassword(current, next)
      setCurrent('')
      setNext('')
      setConfirm('')
      setStatus('Your password has been changed.')
    } catch (error) {
      if (isApiError(error) && error.code === 'WRONG_PASSWORD') setErrors({ current: error.message })
      else if (isApiError(error) && error.fields.length) {
        setErrors({ next: error.fields.find((f) => f.path === 'newPassword')?.message })
      }
      setFormError(isApiError(error) ? error.message : 'Could not change the password. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="Your account" subtitle={`${user.name} · ${user.email} · ${workspace.name}`} />
      <form onSubmit={onSubmit} noValidate className="card">
        <h2 className="section-title">Change password</h2>
        <LiveStatus message={status} />
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.current}
          required
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors.next}
          hint={`At least ${MIN_PASSWORD} characters.`}
          required
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={errors.confirm}
          required
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isBusy}>
            {isBusy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </div>
  )
}
