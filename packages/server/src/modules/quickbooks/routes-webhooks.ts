/**
 * `POST /api/quickbooks/webhooks`: Intuit's change notifications (API-NOTES §7). No session and no CSRF token:
 * Intuit is calling, and the `intuit-signature` HMAC over the raw body is the authentication. A missing or
 * wrong signature is a 401 and nothing happens. A verified delivery is queued and answered at once (Intuit
 * wants a 200 within 3 s); the worker invalidates the cache (webhook-receiver.ts).
 */
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AppError } from '../../errors'
import type { QboCacheService } from './qbo-cache-service'
import { parseWebhookPayload, WebhookPayloadError } from './webhook-payload'
import { isIntuitSignatureValid } from './webhook-signature'

/** Intuit sets no payload limit; its servers send at most about 2 MB (§7). */
const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

export const quickbooksWebhookRoutes: FastifyPluginAsync<{ qboCache: QboCacheService }> = async (
  app,
  opts,
) => {
  const { qboCache } = opts
  // The signature covers the bytes as sent: this route keeps them instead of parsing JSON (in this scope only).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  )

  app.withTypeProvider<ZodTypeProvider>().post(
    '/quickbooks/webhooks',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
      schema: {
        tags: ['quickbooks'],
        summary: 'Receives QuickBooks change notifications (signed by Intuit with intuit-signature)',
        response: {
          200: z.object({ received: z.number().int() }),
          400: errorSchema,
          401: errorSchema,
          503: errorSchema,
        },
      },
    },
    async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const token = qboCache.webhookVerifierToken
      if (!token || !isIntuitSignatureValid(raw, request.headers['intuit-signature'], token)) {
        throw new AppError(
          'webhook_signature_invalid',
          'unauthenticated',
          'The intuit-signature header does not match the body.',
        )
      }
      let notifications: ReturnType<typeof parseWebhookPayload>
      try {
        notifications = parseWebhookPayload(raw)
      } catch (error) {
        if (error instanceof WebhookPayloadError) {
          throw new AppError(
            'webhook_payload_invalid',
            'bad_input',
            `The notification could not be read: ${error.message}.`,
          )
        }
        throw error
      }
      if (!qboCache.webhooks.enqueue(notifications)) {
        throw new AppError(
          'webhook_busy',
          'upstream_unavailable',
          'Too many notifications are waiting; send this one again later.',
        )
      }
      return { received: notifications.length }
    },
  )
}
