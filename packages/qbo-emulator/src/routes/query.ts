import type { FastifyInstance } from 'fastify'
import { queryFault } from '../faults'
import { type ParsedQuery, parseQuery, type QboObject, QueryLanguageError, runQuery } from '../query-language'
import { type CompanyStoreHandle, ENTITY_NAMES, type EntityName, offsetMinutes } from '../store'
import type { EmulatorContext } from './context'
import { runRead } from './finish'
import { okResponse } from './respond'

const STORED = new Set<string>(ENTITY_NAMES)

/**
 * Runs a query statement and builds the `QueryResponse` value (API-NOTES.md §3): rows with
 * `startPosition` and `maxResults` = rows returned, `{totalCount}` for COUNT, `{}` when nothing matches.
 * Query-language errors become 4000/4001 faults.
 *
 * @example
 * executeQuery(ctx, company, 'select count(*) from Invoice') // { totalCount: 12 }
 */
export function executeQuery(
  ctx: EmulatorContext,
  company: CompanyStoreHandle,
  text: unknown,
): Record<string, unknown> {
  try {
    const query = parseQuery(typeof text === 'string' ? text : '')
    const now = ctx.clock.now()
    const rows = candidateRows(company, query)
    const result = runQuery(query, rows, { nowMs: now, utcOffsetMinutes: offsetMinutes(now) })
    if (result.kind === 'count') return { totalCount: result.totalCount }
    if (result.rows.length === 0) return {}
    return {
      [result.entity]: result.rows,
      startPosition: result.startPosition,
      maxResults: result.rows.length,
    }
  } catch (err) {
    if (err instanceof QueryLanguageError) throw queryFault(err.code, err.message, err.detail)
    throw err
  }
}

const BY_CUSTOMER = new Set(['Invoice', 'Estimate', 'Payment'])

/**
 * The rows a query has to look at: for `CustomerRef = 'n'` / `IN (…)` on a transaction, only those
 * customers' transactions (an index; the evaluator still applies every condition), else every row.
 */
function candidateRows(company: CompanyStoreHandle, query: ParsedQuery): Iterable<QboObject> {
  if (!STORED.has(query.entity)) return []
  if (BY_CUSTOMER.has(query.entity)) {
    const byCustomer = query.where.find(
      (c) =>
        c.property.name === 'CustomerRef' &&
        (c.op === '=' || c.op === 'IN') &&
        c.values.every((v) => v.kind === 'text' && v.value.trim() !== ''),
    )
    if (byCustomer) {
      const ids = byCustomer.values.map((v) => (v.kind === 'text' ? v.value : ''))
      return company.listForCustomers(query.entity as 'Invoice' | 'Estimate' | 'Payment', ids)
    }
  }
  return company.list(query.entity as EntityName)
}

/**
 * `GET /query?query=…` and `POST /query` with the statement as an `application/text` body.
 *
 * @example
 * await v3.register(queryRoutes, { ctx })
 */
export async function queryRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  const handle = (realmId: string, text: unknown) =>
    okResponse(ctx, { QueryResponse: executeQuery(ctx, ctx.registry.get(realmId)!, text) })

  app.get('/query', async (request, reply) => {
    const { realmId } = request.params as { realmId: string }
    return runRead(ctx, request, reply, () =>
      handle(realmId, (request.query as Record<string, unknown>).query),
    )
  })

  app.post('/query', async (request, reply) => {
    const { realmId } = request.params as { realmId: string }
    const body = typeof request.body === 'string' && request.body.trim() ? request.body : undefined
    return runRead(ctx, request, reply, () =>
      handle(realmId, body ?? (request.query as Record<string, unknown>).query),
    )
  })
}
