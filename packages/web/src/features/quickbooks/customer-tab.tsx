import './quickbooks.css'
import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router'
import { type CustomerRecordType, getQuickbooksTab, type QuickbooksTab } from '../../api'
import { ErrorMessage, LoadingState } from '../../ui'
import { useSession } from '../auth'
import type { RecordTabProps } from '../crm'
import { rememberIsConnected } from './connection-store'
import { CustomerSuggestions } from './customer-suggestions'
import { refreshRecordLink } from './link-state-store'
import { LinkedCustomer } from './linked-customer'
import { errorCodeOf, quickbooksErrorMessage } from './quickbooks-words'

type LoadState =
  | { status: 'loading' }
  | { status: 'not_connected' }
  | { status: 'needs_reconnect' }
  | { status: 'error'; message: string }
  | { status: 'ready'; tab: QuickbooksTab }

/**
 * The QuickBooks tab of an organization or contact: suggestions and search while unlinked, the customer's
 * overview, figures and documents once linked. Everything comes from one request; Refresh asks QuickBooks
 * again instead of using cached figures.
 */
export const CustomerTab = ({ type, record, onRecordChange }: RecordTabProps) => {
  const recordType = type as CustomerRecordType
  const [state, setState] = useState<LoadState>({ status: 'loading' })
  const [isRefreshing, setIsRefreshing] = useState(false)

  const load = useCallback(
    async (options: { refresh?: boolean; signal?: AbortSignal } = {}) => {
      try {
        const tab = await getQuickbooksTab(
          recordType,
          record.id,
          { refresh: options.refresh },
          options.signal,
        )
        rememberIsConnected(true, 'connected')
        setState({ status: 'ready', tab })
      } catch (error) {
        if (options.signal?.aborted) return
        const code = errorCodeOf(error)
        if (code === 'quickbooks_not_connected') {
          rememberIsConnected(false)
          setState({ status: 'not_connected' })
        } else if (code === 'quickbooks_needs_reconnect') {
          rememberIsConnected(true, 'needs_reconnect')
          setState({ status: 'needs_reconnect' })
        } else
          setState({ status: 'error', message: quickbooksErrorMessage(error, 'Could not read QuickBooks.') })
      }
    },
    [recordType, record.id],
  )

  useEffect(() => {
    const controller = new AbortController()
    load({ signal: controller.signal })
    return () => controller.abort()
  }, [load])

  // After linking or unlinking, the whole tab changes shape: read it again and update the tab's icon.
  const reloadAfterLinkChange = useCallback(async () => {
    setState({ status: 'loading' })
    await Promise.all([load(), refreshRecordLink(type, record.id).catch(() => undefined)])
  }, [load, type, record.id])

  const refresh = async () => {
    setIsRefreshing(true)
    await load({ refresh: true })
    setIsRefreshing(false)
  }

  switch (state.status) {
    case 'loading':
      return <LoadingState label="Reading QuickBooks…" />
    case 'not_connected':
      return <NotConnected />
    case 'needs_reconnect':
      return <NeedsReconnect />
    case 'error':
      return <ErrorMessage message={state.message} onRetry={() => reloadAfterLinkChange()} />
    case 'ready':
      return state.tab.state === 'unlinked' ? (
        <CustomerSuggestions
          type={recordType}
          record={record}
          candidates={state.tab.candidates}
          onLinked={reloadAfterLinkChange}
        />
      ) : (
        <LinkedCustomer
          type={recordType}
          record={record}
          tab={state.tab}
          isRefreshing={isRefreshing}
          onRefresh={refresh}
          onUnlinked={reloadAfterLinkChange}
          onRecordChange={onRecordChange}
        />
      )
  }
}

const NotConnected = () => {
  const session = useSession()
  return (
    <div className="empty-state">
      <p className="empty-state-title">This workspace is not connected to QuickBooks</p>
      <div className="empty-state-body">
        {session.user.role === 'admin' ? (
          <p>
            Connect a QuickBooks Online company in{' '}
            <Link to="/settings/integrations">Settings → Integrations</Link> to see this record’s customer,
            balances and documents here.
          </p>
        ) : (
          <p>Ask an administrator to connect QuickBooks.</p>
        )}
      </div>
    </div>
  )
}

const NeedsReconnect = () => {
  const session = useSession()
  return (
    <div className="warning-notice" role="alert">
      <p>
        <strong>QuickBooks needs to be reconnected.</strong> The workspace’s connection expired or was
        revoked, so figures cannot be read. Links are kept.
      </p>
      {session.user.role === 'admin' ? (
        <p>
          <Link to="/settings/integrations">Reconnect in Settings → Integrations</Link>
        </p>
      ) : (
        <p>Ask an administrator to reconnect it.</p>
      )}
    </div>
  )
}
