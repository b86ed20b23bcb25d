import type { FastifyInstance } from 'fastify'
import {
  batchTooLarge,
  invalidProperty,
  QboFault,
  requiredParam,
  systemFault,
  unsupportedEntity,
} from '../faults'
import { type CompanyStoreHandle, ENTITY_NAMES, type EntityName, type QboObject } from '../store'
import { executeWrite } from './accounting'
import type { EmulatorContext } from './context'
import { runWrite } from './finish'
import { executeQuery } from './query'
import { okResponse } from './respond'

/**
 * Max items per batch (API-NOTES.md §5: build for 30).
 *
 * @example
 * items.length > BATCH_LIMIT // answered with fault 1040
 */
export const BATCH_LIMIT = 30
/** With a `requestid`, a batch's id may be at most 36 characters (§1). */
const BATCH_REQUEST_ID_MAX = 36
const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData'])

/** Checks the envelope: an array of 1..30 items, each with a unique `bId`. */
function readItems(body: unknown): QboObject[] {
  const items = (body as { BatchItemRequest?: unknown } | undefined)?.BatchItemRequest
  if (!Array.isArray(items) || items.length === 0) throw requiredParam('BatchItemRequest')
  if (items.length > BATCH_LIMIT) throw batchTooLarge(items.length)
  const seen = new Set<string>()
  for (const item of items as QboObject[]) {
    if (!item || typeof item !== 'object') throw invalidProperty('BatchItemRequest', 'BatchItemRequest')
    const bId = item.bId
    if (typeof bId !== 'string' || bId === '') throw requiredParam('bId')
    if (seen.has(bId)) throw invalidProperty('bId', 'bId', `bId ${bId} is used more than once`)
    seen.add(bId)
  }
  return items as QboObject[]
}

/** Runs one item; a failure becomes that item's Fault, the others go on (§5). */
function runItem(ctx: EmulatorContext, company: CompanyStoreHandle, item: QboObject): QboObject {
  const bId = item.bId as string
  try {
    if ('Query' in item) return { bId, QueryResponse: executeQuery(ctx, company, item.Query) }
    const entityKey = Object.keys(item).find((k) => !ITEM_KEYS.has(k))
    if (!entityKey) throw requiredParam('operation')
    if (!(ENTITY_NAMES as readonly string[]).includes(entityKey)) throw unsupportedEntity(entityKey)
    const entity = entityKey as EntityName
    const operation = typeof item.operation === 'string' ? item.operation.toLowerCase() : undefined
    if (operation === undefined) throw requiredParam('operation')
    // Void in a batch: operation "update" with optionsData "void" (2023 blog, unverified); "void" is accepted too.
    const isVoid = operation === 'void' || (operation === 'update' && item.optionsData === 'void')
    const op = isVoid ? 'void' : operation
    if (op !== 'create' && op !== 'update' && op !== 'delete' && op !== 'void') {
      throw invalidProperty('operation', 'operation', `unknown operation ${operation}`)
    }
    return { bId, [entity]: executeWrite(company, entity, op, item[entityKey], {}) }
  } catch (err) {
    const fault = err instanceof QboFault ? err : systemFault(500)
    return { bId, Fault: fault.toFaultBody() }
  }
}

/**
 * `POST /batch`: up to 30 items, HTTP 200 with per-item results or faults.
 *
 * @example
 * await v3.register(batchRoutes, { ctx })
 */
export async function batchRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  app.post('/batch', async (request, reply) => {
    const { realmId } = request.params as { realmId: string }
    return runWrite(
      ctx,
      request,
      reply,
      () => {
        const items = readItems(request.body)
        const company = ctx.registry.get(realmId)!
        // Items run one after another, in order (the 2017 Intuit blog; the docs say not to rely on it).
        return okResponse(ctx, { BatchItemResponse: items.map((item) => runItem(ctx, company, item)) })
      },
      BATCH_REQUEST_ID_MAX,
    )
  })
}
