import { type ComponentType, useSyncExternalStore } from 'react'
import type { AnyRecord, RecordType, Session } from '../../api'

/** What every tab of a record page receives. */
export type RecordTabProps = {
  type: RecordType
  record: AnyRecord
  /** Tell the page the record changed (an undo, a copy from elsewhere) so the header and details refresh. */
  onRecordChange: (record: AnyRecord) => void
}

/**
 * One tab of a record page. Capabilities add their own tab by registering one (the QuickBooks tab is shown
 * only once the workspace is connected, through `isAvailable`).
 */
export type RecordTab = {
  /** Also the last part of the tab's URL: `/organizations/:id/<id>`. */
  id: string
  label: string
  /** Lower comes first. Details 10, Related 20, History 30. */
  order: number
  appliesTo: RecordType[]
  isAvailable?: (context: { session: Session; type: RecordType; record: AnyRecord }) => boolean
  /** Shown in the tab instead of `label` (the label plus an icon with the record's state); starts with `label`. */
  Label?: ComponentType<{ type: RecordType; record: AnyRecord }>
  Component: ComponentType<RecordTabProps>
}

const tabs: RecordTab[] = []
const listeners = new Set<() => void>()
let version = 0

/** Tells open record pages that a tab's `isAvailable` may answer differently now (a connection loaded, say). */
export const notifyRecordTabsChanged = (): void => {
  version += 1
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Re-renders a record page whenever {@link notifyRecordTabsChanged} is called. */
export const useRecordTabsVersion = (): number => useSyncExternalStore(subscribe, () => version)

/** Adds a tab to record pages; registering the same id again replaces it. */
export const registerRecordTab = (tab: RecordTab): void => {
  const existing = tabs.findIndex((t) => t.id === tab.id)
  if (existing >= 0) tabs.splice(existing, 1, tab)
  else tabs.push(tab)
}

/** The tabs to show for a record, in order. */
export const recordTabsFor = (context: {
  session: Session
  type: RecordType
  record: AnyRecord
}): RecordTab[] =>
  tabs
    .filter((tab) => tab.appliesTo.includes(context.type) && (tab.isAvailable?.(context) ?? true))
    .sort((a, b) => a.order - b.order)
