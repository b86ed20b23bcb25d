import { useState } from 'react'
import {
  type AnyRecord,
  type CustomerCandidate,
  type CustomerRecordType,
  linkQuickbooksCustomer,
} from '../../api'
import { EmptyState, ErrorMessage } from '../../ui'
import { CandidateList } from './candidate-list'
import { CustomerSearch } from './customer-search'
import { NewCustomerDialog } from './new-customer-dialog'
import { quickbooksErrorMessage } from './quickbooks-words'

type Props = {
  type: CustomerRecordType
  record: AnyRecord
  candidates: CustomerCandidate[]
  onLinked: () => void
}

const NOUN: Record<CustomerRecordType, string> = { organizations: 'organization', contacts: 'contact' }

/** An unlinked record: the automatic suggestions, a search box and New Customer. */
export const CustomerSuggestions = ({ type, record, candidates, onLinked }: Props) => {
  const [linkingId, setLinkingId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isCreating, setIsCreating] = useState(false)
  const noun = NOUN[type]

  const link = async (candidate: CustomerCandidate) => {
    setLinkingId(candidate.customerId)
    setError(null)
    try {
      await linkQuickbooksCustomer(type, record.id, candidate.customerId)
      onLinked()
    } catch (failure) {
      setError(quickbooksErrorMessage(failure, `Could not link ${candidate.displayName}.`))
      setLinkingId(null)
    }
  }

  return (
    <div className="qb-unlinked">
      <div className="qb-toolbar">
        <p className="qb-lead">
          This {noun} is not linked to a QuickBooks customer. Link it to an existing customer, or create one.
        </p>
        <button type="button" className="btn" onClick={() => setIsCreating(true)}>
          New Customer
        </button>
      </div>
      {error ? <ErrorMessage message={error} /> : null}
      <section className="qb-section" aria-labelledby="qb-suggestions-title">
        <h3 id="qb-suggestions-title" className="qb-section-title">
          Suggested customers
        </h3>
        {candidates.length ? (
          <CandidateList
            candidates={candidates}
            linkingId={linkingId}
            onLink={link}
            label="Suggested QuickBooks customers, best match first"
          />
        ) : (
          <EmptyState title={`No QuickBooks customer looks like this ${noun}.`}>
            Search below by another name or an email address, or create a new customer.
          </EmptyState>
        )}
      </section>
      <CustomerSearch linkingId={linkingId} onLink={link} />
      <NewCustomerDialog
        type={type}
        record={record}
        isOpen={isCreating}
        onClose={() => setIsCreating(false)}
        onLinked={() => {
          setIsCreating(false)
          onLinked()
        }}
      />
    </div>
  )
}
