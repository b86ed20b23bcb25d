import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { isApiError } from '../../api'
import { TextField } from '../../ui'
import { useSessionContext } from './session-context'

type LocationState = { from?: string; reason?: 'none' | 'expired' | 'signed-out' } | null

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const SignInPage = () => {
  const { state, signIn } = useSessionContext()
  const navigate = useNavigate()
  const location = useLocation()
  const locationState = location.state as LocationState
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const errorRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    document.title = 'Sign in — Ledgerlink'
  }, [])

  useEffect(() => {
    if (formError) errorRef.current?.focus()
  }, [formError])

  if (state.status === 'signed-in') return <Navigate to={locationState?.from ?? '/organizations'} replace />

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const nextErrors: typeof errors = {}
    if (!email.trim()) nextErrors.email = 'Enter your email address.'
    else if (!EMAIL_PATTERN.test(email.trim()))
      nextErrors.email = 'Enter an email address like name@example.com.'
    if (!password) nextErrors.password = 'Enter your password.'
    setErrors(nextErrors)
    setFormError(null)
    if (Object.keys(nextErrors).length > 0) return
    setIsBusy(true)
    try {
      await signIn(email.trim(), password)
      navigate(locationState?.from ?? '/organizations', { replace: true })
    } catch (error) {
      setFormError(
        isApiError(error) && error.code === 'INVALID_CREDENTIALS'
          ? 'That email and password do not match an account. Check them and try again.'
          : isApiError(error)
            ? error.message
            : 'Could not sign in. Please try again.',
      )
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <main className="sign-in-page">
      <div className="sign-in-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          Ledgerlink
        </div>
        <h1 className="sign-in-title">Sign in</h1>
        {locationState?.reason === 'expired' ? (
          <p className="notice" role="status">
            Your session has ended. Sign in again to carry on.
          </p>
        ) : null}
        {locationState?.reason === 'signed-out' ? (
          <p className="notice" role="status">
            You have signed out.
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate>
          {formError ? (
            <p className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
              {formError}
            </p>
          ) : null}
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={errors.email}
            required
            autoFocus
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            required
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={isBusy}>
            {isBusy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  )
}
