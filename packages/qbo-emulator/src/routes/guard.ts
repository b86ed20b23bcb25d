import type { FastifyReply, FastifyRequest } from 'fastify'
import { authenticationFailed, authorizationFailed, systemFault, throttled } from '../faults'
import type { EmulatorContext } from './context'
import { endpointName } from './endpoints'
import { faultResponse, send } from './respond'

/** Per-request state the guard leaves for the handler. */
export interface GuardState {
  /** Destroy the socket after the write commits (the `lost-response` fault). */
  loseResponse: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    qbo?: GuardState
  }
}

const BATCH_MAX_COST = 30

/**
 * Everything that happens before an Accounting API handler runs, in the order a client would meet it at
 * Intuit: injected faults, the bearer token (401/3200), the company (403/3100), the throttles (429/3001),
 * then the configured latency.
 *
 * @example
 * v3.addHook('preHandler', async (request, reply) => guardAccountingRequest(ctx, request, reply))
 */
export async function guardAccountingRequest(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const params = request.params as Record<string, string>
  const realmId = params.realmId ?? ''
  const query = request.query as Record<string, unknown>
  const url = request.routeOptions.url ?? request.url
  ctx.stats.count(realmId, endpointName(request.method, url, params, query, request.body))

  const injected = ctx.injector.shouldInject('accounting')
  let loseResponse = false
  if (injected) {
    if (injected.kind === 'reset') {
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (injected.kind === 'timeout') {
      // Held until the client gives up or the emulator closes; no timer is involved.
      reply.hijack()
      const socket = request.raw.socket
      ctx.held.add(socket)
      socket.once('close', () => ctx.held.delete(socket))
      return reply
    }
    if (injected.kind === '5xx') return send(reply, faultResponse(ctx, systemFault(injected.status ?? 503)))
    if (injected.kind === '429') return send(reply, faultResponse(ctx, throttled()))
    loseResponse = injected.kind === 'lost-response'
  }

  let clientId = 'anonymous'
  if (ctx.verifyAccessToken) {
    const header = request.headers.authorization
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match)
      return send(
        reply,
        faultResponse(ctx, authenticationFailed('Authorization header missing or malformed')),
      )
    const info = ctx.verifyAccessToken(match[1]!)
    if (!info) return send(reply, faultResponse(ctx, authenticationFailed('Token expired or revoked')))
    if (info.realmId !== realmId || !ctx.registry.get(realmId))
      return send(reply, faultResponse(ctx, authorizationFailed()))
    clientId = info.clientId
  } else if (!ctx.registry.get(realmId)) {
    return send(reply, faultResponse(ctx, authorizationFailed()))
  }

  const key = `${realmId}|${clientId}`
  const isBatch = url.endsWith('/batch')
  if (!ctx.limiter.enter(key)) return send(reply, faultResponse(ctx, throttled()))
  let left = false
  const leave = () => {
    if (!left) {
      left = true
      ctx.limiter.leave(key)
    }
  }
  reply.raw.once('close', leave)
  const items = isBatch ? batchSize(request.body) : 1
  if ((isBatch && !ctx.limiter.takeBatch(key)) || !ctx.limiter.takeRequests(key, items)) {
    leave()
    return send(reply, faultResponse(ctx, throttled()))
  }

  if (ctx.settings.latencyMs > 0) await ctx.sleep(ctx.settings.latencyMs)
  request.qbo = { loseResponse }
  return undefined
}

/** Each batch item is metered like a call (API-NOTES.md §5); an oversized batch is refused later with 1040. */
function batchSize(body: unknown): number {
  const items = (body as { BatchItemRequest?: unknown } | undefined)?.BatchItemRequest
  return Array.isArray(items) ? Math.max(1, Math.min(items.length, BATCH_MAX_COST)) : 1
}
