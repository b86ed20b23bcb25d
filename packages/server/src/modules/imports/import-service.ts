import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { newId } from '../../ids'
import { parseCsv } from './csv'
import { importError } from './errors'
import { IMPORT_FIELDS, type ImportRecordType, suggestMapping } from './import-fields'
import type { ImportRunner } from './import-runner'
import * as repo from './repository'

const findImportOrThrow = async (db: Db, ctx: ServiceContext, id: string) => {
  const stored = await repo.findImport(db, ctx.workspaceId, id)
  if (!stored) throw importError('IMPORT_NOT_FOUND', 'This import does not exist.')
  return stored
}

/** Stores an uploaded CSV and answers with a preview and a suggested column mapping. */
export const previewImport = async (
  db: Db,
  ctx: ServiceContext,
  recordType: ImportRecordType,
  content: string,
) => {
  const { columns, rows } = parseCsv(content)
  const id = newId()
  await repo.insertImport(db, ctx.workspaceId, {
    id,
    recordType,
    status: 'previewed',
    content,
    total: rows.length,
    processed: 0,
    created: 0,
    failed: 0,
    errors: [],
    createdBy: ctx.userId ?? '',
  })
  return {
    id,
    recordType,
    columns,
    sampleRows: rows.slice(0, 5),
    rowCount: rows.length,
    suggestedMapping: suggestMapping(recordType, columns),
    fields: IMPORT_FIELDS[recordType].map(({ name, label, required }) => ({ name, label, required })),
  }
}

/** Checks the mapping and starts the import in the background. */
export const runImport = async (
  db: Db,
  runner: ImportRunner,
  ctx: ServiceContext,
  id: string,
  mapping: Record<string, string | null>,
) => {
  const stored = await findImportOrThrow(db, ctx, id)
  if (stored.status !== 'previewed') {
    throw importError('IMPORT_ALREADY_STARTED', 'This import has already been started.')
  }
  const { columns } = parseCsv(stored.content)
  const fields = IMPORT_FIELDS[stored.recordType]
  const fieldNames = new Set(fields.map((field) => field.name))
  for (const [column, field] of Object.entries(mapping)) {
    if (!columns.includes(column)) throw importError('BAD_MAPPING', `The file has no column "${column}".`)
    if (field !== null && !fieldNames.has(field))
      throw importError('BAD_MAPPING', `"${field}" is not a field you can import.`)
  }
  const mapped = Object.values(mapping).filter((field): field is string => field !== null)
  if (new Set(mapped).size !== mapped.length) {
    throw importError('BAD_MAPPING', 'Two columns are mapped to the same field. Map each field once.')
  }
  for (const field of fields.filter((candidate) => candidate.required)) {
    if (!mapped.includes(field.name))
      throw importError('BAD_MAPPING', `Map a column to the required field "${field.label}".`)
  }
  if (stored.recordType === 'contact' && !mapped.includes('firstName') && !mapped.includes('lastName')) {
    throw importError('BAD_MAPPING', 'Map a column to "First name" or "Last name".')
  }
  if (!(await repo.claimImport(db, ctx.workspaceId, id))) {
    throw importError('IMPORT_ALREADY_STARTED', 'This import has already been started.')
  }
  runner.start({ ctx, importId: id, recordType: stored.recordType, mapping })
  return { id, status: 'running' as const }
}

export const getImportStatus = async (db: Db, ctx: ServiceContext, id: string) => {
  const stored = await findImportOrThrow(db, ctx, id)
  return {
    id: stored.id,
    recordType: stored.recordType,
    status: stored.status,
    total: stored.total,
    processed: stored.processed,
    created: stored.created,
    failed: stored.failed,
    errors: stored.errors,
  }
}
