import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { findUserNames } from '../workspaces'
import { crmError } from './errors'
import * as repo from './history-repository'
import type { CrmService } from './record-service'
import { sameValue } from './record-service'
import type { RecordType } from './record-types'

const PAGE_SIZE = 50

/** A record's history, newest first, with the names of who made each change. */
export const listHistory = async (
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: RecordType,
  recordId: string,
  cursor: string | undefined,
) => {
  await crm.findOrThrow(db, ctx, type, recordId)
  const rows = await repo.listHistory(db, ctx.workspaceId, recordId, { beforeId: cursor, limit: PAGE_SIZE })
  const page = rows.slice(0, PAGE_SIZE)
  const names = await findUserNames(db, ctx.workspaceId, [
    ...new Set(page.flatMap((entry) => (entry.userId ? [entry.userId] : []))),
  ])
  return {
    items: page.map((entry) => ({
      id: entry.id,
      changedAt: entry.changedAt,
      user:
        entry.userId && names.has(entry.userId)
          ? { id: entry.userId, name: names.get(entry.userId) ?? '' }
          : null,
      action: entry.action,
      changes: entry.changes,
    })),
    nextCursor: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  }
}

/**
 * Puts one field back to its value before a change. Refused when the field has changed again since,
 * so an undo never silently overwrites someone's later edit.
 */
export const undoChange = async (
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: RecordType,
  recordId: string,
  changeId: string,
  field: string,
) => {
  const record = await crm.findOrThrow(db, ctx, type, recordId)
  const entry = await repo.findHistoryEntry(db, ctx.workspaceId, recordId, changeId)
  const change = entry?.changes.find((candidate) => candidate.field === field)
  if (!entry || !change) {
    throw crmError('CHANGE_NOT_FOUND', 'This change does not exist for this record and field.')
  }
  if (!sameValue(record.data[field], change.newValue)) {
    throw crmError(
      'UNDO_CONFLICT',
      `The field "${field}" has changed again since this change, so it cannot be undone. Edit it directly instead.`,
    )
  }
  return crm.updateRecordFields(ctx, type, recordId, { [field]: change.oldValue }, 'undo')
}
