import { BUILT_IN_RECORD_TABS, registerRecordTab } from '../features/crm'
import { QUICKBOOKS_CUSTOMER_TAB, QUICKBOOKS_DOCUMENTS_TAB } from '../features/quickbooks'

/** The tabs of record pages; each capability with a tab of its own adds a line here. */
export const registerRecordTabs = (): void => {
  for (const tab of BUILT_IN_RECORD_TABS) registerRecordTab(tab)
  registerRecordTab(QUICKBOOKS_CUSTOMER_TAB)
  registerRecordTab(QUICKBOOKS_DOCUMENTS_TAB)
}
