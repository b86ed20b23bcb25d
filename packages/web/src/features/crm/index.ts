export { BUILT_IN_RECORD_TABS } from './built-in-tabs'
export { ImportPage, RecordFormPage, RecordListPage, RecordPage } from './lazy-pages'
export {
  notifyRecordTabsChanged,
  type RecordTab,
  type RecordTabProps,
  recordTabsFor,
  registerRecordTab,
  useRecordTabsVersion,
} from './record-tab-registry'
export { RECORD_TYPE_ORDER, RECORD_TYPES, type RecordTypeInfo } from './record-types'
