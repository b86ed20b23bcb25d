import type { FastifyReply, FastifyRequest } from 'fastify'
import type { EmulatorContext } from './context'
import { checkRequestId, type StoredResponse } from './idempotency'
import { errorResponse, send } from './respond'

/**
 * Runs a write with `requestid` semantics (API-NOTES.md §1): a repeated id replays the stored response
 * byte for byte without running the write again. The check and the write happen in one synchronous step,
 * so two requests with the same id can never both write.
 *
 * @example
 * return runWrite(ctx, request, reply, () => okResponse(ctx, { Customer: company.create('Customer', body) }))
 */
export function runWrite(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => StoredResponse,
  maxRequestIdLength = 50,
): FastifyReply {
  const realmId = (request.params as { realmId: string }).realmId
  let response: StoredResponse
  try {
    const requestId = checkRequestId((request.query as Record<string, unknown>).requestid, maxRequestIdLength)
    const stored = requestId === undefined ? undefined : ctx.idempotency.get(realmId, requestId)
    if (stored) response = stored
    else {
      response = safely(ctx, run)
      if (requestId !== undefined) ctx.idempotency.set(realmId, requestId, response)
    }
  } catch (err) {
    response = errorResponse(ctx, err)
  }
  return finish(request, reply, response)
}

/**
 * Runs a read.
 *
 * @example
 * return runRead(ctx, request, reply, () => okResponse(ctx, { Preferences: company.preferences() }))
 */
export function runRead(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => StoredResponse,
): FastifyReply {
  return finish(request, reply, safely(ctx, run))
}

function safely(ctx: EmulatorContext, run: () => StoredResponse): StoredResponse {
  try {
    return run()
  } catch (err) {
    return errorResponse(ctx, err)
  }
}

/** Sends the response, or drops the connection after the work is done (the `lost-response` fault). */
function finish(request: FastifyRequest, reply: FastifyReply, response: StoredResponse): FastifyReply {
  if (request.qbo?.loseResponse) {
    reply.hijack()
    request.raw.socket.destroy()
    return reply
  }
  return send(reply, response)
}
