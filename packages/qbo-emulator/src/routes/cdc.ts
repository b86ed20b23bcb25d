import type { FastifyInstance } from 'fastify'
import { invalidProperty, requiredParam, unsupportedEntity } from '../faults'
import { ENTITY_NAMES, type EntityName, offsetMinutes } from '../store'
import type { EmulatorContext } from './context'
import { runRead } from './finish'
import { okResponse } from './respond'

/**
 * CDC limits (API-NOTES.md §6).
 *
 * @example
 * Date.now() - since > CDC_MAX_DAYS * 86_400_000 // refused
 */
export const CDC_MAX_DAYS = 30
/**
 * @example
 * changes.slice(0, CDC_MAX_OBJECTS)
 */
export const CDC_MAX_OBJECTS = 1000
const DAY_MS = 86_400_000
const BY_LOWER = new Map(ENTITY_NAMES.map((e) => [e.toLowerCase(), e]))

function parseEntities(value: unknown): EntityName[] {
  if (typeof value !== 'string' || value.trim() === '') throw requiredParam('entities')
  const out: EntityName[] = []
  for (const raw of value.split(',')) {
    const name = raw.trim()
    if (!name) continue
    const entity = BY_LOWER.get(name.toLowerCase())
    if (!entity) throw unsupportedEntity(name)
    if (!out.includes(entity)) out.push(entity)
  }
  if (out.length === 0) throw requiredParam('entities')
  return out
}

/** `changedSince` is an ISO date (midnight in the company's zone) or a date-time with offset. */
function parseSince(value: unknown, now: number): number {
  if (typeof value !== 'string' || value.trim() === '') throw requiredParam('changedSince')
  const text = value.trim()
  let ms: number
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const utcMidnight = Date.parse(`${text}T00:00:00Z`)
    ms = utcMidnight - offsetMinutes(utcMidnight) * 60_000
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    ms = Date.parse(text)
  } else ms = Number.NaN
  if (Number.isNaN(ms))
    throw invalidProperty('changedSince', 'changedSince', `${text} is not a date or date-time`)
  // Older than 30 days: QBO's behaviour is unverified (§6); the emulator refuses rather than truncating.
  if (now - ms > CDC_MAX_DAYS * DAY_MS) {
    throw invalidProperty(
      'changedSince',
      'changedSince',
      `changedSince must be within the last ${CDC_MAX_DAYS} days`,
    )
  }
  return ms
}

/**
 * `GET /cdc?entities=…&changedSince=…`: one QueryResponse element per entity, full objects ordered by
 * LastUpdatedTime then deleted stubs, at most 1000 objects in all, `[{}]` when nothing changed (§6).
 *
 * @example
 * await v3.register(cdcRoutes, { ctx })
 */
export async function cdcRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  app.get('/cdc', async (request, reply) => {
    const { realmId } = request.params as { realmId: string }
    const query = request.query as Record<string, unknown>
    return runRead(ctx, request, reply, () => {
      const entities = parseEntities(query.entities)
      const since = parseSince(query.changedSince, ctx.clock.now())
      const changes = ctx.registry.get(realmId)!.changesSince(since, entities).slice(0, CDC_MAX_OBJECTS)
      const elements = entities.map((entity) => {
        const objects = changes.filter((c) => c.entity === entity).map((c) => c.object)
        if (objects.length === 0) return {}
        return { [entity]: objects, startPosition: 1, maxResults: objects.length }
      })
      const QueryResponse = changes.length === 0 ? [{}] : elements
      return okResponse(ctx, { CDCResponse: [{ QueryResponse }] })
    })
  })
}
