import { lazy } from 'react'
import type { RecordTab } from './record-tab-registry'
import { RECORD_TYPE_ORDER } from './record-types'

const DetailsTab = lazy(() => import('./details-tab').then((m) => ({ default: m.DetailsTab })))
const RelatedTab = lazy(() => import('./related-tab').then((m) => ({ default: m.RelatedTab })))
const HistoryTab = lazy(() => import('./history-tab').then((m) => ({ default: m.HistoryTab })))

/** The tabs every record page has. */
export const BUILT_IN_RECORD_TABS: RecordTab[] = [
  { id: 'details', label: 'Details', order: 10, appliesTo: RECORD_TYPE_ORDER, Component: DetailsTab },
  { id: 'related', label: 'Related', order: 20, appliesTo: RECORD_TYPE_ORDER, Component: RelatedTab },
  { id: 'history', label: 'History', order: 30, appliesTo: RECORD_TYPE_ORDER, Component: HistoryTab },
]
