import './quickbooks.css'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import {
  confirmQuickbooksConnection,
  disconnectQuickbooks,
  dropPendingQuickbooksConnection,
  getQuickbooksConnection,
  type QuickbooksConnectionState,
  startQuickbooksConnect,
} from '../../api'
import { ConfirmDialog, ErrorMessage, LiveStatus, LoadingState } from '../../ui'
import { ConnectionDetails } from './connection-details'
import { type ConnectionReturn, readConnectionReturn } from './connection-return'
import { rememberConnection } from './connection-store'
import { PendingConnection } from './pending-connection'
import { quickbooksErrorMessage } from './quickbooks-words'

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; state: QuickbooksConnectionState }

/**
 * Settings → Integrations: connect the workspace to a QuickBooks Online company, see the connection's health,
 * confirm a switch to a different company, reconnect, disconnect.
 */
export const QuickbooksConnectionCard = () => {
  const [searchParams, setSearchParams] = useSearchParams()
  const [returned] = useState<ConnectionReturn>(() => readConnectionReturn(searchParams))
  const [load, setLoad] = useState<LoadState>({ status: 'loading' })
  const [status, setStatus] = useState('')
  const [actionError, setActionError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const [isConfirmingDisconnect, setIsConfirmingDisconnect] = useState(false)
  const cardRef = useRef<HTMLElement>(null)

  const reload = useCallback(async () => {
    try {
      const state = await getQuickbooksConnection()
      rememberConnection(state)
      setLoad({ status: 'ready', state })
      return state
    } catch (error) {
      setLoad({ status: 'error', message: quickbooksErrorMessage(error, 'Could not read the connection.') })
      return null
    }
  }, [])

  // Runs once on arrival: the return parameters are captured in `returned`, and a reload of the page should not
  // repeat the message.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reading the URL again would repeat the message
  useEffect(() => {
    if (searchParams.has('quickbooks')) setSearchParams({}, { replace: true })
    reload().then((state) => {
      if (returned?.kind === 'connected' && state?.connection) {
        setStatus(`Connected to ${state.connection.companyName ?? 'QuickBooks'}.`)
      }
    })
  }, [])

  const run = async (action: () => Promise<unknown>, done: string, failure: string) => {
    setIsBusy(true)
    setActionError(null)
    try {
      await action()
      setStatus(done)
      setIsConfirmingDisconnect(false)
      await reload()
    } catch (error) {
      setActionError(quickbooksErrorMessage(error, failure))
    } finally {
      setIsBusy(false)
    }
  }

  const connect = async () => {
    setIsBusy(true)
    setActionError(null)
    try {
      const { authorizationUrl } = await startQuickbooksConnect()
      window.location.assign(authorizationUrl)
    } catch (error) {
      setActionError(quickbooksErrorMessage(error, 'Could not start connecting to QuickBooks.'))
      setIsBusy(false)
    }
  }

  const state = load.status === 'ready' ? load.state : null
  const connection = state?.connection ?? null
  const isConnected = connection?.status === 'connected'
  const needsReconnect = connection?.status === 'needs_reconnect'
  const pill = isConnected ? 'connected' : needsReconnect ? 'needs reconnection' : 'not connected'

  return (
    <article className="card integration-card" aria-labelledby="qbo-title" ref={cardRef}>
      <div className="integration-logo" aria-hidden="true">
        qb
      </div>
      <div className="integration-body">
        <h3 id="qbo-title" className="integration-name">
          QuickBooks Online — <span className={`status-pill status-${pill.replace(/ /g, '-')}`}>{pill}</span>
        </h3>
        <LiveStatus message={status} />
        {returned?.kind === 'error' ? <ErrorMessage message={returned.message} /> : null}
        {actionError && !isConfirmingDisconnect ? <ErrorMessage message={actionError} /> : null}
        {load.status === 'loading' ? <LoadingState label="Reading the connection…" /> : null}
        {load.status === 'error' ? <ErrorMessage message={load.message} onRetry={reload} /> : null}
        {state?.pending ? (
          <PendingConnection
            pending={state.pending}
            isBusy={isBusy}
            isFocused={returned?.kind === 'confirm'}
            onConfirm={() =>
              run(
                confirmQuickbooksConnection,
                `Connected to ${state.pending?.companyName ?? 'the new company'}.`,
                'Could not switch companies.',
              )
            }
            onCancel={() =>
              run(
                dropPendingQuickbooksConnection,
                'Kept the connection as it was.',
                'Could not cancel the switch.',
              )
            }
          />
        ) : null}
        {state && connection && connection.status !== 'disconnected' ? (
          <ConnectionDetails connection={connection} />
        ) : null}
        {state && !state.pending && !isConnected && !needsReconnect ? (
          <p id="qbo-explanation">
            {connection?.status === 'disconnected'
              ? `Disconnected from ${connection.companyName ?? 'QuickBooks'}. Reconnecting to the same company brings its links back.`
              : 'Connect a QuickBooks Online company to show each organization’s and contact’s customer, balances, estimates, invoices and payments. Nothing changes in QuickBooks unless someone asks for it.'}
          </p>
        ) : null}
        {needsReconnect ? (
          <p className="warning-notice" role="alert">
            QuickBooks no longer accepts this workspace’s connection (it expired or was revoked at Intuit).
            Records keep their links, but QuickBooks figures cannot be read until you reconnect.
          </p>
        ) : null}
        {state?.pending ? null : state?.canManage ? (
          <div className="form-actions">
            {isConnected ? (
              <button
                type="button"
                className="btn btn-danger-quiet"
                onClick={() => setIsConfirmingDisconnect(true)}
                disabled={isBusy}
              >
                Disconnect
              </button>
            ) : (
              <button type="button" className="btn btn-primary" onClick={connect} disabled={isBusy}>
                {needsReconnect ? 'Reconnect' : 'Connect to QuickBooks'}
              </button>
            )}
          </div>
        ) : state ? (
          <p className="muted">Only administrators can connect or disconnect QuickBooks.</p>
        ) : null}
      </div>
      <ConfirmDialog
        title="Disconnect QuickBooks?"
        isOpen={isConfirmingDisconnect}
        confirmLabel="Disconnect"
        isBusy={isBusy}
        error={isConfirmingDisconnect ? actionError : null}
        onConfirm={() => run(disconnectQuickbooks, 'Disconnected from QuickBooks.', 'Could not disconnect.')}
        onCancel={() => {
          setIsConfirmingDisconnect(false)
          setActionError(null)
        }}
      >
        <p>
          Ledgerlink stops reading {connection?.companyName ?? 'the company'} and gives its access back to
          Intuit. Links between records and customers are kept; reconnecting the same company restores them.
        </p>
      </ConfirmDialog>
    </article>
  )
}
