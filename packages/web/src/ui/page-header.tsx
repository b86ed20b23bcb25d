import type { ReactNode } from 'react'

/** A page's one h1, an optional line under it, and its main actions. */
export const PageHeader = ({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode
  subtitle?: ReactNode
  actions?: ReactNode
}) => (
  <header className="page-header">
    <div className="page-header-text">
      <h1 tabIndex={-1} className="page-title">
        {title}
      </h1>
      {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
    </div>
    {actions ? <div className="page-actions">{actions}</div> : null}
  </header>
)
