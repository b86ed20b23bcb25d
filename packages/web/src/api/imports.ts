import { request } from './client'
import type { ImportPreview, ImportRecordType, ImportStatus } from './types'

export const uploadImport = (recordType: ImportRecordType, file: Blob): Promise<ImportPreview> =>
  request('POST', '/imports', { query: { recordType }, rawBody: { data: file, contentType: 'text/csv' } })

export const runImport = (
  id: string,
  mapping: Record<string, string | null>,
): Promise<{ id: string; status: 'running' }> =>
  request('POST', `/imports/${encodeURIComponent(id)}/run`, { body: { mapping } })

export const getImport = (id: string, signal?: AbortSignal): Promise<ImportStatus> =>
  request('GET', `/imports/${encodeURIComponent(id)}`, { signal })
