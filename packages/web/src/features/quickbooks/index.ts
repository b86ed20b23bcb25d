export {
  type ConnectionStatus,
  currentConnectionStatus,
  refreshConnectionStatus,
  rememberConnection,
  useConnectionStatus,
} from './connection-store'
export { QUICKBOOKS_DOCUMENTS_TAB } from './documents-record-tab'
export { QuickbooksConnectionCard } from './lazy-components'
export { rememberRecordLink, useRecordLink } from './link-state-store'
export { QUICKBOOKS_CUSTOMER_TAB } from './quickbooks-record-tab'
export { QuickbooksTabLabel } from './quickbooks-tab-label'
