import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { ErrorMessage, LoadingState } from '../../ui'
import { useSessionContext } from './session-context'

/** Renders its children for a signed-in user; otherwise sends them to sign-in and back afterwards. */
export const RequireSession = ({ children }: { children: ReactNode }) => {
  const { state, reload } = useSessionContext()
  const location = useLocation()
  if (state.status === 'loading') {
    return (
      <div className="centered-page">
        <LoadingState label="Loading Ledgerlink…" />
      </div>
    )
  }
  if (state.status === 'error') {
    return (
      <div className="centered-page">
        <ErrorMessage message={state.message} onRetry={reload} />
      </div>
    )
  }
  if (state.status === 'signed-out') {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ from: location.pathname + location.search, reason: state.reason }}
      />
    )
  }
  return <>{children}</>
}

/** Renders its children for administrators only. */
export const RequireAdmin = ({ children }: { children: ReactNode }) => {
  const { state } = useSessionContext()
  if (state.status === 'signed-in' && state.session.user.role === 'admin') return <>{children}</>
  return (
    <div className="page">
      <h1 className="page-title">Administrators only</h1>
      <p>
        This page is for workspace administrators. Ask an administrator if you need something changed here.
      </p>
    </div>
  )
}
