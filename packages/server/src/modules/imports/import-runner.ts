import type { Logger } from 'pino'
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { type CrmService, createSchemaOf, findOrganizationIdsByName, type RecordData } from '../crm'
import { parseCsv } from './csv'
import { type ImportRecordType, rowToInput } from './import-fields'
import * as repo from './repository'

const CHUNK_ROWS = 500
const MAX_REPORTED_ERRORS = 100

export type ImportRunner = ReturnType<typeof createImportRunner>

type Job = {
  ctx: ServiceContext
  importId: string
  recordType: ImportRecordType
  mapping: Record<string, string | null>
}

/**
 * Runs imports in the background, one chunk of rows per transaction, writing progress after each chunk so
 * the status route can report it. Rows that fail validation are counted and reported, never inserted.
 */
export const createImportRunner = (db: Db, crm: CrmService, log: Pick<Logger, 'error'>) => {
  const running = new Set<Promise<void>>()
  let isStopping = false

  const validateRow = (type: ImportRecordType, input: RecordData) => {
    const parsed = createSchemaOf(type).safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return { error: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` }
    }
    const data = parsed.data as RecordData
    if (type === 'contact' && !data.firstName && !data.lastName)
      return { error: 'A first or last name is required' }
    return { data }
  }

  const run = async (job: Job) => {
    const stored = await repo.findImport(db, job.ctx.workspaceId, job.importId)
    if (!stored) return
    const { columns, rows } = parseCsv(stored.content)
    const columnFields = columns.map((column) => job.mapping[column] ?? null)
    const progress = {
      status: 'running' as const,
      processed: 0,
      created: 0,
      failed: 0,
      errors: [] as repo.ImportError[],
    }
    const fail = (row: number, message: string) => {
      progress.failed += 1
      if (progress.errors.length < MAX_REPORTED_ERRORS) progress.errors.push({ row, message })
    }
    for (let start = 0; start < rows.length && !isStopping; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS).map((row, index) => ({
        rowNumber: start + index + 1,
        ...rowToInput(job.recordType, row, columnFields),
      }))
      const names = [
        ...new Set(
          chunk.flatMap((row) => (row.organizationName ? [row.organizationName.toLowerCase()] : [])),
        ),
      ]
      const organizations = await findOrganizationIdsByName(db, job.ctx.workspaceId, names)
      const valid: RecordData[] = []
      for (const row of chunk) {
        if (row.organizationName) {
          const organizationId = organizations.get(row.organizationName.toLowerCase())
          if (organizationId) row.input.organizationId = organizationId
        }
        const result = validateRow(job.recordType, row.input)
        if (result.data) valid.push(result.data)
        else fail(row.rowNumber, result.error ?? 'invalid row')
      }
      await db.transaction().execute(async (trx) => {
        await crm.insertNew(trx, job.ctx, job.recordType, valid, 'import')
        progress.created += valid.length
        progress.processed += chunk.length
        await repo.updateProgress(trx, job.ctx.workspaceId, job.importId, progress)
      })
      // Let requests in between chunks, so a large import does not stall the server.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await repo.updateProgress(db, job.ctx.workspaceId, job.importId, {
      ...progress,
      status: isStopping ? 'failed' : 'completed',
    })
  }

  const start = (job: Job) => {
    const promise = run(job)
      .catch(async (error: unknown) => {
        log.error({ err: error, importId: job.importId }, 'import failed')
        const current = await repo.findImport(db, job.ctx.workspaceId, job.importId).catch(() => undefined)
        if (current) {
          await repo
            .updateProgress(db, job.ctx.workspaceId, job.importId, {
              ...current,
              status: 'failed',
              errors: [
                ...current.errors,
                { row: 0, message: 'The import stopped because of a server problem.' },
              ],
            })
            .catch(() => undefined)
        }
      })
      .finally(() => running.delete(promise))
    running.add(promise)
  }

  /** Resolves when every running import has finished (tests, shutdown). */
  const waitForIdle = async () => {
    while (running.size > 0) await Promise.all([...running])
  }

  const stop = async () => {
    isStopping = true
    await waitForIdle()
  }

  return { start, waitForIdle, stop }
}
