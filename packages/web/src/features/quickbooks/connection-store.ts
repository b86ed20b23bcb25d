import { useSyncExternalStore } from 'react'
import {
  getQuickbooksConnection,
  type QuickbooksConnectionState,
  type QuickbooksConnectionStatus,
} from '../../api'
import { notifyRecordTabsChanged } from '../crm'

/** What record pages need to know about the workspace's QuickBooks connection. */
export type ConnectionStatus = 'unknown' | 'not_connected' | 'connected' | 'needs_reconnect'

// Re-read at most once a minute while record pages are open, so a connection made elsewhere shows up.
const MAX_AGE_MS = 60_000

let status: ConnectionStatus = 'unknown'
let loadedAt = 0
let inFlight: Promise<void> | null = null
const listeners = new Set<() => void>()

const setStatus = (next: ConnectionStatus) => {
  loadedAt = Date.now()
  if (next === status) return
  status = next
  for (const listener of listeners) listener()
  notifyRecordTabsChanged()
}

/** The record-page view of a connection state from the server. */
export const statusOf = (state: QuickbooksConnectionState): ConnectionStatus => {
  const connection = state.connection
  if (!connection || connection.status === 'disconnected') return 'not_connected'
  return connection.status
}

/** Records a connection state just read (by the Integrations page, for example). */
export const rememberConnection = (state: QuickbooksConnectionState): void => setStatus(statusOf(state))

/**
 * A record's link state (or a tab that just read QuickBooks) says whether the workspace is connected; keep the
 * two in step. `connectionStatus` is the server's, when it sent one.
 */
export const rememberIsConnected = (
  isConnected: boolean,
  connectionStatus?: QuickbooksConnectionStatus | null,
): void => {
  if (!isConnected) setStatus('not_connected')
  else if (connectionStatus === 'needs_reconnect') setStatus('needs_reconnect')
  else if (connectionStatus === 'connected' || status === 'not_connected' || status === 'unknown')
    setStatus('connected')
}

/** Reads the connection when it is unknown or older than a minute; concurrent callers share one request. */
export const refreshConnectionStatus = (): Promise<void> => {
  if (inFlight) return inFlight
  if (status !== 'unknown' && Date.now() - loadedAt < MAX_AGE_MS) return Promise.resolve()
  inFlight = getQuickbooksConnection()
    .then(rememberConnection, () => {
      // A failed read leaves the tab as it was; the next record page asks again.
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/**
 * The last known status, without waiting. Asks for a fresh one in the background when needed, which is why
 * record tabs can call this while rendering.
 */
export const currentConnectionStatus = (): ConnectionStatus => {
  if (status === 'unknown' || Date.now() - loadedAt >= MAX_AGE_MS) queueMicrotask(refreshConnectionStatus)
  return status
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export const useConnectionStatus = (): ConnectionStatus => useSyncExternalStore(subscribe, () => status)
