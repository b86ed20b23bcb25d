import { useEffect, useRef } from 'react'
import type { PendingQuickbooksConnection } from '../../api'

type Props = {
  pending: PendingQuickbooksConnection
  isBusy: boolean
  /** True when the administrator has just come back from Intuit: the question gets focus. */
  isFocused: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A connection to a different company than before waits here: switching clears the old company's links. */
export const PendingConnection = ({ pending, isBusy, isFocused, onConfirm, onCancel }: Props) => {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (isFocused) headingRef.current?.focus()
  }, [isFocused])
  const company = pending.companyName ?? `the company with Realm ID ${pending.realmId}`
  const links = pending.linksToClear === 1 ? '1 link' : `${pending.linksToClear} links`
  return (
    <section className="pending-connection" aria-labelledby="qbo-pending-title">
      <h4 id="qbo-pending-title" ref={headingRef} tabIndex={-1}>
        Switch to {company}?
      </h4>
      <p>
        You chose a different QuickBooks company than the one this workspace used before. Switching clears{' '}
        {links} between records and the previous company’s customers and documents; they cannot be brought
        back.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={isBusy}>
          Switch and clear {links}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={isBusy}>
          Keep the previous company
        </button>
      </div>
    </section>
  )
}
