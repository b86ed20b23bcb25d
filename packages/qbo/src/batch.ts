import {
  type EntityTypes,
  pickKey,
  type TransactionEntityName,
  type WritableEntityName,
} from './entities/names'
import type { Send } from './entities/operations'
import { QboError, type QboFaultError } from './errors'
import { type AnyQueryBuilder, isQueryBuilder, type QueryEntityName } from './query'
import { faultFromObject } from './transport/faults'

/**
 * QBO accepts at most 30 items per batch request (API-NOTES §5); `company.batch()` splits longer lists.
 * @example
 * const requests = Math.ceil(75 / BATCH_LIMIT) // 3
 */
export const BATCH_LIMIT = 30

/**
 * One batch item: a create, a sparse update, a delete, or a query.
 * @example
 * const items: BatchItem[] = [
 *   { operation: 'create', entity: 'Customer', body: { DisplayName: 'Red Rock Diner' } },
 *   { operation: 'update', entity: 'Customer', body: { Id: '58', SyncToken: '0', Notes: 'VIP' } },
 *   { operation: 'delete', entity: 'Invoice', body: { Id: '129', SyncToken: '0' } },
 *   { query: select('Customer').where('Active', '=', true) },
 * ]
 */
export type BatchItem =
  | { operation: 'create'; entity: WritableEntityName; body: Record<string, unknown> }
  | {
      operation: 'update'
      entity: WritableEntityName
      body: { Id: string; SyncToken: string } & Record<string, unknown>
    }
  | { operation: 'delete'; entity: TransactionEntityName; body: { Id: string; SyncToken: string } }
  | { query: AnyQueryBuilder }

/**
 * The result of one item, at the same index as the item: an object, query rows, or the item's fault.
 * @example
 * function describe(r: BatchItemResult) {
 *   return r.ok ? ('rows' in r ? `${r.rows.length} rows` : r.entity) : r.error.message
 * }
 */
export type BatchItemResult =
  | { ok: true; entity: string; value: EntityTypes[WritableEntityName] }
  | { ok: true; entity: string; rows: Array<EntityTypes[QueryEntityName]> }
  | { ok: false; error: QboFaultError | QboError }

function itemBody(item: BatchItem, bId: string): Record<string, unknown> {
  if ('query' in item) {
    if (!isQueryBuilder(item.query)) throw new QboError('batch query items must be built with select()')
    return { bId, Query: item.query.toString() }
  }
  // Updates in a batch are sparse, like the single-object update helper.
  const body = item.operation === 'update' ? { ...item.body, sparse: true } : item.body
  return { bId, operation: item.operation, [item.entity]: body }
}

function itemResult(item: BatchItem, response: unknown): BatchItemResult {
  const fault = pickKey(response, 'Fault')
  if (fault !== undefined && fault !== null && typeof fault === 'object')
    return { ok: false, error: faultFromObject(fault) }
  if ('query' in item) {
    const entity = item.query.entity
    const qr = pickKey(response, 'QueryResponse')
    const rows = pickKey(qr, entity)
    return { ok: true, entity, rows: Array.isArray(rows) ? rows : [] }
  }
  const value = pickKey(response, item.entity)
  if (value === null || typeof value !== 'object')
    return { ok: false, error: new QboError(`batch item has no ${item.entity}`) }
  return { ok: true, entity: item.entity, value: value as EntityTypes[WritableEntityName] }
}

/**
 * Sends `items` in batches of at most 30, one after another, and returns one result per item in input
 * order. Each item gets its own `bId`; each batch request carries its own `requestid` (≤ 36 characters,
 * API-NOTES §1) so a retried batch is replayed, not re-executed. Items are independent at QBO: one item's
 * fault does not fail the others.
 */
export async function runBatch(
  send: Send,
  items: readonly BatchItem[],
  requestId: () => string | undefined,
  signal?: AbortSignal,
): Promise<BatchItemResult[]> {
  const results: BatchItemResult[] = []
  for (let start = 0; start < items.length; start += BATCH_LIMIT) {
    const chunk = items.slice(start, start + BATCH_LIMIT)
    const request = { BatchItemRequest: chunk.map((item, i) => itemBody(item, String(start + i))) }
    const response = await send({
      method: 'POST',
      path: 'batch',
      body: { json: request },
      isWrite: true,
      isBatch: true,
      cost: chunk.length,
      requestId: requestId(),
      signal,
    })
    const answers = pickKey(response.body, 'BatchItemResponse')
    const byId = new Map<string, unknown>()
    if (Array.isArray(answers)) for (const a of answers) byId.set(String(pickKey(a, 'bId')), a)
    chunk.forEach((item, i) => {
      const answer = byId.get(String(start + i))
      results.push(
        answer === undefined
          ? { ok: false, error: new QboError(`QBO returned no result for batch item ${start + i}`) }
          : itemResult(item, answer),
      )
    })
  }
  return results
}
