import { lazy } from 'react'
import type { RecordTab } from '../crm'
import { currentConnectionStatus } from './connection-store'
import { QuickbooksTabLabel } from './quickbooks-tab-label'

// The tab's screens load only when someone opens it, so the first page stays small.
const CustomerTab = lazy(() => import('./customer-tab').then((m) => ({ default: m.CustomerTab })))

/**
 * The QuickBooks tab of organizations and contacts. Members see it once the workspace is connected;
 * administrators always see it, so an unconnected workspace points them to Settings.
 */
export const QUICKBOOKS_CUSTOMER_TAB: RecordTab = {
  id: 'quickbooks',
  label: 'QuickBooks',
  order: 25,
  appliesTo: ['organizations', 'contacts'],
  isAvailable: ({ session }) => {
    const status = currentConnectionStatus()
    return session.user.role === 'admin' || status === 'connected' || status === 'needs_reconnect'
  },
  Label: QuickbooksTabLabel,
  Component: CustomerTab,
}
