import type { ServiceContext } from '../../context'
import type { Db, HistoryAction } from '../../db'
import { AppError, badInput, type FieldProblem } from '../../errors'
import { newId } from '../../ids'
import { findUser } from '../workspaces'
import { decodeCursor, encodeCursor, SORT_COLUMN, type SortOption } from './cursor'
import { crmError } from './errors'
import * as history from './history-repository'
import { deleteLinksOf } from './link-repository'
import * as repo from './record-repository'
import {
  crossFieldProblems,
  displayNameOf,
  LABEL_OF,
  patchSchemaOf,
  type RecordData,
  type RecordType,
  searchTextOf,
  withDefaults,
} from './record-types'
import { type RecordView, toRecordViews } from './record-view'

/** Values are compared as JSON: strings, numbers, null, string lists and addresses. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

const rowValues = (type: RecordType, data: RecordData): repo.RecordRowValues => {
  const name = displayNameOf(type, data)
  return {
    name,
    sortName: name.toLowerCase(),
    searchText: searchTextOf(type, data),
    organizationId: type === 'contact' ? ((data.organizationId as string | null) ?? null) : null,
    ownerId: type === 'opportunity' || type === 'project' ? ((data.ownerId as string | null) ?? null) : null,
    data,
  }
}

const recordNotFound = (type: RecordType) =>
  crmError('RECORD_NOT_FOUND', `This ${LABEL_OF[type]} does not exist, or it was deleted.`)

/** Parses a set of field changes against the type's schema (any subset of fields; null clears). */
export const parseChanges = (type: RecordType, changes: RecordData): RecordData => {
  const parsed = patchSchemaOf(type).safeParse(changes)
  if (!parsed.success) {
    const fields: FieldProblem[] = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }))
    throw badInput(`Please check ${fields[0]?.path}: ${fields[0]?.message}`, fields)
  }
  return parsed.data as RecordData
}

export type CrmService = ReturnType<typeof createCrmService>

/** Thrown inside an update transaction when the row changed under it; the update is retried from a fresh read. */
class ConcurrentEdit extends Error {}
const MAX_EDIT_ATTEMPTS = 5

/** Records: create, read, list, update (always through updateRecordFields, which keeps history), delete. */
export const createCrmService = (db: Db) => {
  /** Checks rules across fields and that references (organization, owner) point into the same workspace. */
  const validate = async (
    trx: Db,
    ctx: ServiceContext,
    type: RecordType,
    data: RecordData,
    changed: RecordData,
  ) => {
    const problems = crossFieldProblems(type, data)
    if (typeof changed.organizationId === 'string') {
      const organization = await repo.findRecord(trx, ctx.workspaceId, 'organization', changed.organizationId)
      if (!organization)
        problems.push({ path: 'organizationId', message: 'No such organization in this workspace' })
    }
    if (typeof changed.ownerId === 'string' && !(await findUser(trx, ctx.workspaceId, changed.ownerId))) {
      problems.push({ path: 'ownerId', message: 'No such user in this workspace' })
    }
    if (problems.length > 0)
      throw badInput(`Please check ${problems[0]?.path}: ${problems[0]?.message}`, problems)
  }

  const findOrThrow = async (trx: Db, ctx: ServiceContext, type: RecordType, id: string) => {
    const record = await repo.findRecord(trx, ctx.workspaceId, type, id)
    if (!record) throw recordNotFound(type)
    return record
  }

  const view = async (trx: Db, ctx: ServiceContext, record: repo.StoredRecord): Promise<RecordView> => {
    const [result] = await toRecordViews(trx, ctx.workspaceId, [record])
    if (!result) throw new AppError('INTERNAL', 'internal', 'The record could not be shown.')
    return result
  }

  /**
   * Validates and inserts new records with a history entry each, in the caller's transaction.
   * Inputs must already have passed the type's create schema.
   */
  const insertNew = async (
    trx: Db,
    ctx: ServiceContext,
    type: RecordType,
    inputs: RecordData[],
    action: HistoryAction,
  ) => {
    const now = new Date().toISOString()
    const stored: repo.StoredRecord[] = []
    for (const input of inputs) {
      const data = withDefaults(type, input)
      await validate(trx, ctx, type, data, data)
      stored.push({
        id: newId(),
        type,
        name: displayNameOf(type, data),
        data,
        organizationId: rowValues(type, data).organizationId,
        ownerId: rowValues(type, data).ownerId,
        createdAt: now,
        updatedAt: now,
        createdBy: ctx.userId,
      })
    }
    await repo.insertRecords(
      trx,
      ctx.workspaceId,
      stored.map((record) => ({
        ...rowValues(type, record.data),
        id: record.id,
        type,
        createdAt: now,
        createdBy: ctx.userId,
      })),
    )
    await history.insertHistory(
      trx,
      ctx.workspaceId,
      stored.map((record) => ({
        id: newId(),
        recordType: type,
        recordId: record.id,
        changedAt: now,
        userId: ctx.userId,
        action,
        changes: Object.entries(record.data)
          .filter(([, value]) => !sameValue(value, null) && !sameValue(value, []))
          .map(([field, value]) => ({ field, oldValue: null, newValue: value })),
      })),
    )
    return stored
  }

  const createRecord = async (
    ctx: ServiceContext,
    type: RecordType,
    input: RecordData,
  ): Promise<RecordView> =>
    db.transaction().execute(async (trx) => {
      const [record] = await insertNew(trx, ctx, type, [input], 'create')
      if (!record) throw new AppError('INTERNAL', 'internal', 'The record could not be created.')
      return view(trx, ctx, record)
    })

  const getRecord = async (ctx: ServiceContext, type: RecordType, id: string) =>
    view(db, ctx, await findOrThrow(db, ctx, type, id))

  const listRecords = async (
    ctx: ServiceContext,
    type: RecordType,
    query: { q?: string | undefined; sort: SortOption; limit: number; cursor?: string | undefined },
  ) => {
    const column = SORT_COLUMN[query.sort]
    const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined
    const rows = await repo.listRecords(db, ctx.workspaceId, type, {
      search: query.q?.trim() || undefined,
      column,
      isDescending: query.sort.startsWith('-'),
      after,
      limit: query.limit,
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(query.sort, {
            value:
              column === 'sort_name'
                ? last.sortName
                : column === 'updated_at'
                  ? last.updatedAt
                  : last.createdAt,
            id: last.id,
          })
        : null
    return { items: await toRecordViews(db, ctx.workspaceId, page), nextCursor }
  }

  /**
   * Changes some fields of a record and records who changed what (old and new values) in its history.
   * The one write path for existing records: edits, undo, and copies from QuickBooks all come through here.
   * Fields whose value does not change are left out of the history entry; no change writes no entry.
   */
  const updateRecordFields = async (
    ctx: ServiceContext,
    type: RecordType,
    id: string,
    changes: RecordData,
    action: HistoryAction = 'update',
    trxDb: Db = db,
  ): Promise<RecordView> => {
    const parsed = parseChanges(type, changes)
    const run = async (trx: Db) => {
      const record = await findOrThrow(trx, ctx, type, id)
      const fieldChanges = Object.entries(parsed)
        .filter(([field, value]) => !sameValue(record.data[field], value))
        .map(([field, value]) => ({ field, oldValue: record.data[field] ?? null, newValue: value }))
      if (fieldChanges.length === 0) return view(trx, ctx, record)
      const data = { ...record.data, ...parsed }
      const changed = Object.fromEntries(fieldChanges.map((change) => [change.field, change.newValue]))
      await validate(trx, ctx, type, data, changed)
      const now = new Date().toISOString()
      const isUpdated = await repo.updateRecordRow(
        trx,
        ctx.workspaceId,
        id,
        { ...rowValues(type, data), updatedAt: now },
        record.data,
      )
      if (!isUpdated) throw new ConcurrentEdit()
      await history.insertHistory(trx, ctx.workspaceId, [
        {
          id: newId(),
          recordType: type,
          recordId: id,
          changedAt: now,
          userId: ctx.userId,
          action,
          changes: fieldChanges,
        },
      ])
      return view(trx, ctx, { ...record, ...rowValues(type, data), updatedAt: now })
    }
    if (trxDb !== db) return run(trxDb)
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(run)
      } catch (error) {
        if (!(error instanceof ConcurrentEdit)) throw error
        if (attempt >= MAX_EDIT_ATTEMPTS) {
          throw crmError(
            'EDIT_CONFLICT',
            'Someone else is editing this record right now. Reload it and try again.',
          )
        }
      }
    }
  }

  /** Deletes a record and its links; contacts of a deleted organization keep a history entry of losing it. */
  const deleteRecord = async (ctx: ServiceContext, type: RecordType, id: string) =>
    db.transaction().execute(async (trx) => {
      await findOrThrow(trx, ctx, type, id)
      if (type === 'organization') {
        for (const contactId of await repo.findContactIdsOfOrganization(trx, ctx.workspaceId, id)) {
          await updateRecordFields(ctx, 'contact', contactId, { organizationId: null }, 'update', trx)
        }
      }
      await deleteLinksOf(trx, ctx.workspaceId, id)
      await repo.deleteRecordRow(trx, ctx.workspaceId, id)
    })

  return { createRecord, getRecord, listRecords, updateRecordFields, deleteRecord, insertNew, findOrThrow }
}
