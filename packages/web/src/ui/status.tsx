import type { ReactNode } from 'react'

/** Shown while something loads; announced politely to screen readers. */
export const LoadingState = ({ label = 'Loading…' }: { label?: string }) => (
  <div className="loading-state" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" />
    <span>{label}</span>
  </div>
)

/** What a list shows when it has nothing in it, and what to do about that. */
export const EmptyState = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="empty-state">
    <p className="empty-state-title">{title}</p>
    {children ? <div className="empty-state-body">{children}</div> : null}
  </div>
)

/** An error in plain words, with an optional way to try again. */
export const ErrorMessage = ({ message, onRetry }: { message: string; onRetry?: () => void }) => (
  <div className="error-message" role="alert">
    <p>{message}</p>
    {onRetry ? (
      <button type="button" className="btn btn-small" onClick={onRetry}>
        Try again
      </button>
    ) : null}
  </div>
)

/** A visually quiet region whose text changes are read out (saved, deleted, imported…). */
export const LiveStatus = ({ message }: { message: string }) => (
  <p className="live-status" role="status" aria-live="polite">
    {message}
  </p>
)
