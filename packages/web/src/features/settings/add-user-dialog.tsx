import { type FormEvent, useState } from 'react'
import { createUser, isApiError, type Role, type User } from '../../api'
import { Dialog, SelectField, TextField } from '../../ui'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MIN_PASSWORD = 8

type Errors = Partial<Record<'name' | 'email' | 'role' | 'password', string>>

/** Creates a user with a role and a first password, which the administrator passes on to them. */
export const AddUserDialog = ({
  isOpen,
  onClose,
  onCreated,
}: {
  isOpen: boolean
  onClose: () => void
  onCreated: (user: User) => void
}) => (
  <Dialog title="Add a user" isOpen={isOpen} onClose={onClose} size="medium">
    <AddUserForm onClose={onClose} onCreated={onCreated} />
  </Dialog>
)

const AddUserForm = ({ onClose, onCreated }: { onClose: () => void; onCreated: (user: User) => void }) => {
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('member')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    // React events bubble through portals: keep this submit away from any form around the dialog's opener.
    event.stopPropagation()
    const next: Errors = {}
    if (!name.trim()) next.name = 'Name is required.'
    if (!email.trim()) next.email = 'Email is required.'
    else if (!EMAIL.test(email.trim())) next.email = 'Enter an email address like name@example.com.'
    if (password.length < MIN_PASSWORD) next.password = `Use at least ${MIN_PASSWORD} characters.`
    setErrors(next)
    setFormError(null)
    if (Object.keys(next).length > 0) return
    setIsBusy(true)
    try {
      onCreated(await createUser({ name: name.trim(), email: email.trim(), role, password }))
    } catch (error) {
      if (isApiError(error)) {
        if (error.code === 'EMAIL_TAKEN') setErrors({ email: error.message })
        else if (error.fields.length)
          setErrors(Object.fromEntries(error.fields.map((f) => [f.path, f.message])))
        setFormError(error.message)
      } else setFormError('Could not add the user. Try again.')
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={errors.name}
        required
        autoComplete="off"
        autoFocus
      />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={setEmail}
        error={errors.email}
        required
        autoComplete="off"
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(value) => setRole(value as Role)}
        error={errors.role}
        hint="Administrators manage users and integrations; members work with records."
        options={[
          { value: 'member', label: 'Member' },
          { value: 'admin', label: 'Administrator' },
        ]}
      />
      <TextField
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint={`At least ${MIN_PASSWORD} characters. Share it with the person privately; they can change it after signing in.`}
        required
        autoComplete="new-password"
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={isBusy}>
          {isBusy ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  )
}
