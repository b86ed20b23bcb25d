import { type FormEvent, useRef, useState } from 'react'
import {
  type AnyRecord,
  type CustomerRecordType,
  createQuickbooksCustomer,
  isApiError,
  linkQuickbooksCustomer,
} from '../../api'
import { Dialog, TextField } from '../../ui'
import {
  defaultCustomerName,
  type NameTaken,
  nameTakenMessage,
  newRequestId,
  readNameTaken,
} from './name-taken'
import { errorCodeOf, quickbooksErrorMessage } from './quickbooks-words'

type Props = {
  type: CustomerRecordType
  record: AnyRecord
  isOpen: boolean
  onClose: () => void
  onLinked: () => void
}

/** New Customer: creates a QuickBooks customer from the record's details and links it at once. */
export const NewCustomerDialog = ({ isOpen, onClose, ...props }: Props) => (
  <Dialog title="New QuickBooks customer" isOpen={isOpen} onClose={onClose} size="medium">
    <NewCustomerForm onClose={onClose} {...props} />
  </Dialog>
)

const NOUN: Record<CustomerRecordType, string> = { organizations: 'organization', contacts: 'contact' }

const NewCustomerForm = ({ type, record, onClose, onLinked }: Omit<Props, 'isOpen'>) => {
  const [name, setName] = useState(() => defaultCustomerName(type, record))
  const [nameError, setNameError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [taken, setTaken] = useState<(NameTaken & { name: string }) | null>(null)
  // Linked meanwhile (another tab, a teammate): the customer it is linked to, to show instead of a second one.
  const [linkedMeanwhile, setLinkedMeanwhile] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  // One request id per name: retrying the same name can never create two customers.
  const requestIds = useRef(new Map<string, string>())

  const requestIdFor = (displayName: string): string => {
    const existing = requestIds.current.get(displayName)
    if (existing) return existing
    const id = newRequestId()
    requestIds.current.set(displayName, id)
    return id
  }

  const create = async (event: FormEvent) => {
    event.preventDefault()
    // React events bubble through portals: keep this submit away from any form around the dialog's opener.
    event.stopPropagation()
    const displayName = name.trim()
    setFormError(null)
    setTaken(null)
    setLinkedMeanwhile(null)
    if (!displayName) {
      setNameError('Enter the name the customer should have in QuickBooks.')
      return
    }
    if (/[:\t\n]/.test(displayName)) {
      setNameError('QuickBooks does not allow “:” in a customer’s name.')
      return
    }
    setNameError(undefined)
    setIsBusy(true)
    try {
      await createQuickbooksCustomer(type, record.id, { displayName, requestId: requestIdFor(displayName) })
      onLinked()
    } catch (error) {
      if (errorCodeOf(error) === 'display_name_taken' && isApiError(error)) {
        setTaken({ ...readNameTaken(error.details), name: displayName })
      } else if (errorCodeOf(error) === 'already_linked' && isApiError(error)) {
        setLinkedMeanwhile(linkedNameOf(error.details) ?? 'a QuickBooks customer')
      } else setFormError(quickbooksErrorMessage(error, 'Could not create the customer.'))
    } finally {
      setIsBusy(false)
    }
  }

  const linkExisting = async (customerId: string) => {
    setIsBusy(true)
    setFormError(null)
    try {
      await linkQuickbooksCustomer(type, record.id, customerId)
      onLinked()
    } catch (error) {
      setFormError(quickbooksErrorMessage(error, 'Could not link that customer.'))
      setIsBusy(false)
    }
  }

  return (
    <form onSubmit={create} noValidate>
      <p className="dialog-message">
        Creates a customer in QuickBooks from this {NOUN[type]}’s name, addresses, phone numbers, email and
        website, and links the two. Nothing else changes in QuickBooks.
      </p>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      {linkedMeanwhile ? (
        <div className="warning-notice" role="alert">
          <p>
            Meanwhile this {NOUN[type]} was linked to {linkedMeanwhile} (in another tab or by a teammate), so
            no second customer was made.
          </p>
          <div className="form-actions">
            <button type="button" className="btn btn-small btn-primary" onClick={onLinked}>
              Show the linked customer
            </button>
          </div>
        </div>
      ) : null}
      {taken ? (
        <div className="warning-notice" role="alert">
          <p>{nameTakenMessage(taken.name, taken)}</p>
          <div className="form-actions">
            {taken.takenBy === 'customer' && taken.customerId ? (
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={isBusy}
                onClick={() => taken.customerId && linkExisting(taken.customerId)}
              >
                Link that customer
              </button>
            ) : null}
            {taken.suggestion ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setName(taken.suggestion ?? name)
                  setTaken(null)
                }}
              >
                Use “{taken.suggestion}”
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      <TextField
        label="Customer name in QuickBooks"
        value={name}
        onChange={(value) => {
          setName(value)
          setNameError(undefined)
        }}
        error={nameError}
        hint="QuickBooks needs a name no other customer, vendor or employee uses."
        required
        autoComplete="off"
        autoFocus
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={isBusy}>
          {isBusy ? 'Creating…' : 'Create and link'}
        </button>
      </div>
    </form>
  )
}

/** The display name in an `already_linked` error's link, quoted; undefined when the shape is unknown. */
const linkedNameOf = (details: Record<string, unknown>): string | undefined => {
  const link = details.link as { displayName?: unknown } | undefined
  return typeof link?.displayName === 'string' ? `“${link.displayName}”` : undefined
}
