import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Db } from '../../db'
import { requireAdmin, serviceContext, sessionOf } from '../../http/session'
import { type CrmService, PATH_OF, RECORD_TYPES } from '../crm'
import { findConnection } from './connection-repository'
import { findCustomerLink } from './customer-links-repository'
import { countDocumentLinks } from './document-links-repository'
import type { Quickbooks } from './gateway'

const tags = ['quickbooks']

const connectionResponse = z.object({
  connection: z
    .object({
      status: z.enum(['connected', 'needs_reconnect', 'disconnected']),
      realmId: z.string(),
      companyName: z.string(),
      connectedAt: z.string(),
      connectedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      lastSuccessAt: z.string().nullable(),
      environment: z.enum(['emulator', 'sandbox', 'production']),
    })
    .nullable(),
  canManage: z.boolean(),
  pending: z.object({ companyName: z.string(), realmId: z.string(), linksToClear: z.number() }).nullable(),
})

const linkResponse = z.object({
  connected: z.boolean(),
  status: z.enum(['connected', 'needs_reconnect', 'disconnected']).nullable(),
  link: z.object({ customerId: z.string(), displayName: z.string(), linkedAt: z.string() }).nullable(),
  directDocuments: z.number(),
})

const idParams = z.object({ id: z.string('Id is required').regex(/^[0-9a-f]{26}$/, 'Not a valid id') })

/** The origin the browser used, so the callback returns to the host that holds the session cookie. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`

/**
 * The workspace's QuickBooks connection (read by any member, managed by administrators) and the cheap link
 * status of a record. Mounted under /api behind the session hook.
 */
export const quickbooksConnectionRoutes: FastifyPluginAsyncZod<{
  db: Db
  crm: CrmService
  quickbooks: Quickbooks
}> = async (app, { db, crm, quickbooks }) => {
  const stateOf = (request: FastifyRequest) =>
    quickbooks.connection.state(serviceContext(request), sessionOf(request).user.role === 'admin')

  app.get(
    '/quickbooks/connection',
    { schema: { tags, response: { 200: connectionResponse } } },
    async (request) => stateOf(request),
  )

  app.post(
    '/quickbooks/connect',
    {
      schema: { tags, response: { 200: z.object({ authorizationUrl: z.string() }) } },
      preHandler: requireAdmin,
    },
    async (request) => {
      const session = sessionOf(request)
      return quickbooks.connection.start(
        { workspaceId: session.workspaceId, userId: session.userId, sessionHash: session.idHash },
        originOf(request),
      )
    },
  )

  app.post(
    '/quickbooks/connection/confirm',
    { schema: { tags, response: { 200: connectionResponse } }, preHandler: requireAdmin },
    async (request) => {
      const session = sessionOf(request)
      await quickbooks.connection.confirm({ workspaceId: session.workspaceId, userId: session.userId })
      return stateOf(request)
    },
  )

  app.delete(
    '/quickbooks/connection/pending',
    { schema: { tags }, preHandler: requireAdmin },
    async (request, reply) => {
      await quickbooks.connection.dropPending(serviceContext(request))
      return reply.code(204).send()
    },
  )

  app.post(
    '/quickbooks/disconnect',
    { schema: { tags, response: { 200: connectionResponse } }, preHandler: requireAdmin },
    async (request) => {
      await quickbooks.connection.disconnect(serviceContext(request))
      return stateOf(request)
    },
  )

  for (const type of RECORD_TYPES) {
    app.get(
      `/${PATH_OF[type]}/:id/quickbooks/link`,
      { schema: { tags, params: idParams, response: { 200: linkResponse } } },
      async (request) => {
        const ctx = serviceContext(request)
        await crm.findOrThrow(db, ctx, type, request.params.id)
        const connection = await findConnection(db, ctx.workspaceId)
        const status = connection ? (connection.hasTokens ? connection.status : 'disconnected') : null
        const connected = status === 'connected' || status === 'needs_reconnect'
        // Links of a disconnected workspace are kept for a reconnection, but there is nothing to show.
        const link =
          connection && connected
            ? await findCustomerLink(db, ctx.workspaceId, request.params.id, connection.realmId)
            : undefined
        return {
          connected,
          status,
          link: link
            ? { customerId: link.customerId, displayName: link.displayName, linkedAt: link.linkedAt }
            : null,
          directDocuments:
            connection && connected
              ? await countDocumentLinks(db, ctx.workspaceId, request.params.id, connection.realmId)
              : 0,
        }
      },
    )
  }
}
