import type { FastifyReply } from 'fastify'
import { QboFault, systemFault } from '../faults'
import { formatResponseTime } from '../store'
import type { EmulatorContext } from './context'
import type { StoredResponse } from './idempotency'

const JSON_TYPE = 'application/json;charset=UTF-8'

/**
 * Serialises a success payload with QBO's top-level `time` member (API-NOTES.md §1).
 *
 * @example
 * send(reply, okResponse(ctx, { Customer: customer }))
 */
export function okResponse(ctx: EmulatorContext, payload: Record<string, unknown>): StoredResponse {
  payload.time = formatResponseTime(ctx.clock.now())
  return { status: 200, body: JSON.stringify(payload) }
}

/**
 * Serialises a fault envelope with its HTTP status.
 *
 * @example
 * send(reply, faultResponse(ctx, objectNotFound()))
 */
export function faultResponse(ctx: EmulatorContext, fault: QboFault): StoredResponse {
  return { status: fault.status, body: JSON.stringify(fault.toEnvelope(formatResponseTime(ctx.clock.now()))) }
}

/**
 * Turns anything thrown by a handler into a response: QBO faults as they are, the rest as a 500 SystemFault.
 *
 * @example
 * errorResponse(ctx, new Error('boom')).status // 500
 */
export function errorResponse(ctx: EmulatorContext, err: unknown): StoredResponse {
  return faultResponse(ctx, err instanceof QboFault ? err : systemFault(500))
}

/**
 * Sends a stored response.
 *
 * @example
 * return send(reply, { status: 200, body: '{}' })
 */
export function send(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply.code(response.status).header('content-type', JSON_TYPE).send(response.body)
}
