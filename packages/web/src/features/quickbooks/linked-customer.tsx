import { useState } from 'react'
import {
  type AnyRecord,
  type CopyDirection,
  type CustomerRecordType,
  getRecord,
  type QuickbooksTab,
  unlinkQuickbooksCustomer,
} from '../../api'
import { ConfirmDialog, LiveStatus, MenuButton, type MenuItem } from '../../ui'
import { CopyDialog } from './copy-dialog'
import { CustomerDocuments } from './customer-documents'
import { CustomerOverview } from './customer-overview'
import { FinancialSummaryPanel } from './financial-summary-panel'
import { formatAsOf, quickbooksErrorMessage } from './quickbooks-words'

type Props = {
  type: CustomerRecordType
  record: AnyRecord
  tab: Extract<QuickbooksTab, { state: 'linked' }>
  isRefreshing: boolean
  onRefresh: () => void
  onUnlinked: () => void
  onRecordChange: (record: AnyRecord) => void
}

/** A linked record: the customer's overview, figures and documents, with the Actions menu. */
export const LinkedCustomer = ({
  type,
  record,
  tab,
  isRefreshing,
  onRefresh,
  onUnlinked,
  onRecordChange,
}: Props) => {
  const { customer, summary } = tab
  const [isConfirmingUnlink, setIsConfirmingUnlink] = useState(false)
  const [unlinkError, setUnlinkError] = useState<string | null>(null)
  const [isUnlinking, setIsUnlinking] = useState(false)
  const [copyDirection, setCopyDirection] = useState<CopyDirection | null>(null)
  const [status, setStatus] = useState('')
  const isGone = customer.deleted || !customer.active

  const unlink = async () => {
    setIsUnlinking(true)
    setUnlinkError(null)
    try {
      await unlinkQuickbooksCustomer(type, record.id)
      setIsConfirmingUnlink(false)
      onUnlinked()
    } catch (error) {
      setUnlinkError(quickbooksErrorMessage(error, 'Could not unlink the customer.'))
      setIsUnlinking(false)
    }
  }

  const items: MenuItem[] = [
    { id: 'unlink', label: 'Unlink', onSelect: () => setIsConfirmingUnlink(true) },
    ...(isGone
      ? []
      : [
          { id: 'copy-to', label: 'Copy to QuickBooks…', onSelect: () => setCopyDirection('to_quickbooks') },
          {
            id: 'copy-from',
            label: 'Copy from QuickBooks…',
            onSelect: () => setCopyDirection('from_quickbooks'),
          },
        ]),
    ...(customer.viewUrl && !customer.deleted
      ? [
          {
            id: 'view',
            label: 'View in QuickBooks ↗',
            // A new tab that cannot reach back into this page (noopener).
            onSelect: () => window.open(customer.viewUrl ?? '', '_blank', 'noopener,noreferrer'),
          },
        ]
      : []),
  ]

  return (
    <div className="qb-linked">
      <div className="qb-toolbar">
        <div className="qb-customer-heading">
          <h3 className="qb-customer-name">{customer.displayName}</h3>
          <p className="muted small">
            QuickBooks customer · figures as of <time dateTime={tab.asOf}>{formatAsOf(tab.asOf)}</time>
          </p>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={onRefresh} disabled={isRefreshing}>
            {isRefreshing ? 'Refreshing…' : 'Refresh'}
          </button>
          <MenuButton items={items} ariaLabel="Actions" align="end">
            <span className="btn-like">Actions ▾</span>
          </MenuButton>
        </div>
      </div>
      <LiveStatus message={status} />
      {isGone ? (
        <div className="warning-notice" role="alert">
          <p>
            {customer.deleted
              ? 'This customer has been deleted in QuickBooks.'
              : 'This customer is inactive in QuickBooks.'}{' '}
            Unlink it to link this record to another customer.
          </p>
          <button type="button" className="btn btn-small" onClick={() => setIsConfirmingUnlink(true)}>
            Unlink
          </button>
        </div>
      ) : null}
      <div className="qb-overview-grid">
        <CustomerOverview customer={customer} />
        <FinancialSummaryPanel summary={summary} />
      </div>
      <CustomerDocuments type={type} recordId={record.id} initial={tab.documents} />
      <ConfirmDialog
        title={`Unlink ${customer.displayName}?`}
        isOpen={isConfirmingUnlink}
        confirmLabel="Unlink"
        isBusy={isUnlinking}
        error={unlinkError}
        onConfirm={unlink}
        onCancel={() => {
          setIsConfirmingUnlink(false)
          setUnlinkError(null)
        }}
      >
        <p>
          This record will no longer show the customer’s details, balances or documents. Nothing changes in
          QuickBooks, and you can link it again later.
        </p>
      </ConfirmDialog>
      {copyDirection ? (
        <CopyDialog
          type={type}
          recordId={record.id}
          direction={copyDirection}
          onClose={() => setCopyDirection(null)}
          onCopied={async (message) => {
            setCopyDirection(null)
            setStatus(message)
            // The record's own fields changed: the page header and Details follow; QuickBooks' did: re-read it.
            if (copyDirection === 'from_quickbooks') {
              await getRecord(type, record.id).then(onRecordChange, () => undefined)
            } else onRefresh()
          }}
        />
      ) : null}
    </div>
  )
}
