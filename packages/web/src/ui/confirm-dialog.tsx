import type { ReactNode } from 'react'
import { Dialog } from './dialog'

type Props = {
  title: string
  isOpen: boolean
  confirmLabel: string
  isBusy?: boolean
  error?: string | null
  onConfirm: () => void
  onCancel: () => void
  children: ReactNode
}

/** Asks before something that cannot be taken back; the safe choice (Cancel) has focus first. */
export const ConfirmDialog = ({
  title,
  isOpen,
  confirmLabel,
  isBusy,
  error,
  onConfirm,
  onCancel,
  children,
}: Props) => (
  <Dialog
    title={title}
    isOpen={isOpen}
    onClose={onCancel}
    actions={
      <>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={isBusy}>
          {isBusy ? 'Working…' : confirmLabel}
        </button>
      </>
    }
  >
    <div className="dialog-message">{children}</div>
    {error ? (
      <p className="form-error" role="alert">
        {error}
      </p>
    ) : null}
  </Dialog>
)
