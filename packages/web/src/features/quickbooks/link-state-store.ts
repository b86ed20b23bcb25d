import { useEffect, useSyncExternalStore } from 'react'
import { getRecordQuickbooksLink, type RecordQuickbooksLink, type RecordType } from '../../api'
import { rememberIsConnected } from './connection-store'

const links = new Map<string, RecordQuickbooksLink>()
const listeners = new Set<() => void>()
const keyOf = (type: RecordType, id: string) => `${type}/${id}`

const emit = () => {
  for (const listener of listeners) listener()
}

/** Records a record's link state (after linking or unlinking) so its QuickBooks icon follows at once. */
export const rememberRecordLink = (type: RecordType, id: string, link: RecordQuickbooksLink): void => {
  links.set(keyOf(type, id), link)
  emit()
}

/** Reads a record's link state again (a cheap call: no QuickBooks request). */
export const refreshRecordLink = async (
  type: RecordType,
  id: string,
  signal?: AbortSignal,
): Promise<void> => {
  const link = await getRecordQuickbooksLink(type, id, signal)
  rememberIsConnected(link.connected, link.status)
  rememberRecordLink(type, id, link)
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** A record's link state, read when the component mounts; undefined until known. */
export const useRecordLink = (type: RecordType, id: string): RecordQuickbooksLink | undefined => {
  useEffect(() => {
    const controller = new AbortController()
    refreshRecordLink(type, id, controller.signal).catch(() => {
      // The icon stays neutral when the link state cannot be read; the tab itself reports errors.
    })
    return () => controller.abort()
  }, [type, id])
  return useSyncExternalStore(subscribe, () => links.get(keyOf(type, id)))
}
