import { crmError } from './errors'
import type { SortColumn } from './record-repository'

export const SORT_OPTIONS = ['name', '-name', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const
export type SortOption = (typeof SORT_OPTIONS)[number]

export const SORT_COLUMN: Record<SortOption, SortColumn> = {
  name: 'sort_name',
  '-name': 'sort_name',
  updatedAt: 'updated_at',
  '-updatedAt': 'updated_at',
  createdAt: 'created_at',
  '-createdAt': 'created_at',
}

/** An opaque cursor: the last row's sort key and id, and the sort it belongs to. */
export const encodeCursor = (sort: SortOption, after: { value: string; id: string }): string =>
  Buffer.from(JSON.stringify({ s: sort, v: after.value, i: after.id })).toString('base64url')

export const decodeCursor = (cursor: string, sort: SortOption): { value: string; id: string } => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
    if (parsed.s === sort && typeof parsed.v === 'string' && typeof parsed.i === 'string') {
      return { value: parsed.v, id: parsed.i }
    }
  } catch {
    // Falls through to the error below.
  }
  throw crmError(
    'BAD_CURSOR',
    'This page cursor is not valid for this list. Start again from the first page.',
  )
}
