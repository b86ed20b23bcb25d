import type { FastifyInstance } from 'fastify'
import type { ConfigureOptions } from '../options'

/** What the control surface drives (the emulator's own public API). */
export interface ControlTarget {
  companies(): Array<{ realmId: string; name: string }>
  issueTokens(realmId: string, clientId?: string): unknown
  configure(options: ConfigureOptions): void
  advanceClock(ms: number): void
  setClock(epochMs: number): void
  stats(): unknown
  resetStats(): void
  seed(opts: { customers: number; documentsPerCustomer: number }): { realmId: string; name: string }
}

const bad = (message: string) => ({ error: 'invalid_request', error_description: message })
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)
const isCount = (v: unknown, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max

/**
 * The test control surface under `/_emulator/` (registered only in test mode).
 *
 * @example
 * await app.register(async (root) => controlRoutes(root, target))
 */
export async function controlRoutes(app: FastifyInstance, target: ControlTarget): Promise<void> {
  app.get('/_emulator/companies', async () => target.companies())

  app.post('/_emulator/companies/:realmId/tokens', async (request, reply) => {
    const { realmId } = request.params as { realmId: string }
    const body = isObject(request.body) ? request.body : {}
    const clientId = typeof body.client_id === 'string' ? body.client_id : undefined
    if (!target.companies().some((c) => c.realmId === realmId)) {
      return reply.code(404).send({ error: 'not_found', error_description: `No company ${realmId}` })
    }
    try {
      return target.issueTokens(realmId, clientId)
    } catch (err) {
      return reply.code(400).send(bad((err as Error).message))
    }
  })

  app.post('/_emulator/config', async (request, reply) => {
    if (!isObject(request.body)) return reply.code(400).send(bad('Expected a JSON object'))
    const { latencyMs, faults, rateLimits, clock } = request.body
    if (latencyMs !== undefined && !isCount(latencyMs, 120_000))
      return reply.code(400).send(bad('latencyMs must be 0..120000'))
    if (faults !== undefined && faults !== null) {
      if (
        !isObject(faults) ||
        typeof faults.rate !== 'number' ||
        faults.rate < 0 ||
        faults.rate > 1 ||
        !Array.isArray(faults.kinds)
      ) {
        return reply.code(400).send(bad('faults must be {rate: 0..1, kinds: [...], paths?}'))
      }
      const kinds = ['5xx', '429', 'reset', 'timeout', 'lost-response']
      if (!faults.kinds.every((k) => kinds.includes(k as string)))
        return reply.code(400).send(bad(`kinds must be among ${kinds.join(', ')}`))
      if (faults.paths !== undefined && !['accounting', 'oauth', 'all'].includes(faults.paths as string)) {
        return reply.code(400).send(bad('paths must be accounting, oauth or all'))
      }
    }
    if (rateLimits !== undefined && typeof rateLimits !== 'boolean' && !isObject(rateLimits)) {
      return reply
        .code(400)
        .send(bad('rateLimits must be a boolean or {perMinute, concurrent, batchPerMinute}'))
    }
    if (clock !== undefined) {
      if (!isObject(clock)) return reply.code(400).send(bad('clock must be {advanceMs?, setMs?}'))
      if (clock.advanceMs !== undefined && typeof clock.advanceMs !== 'number')
        return reply.code(400).send(bad('advanceMs must be a number'))
      if (clock.setMs !== undefined && typeof clock.setMs !== 'number')
        return reply.code(400).send(bad('setMs must be a number'))
    }
    target.configure({
      latencyMs: latencyMs as number | undefined,
      faults: faults as ConfigureOptions['faults'],
      rateLimits: rateLimits as ConfigureOptions['rateLimits'],
    })
    if (isObject(clock)) {
      if (typeof clock.setMs === 'number') target.setClock(clock.setMs)
      if (typeof clock.advanceMs === 'number') target.advanceClock(clock.advanceMs)
    }
    return { ok: true }
  })

  app.get('/_emulator/stats', async () => target.stats())

  app.post('/_emulator/stats/reset', async () => {
    target.resetStats()
    return { ok: true }
  })

  app.post('/_emulator/seed', async (request, reply) => {
    const body = isObject(request.body) ? request.body : {}
    if (!isCount(body.customers, 1_000_000) || !isCount(body.documentsPerCustomer, 1000)) {
      return reply.code(400).send(bad('Expected {customers: 0..1000000, documentsPerCustomer: 0..1000}'))
    }
    try {
      return target.seed({
        customers: body.customers as number,
        documentsPerCustomer: body.documentsPerCustomer as number,
      })
    } catch (err) {
      // The generator refuses sizes beyond its limits with a RangeError.
      if (err instanceof RangeError) return reply.code(400).send(bad(err.message))
      throw err
    }
  })
}
