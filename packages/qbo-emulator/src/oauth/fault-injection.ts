import type { Socket } from 'node:net'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HELD_REQUEST_MAX_MS } from './lifetimes'
import { type OAuthReply, oauthError, sendOAuthReply } from './oauth-reply'
import type { OAuthFaultEndpoint, OAuthInjectedFault } from './types'

// An upstream failure as a load balancer reports it: HTML, not JSON, so clients must not assume a JSON body.
const GATEWAY_503 = `<!doctype html>
<html><head><title>503 Service Temporarily Unavailable</title></head>
<body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>
`

function cut(socket: Socket): void {
  // An RST rather than a FIN: the client sees ECONNRESET, like a dropped connection at a load balancer.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket.destroy()
}

/**
 * Applies the fault CORE's hook picks for each request to the token, revoke and userinfo endpoints, and
 * otherwise sends the endpoint's answer. `lost-response` computes the answer (so a refresh really rotates)
 * and drops it; `reset`, `timeout`, `5xx` and `429` never reach the endpoint logic.
 *
 * @example
 * const faults = createFaultRunner(() => undefined)
 * await faults.answer('token', request, reply, () => handleToken(request))
 */
export function createFaultRunner(
  shouldInjectFault?: (endpoint: OAuthFaultEndpoint) => OAuthInjectedFault | undefined,
) {
  const held = new Set<Socket>()

  function hold(socket: Socket): void {
    held.add(socket)
    // The timer is unref'd and cleared on close, so a held request never keeps the process alive.
    const timer = setTimeout(() => socket.destroy(), HELD_REQUEST_MAX_MS)
    timer.unref()
    socket.once('close', () => {
      clearTimeout(timer)
      held.delete(socket)
    })
  }

  return {
    /** Sends `compute()`'s answer, unless a fault is injected. */
    answer(
      endpoint: OAuthFaultEndpoint,
      request: FastifyRequest,
      reply: FastifyReply,
      compute: () => OAuthReply,
    ): FastifyReply | undefined {
      const fault = shouldInjectFault?.(endpoint)
      const socket = request.raw.socket
      switch (typeof fault === 'object' ? fault.kind : fault) {
        case '5xx':
          if (typeof fault === 'object' && fault.status === 500) {
            return sendOAuthReply(reply, oauthError(500, 'server_error', 'Internal error'))
          }
          return reply.code(503).header('cache-control', 'no-store').type('text/html').send(GATEWAY_503)
        case '429':
          // QBO-wide advice is to back off at least 60 s on 429 (API-NOTES.md §9, §13).
          return sendOAuthReply(reply, {
            status: 429,
            body: { error_description: 'Too many requests', error: 'too_many_requests' },
            headers: { 'retry-after': '60' },
          })
        case 'reset':
          reply.hijack()
          cut(socket)
          return undefined
        case 'timeout':
          reply.hijack()
          hold(socket)
          return undefined
        case 'lost-response':
          compute()
          reply.hijack()
          cut(socket)
          return undefined
        default:
          return sendOAuthReply(reply, compute())
      }
    },

    /** Lets go of every held request (the server is closing). */
    releaseAll(): void {
      for (const socket of held) socket.destroy()
      held.clear()
    },

    /** How many requests are being held by `timeout` faults. */
    heldCount(): number {
      return held.size
    },
  }
}

/**
 * The runner created by {@link createFaultRunner}.
 *
 * @example
 * const faults: FaultRunner = createFaultRunner()
 */
export type FaultRunner = ReturnType<typeof createFaultRunner>
