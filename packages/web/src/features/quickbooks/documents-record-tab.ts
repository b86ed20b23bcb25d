import { lazy } from 'react'
import type { RecordTab } from '../crm'
import { currentConnectionStatus } from './connection-store'
import { QuickbooksTabLabel } from './quickbooks-tab-label'

// The tab's screens load only when someone opens it, so the first page stays small.
const DocumentsTab = lazy(() => import('./documents-tab').then((m) => ({ default: m.DocumentsTab })))

/**
 * The QuickBooks tab of opportunities and projects (their linked invoices, payments and estimates). Shown
 * like the organizations' and contacts' tab: members once the workspace is connected, administrators always.
 */
export const QUICKBOOKS_DOCUMENTS_TAB: RecordTab = {
  id: 'quickbooks-documents',
  label: 'QuickBooks',
  order: 25,
  appliesTo: ['opportunities', 'projects'],
  isAvailable: ({ session }) => {
    const status = currentConnectionStatus()
    return session.user.role === 'admin' || status === 'connected' || status === 'needs_reconnect'
  },
  Label: QuickbooksTabLabel,
  Component: DocumentsTab,
}
