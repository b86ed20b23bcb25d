import { request } from './client'
import type { HistoryEntry, Link, Page, RecordByType, RecordKind, RecordType, SortKey } from './types'

export type ListQuery = { q?: string; sort?: SortKey; limit?: number; cursor?: string | null }

const recordPath = (type: RecordType, id: string): string => `/${type}/${encodeURIComponent(id)}`

export const listRecords = <T extends RecordType>(
  type: T,
  query: ListQuery = {},
  signal?: AbortSignal,
): Promise<Page<RecordByType[T]>> =>
  request('GET', `/${type}`, {
    query: { q: query.q, sort: query.sort, limit: query.limit, cursor: query.cursor },
    signal,
  })

export const getRecord = <T extends RecordType>(
  type: T,
  id: string,
  signal?: AbortSignal,
): Promise<RecordByType[T]> => request('GET', recordPath(type, id), { signal })

/** Fields sent on create/update: any subset of the record's writable fields; `null` clears one. */
export type RecordInput = Record<string, unknown>

export const createRecord = <T extends RecordType>(type: T, input: RecordInput): Promise<RecordByType[T]> =>
  request('POST', `/${type}`, { body: input })

export const updateRecord = <T extends RecordType>(
  type: T,
  id: string,
  changes: RecordInput,
): Promise<RecordByType[T]> => request('PATCH', recordPath(type, id), { body: changes })

export const deleteRecord = (type: RecordType, id: string): Promise<void> =>
  request('DELETE', recordPath(type, id))

export const listLinks = (type: RecordType, id: string, signal?: AbortSignal): Promise<{ items: Link[] }> =>
  request('GET', `${recordPath(type, id)}/links`, { signal })

export const addLink = (
  type: RecordType,
  id: string,
  link: { recordType: RecordKind; recordId: string; role?: string | null },
): Promise<Link> => request('POST', `${recordPath(type, id)}/links`, { body: link })

export const removeLink = (type: RecordType, id: string, linkId: string): Promise<void> =>
  request('DELETE', `${recordPath(type, id)}/links/${encodeURIComponent(linkId)}`)

export const listHistory = (
  type: RecordType,
  id: string,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> =>
  request('GET', `${recordPath(type, id)}/history`, { query: { cursor }, signal })

export const undoChange = <T extends RecordType>(
  type: T,
  id: string,
  changeId: string,
  field: string,
): Promise<RecordByType[T]> =>
  request('POST', `${recordPath(type, id)}/history/${encodeURIComponent(changeId)}/undo`, { body: { field } })
