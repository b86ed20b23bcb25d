import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db'
import { serviceContext } from '../../http/session'
import type { CrmService } from '../crm'
import type { Quickbooks } from './gateway'
import type { QboCacheService } from './qbo-cache-service'
import { tagsForChange } from './qbo-cache-tags'
import { sendTabError } from './tab-errors'
import { createTabReader } from './tab-read'
import { createTabReadCoalescer } from './tab-read-coalescer'
import type { CustomerRecordType } from './tab-record'
import {
  copyBody,
  copyQuery,
  documentsQuery,
  linkBody,
  newCustomerBody,
  recordParams,
  searchQuery,
  tabQuery,
} from './tab-schemas'
import { createTabService } from './tab-service'

const PATHS: Record<CustomerRecordType, string> = { organization: 'organizations', contact: 'contacts' }

/**
 * The QuickBooks tab of organizations and contacts (DESIGN.md §1.1) and the customer search. Mounted under
 * /api behind the session hook. Errors that carry extra facts (who holds a taken name, the fresh preview after
 * a conflicting change) are answered here; every other error goes on to the app's error handler.
 */
export const quickbooksRecordRoutes: FastifyPluginAsyncZod<{
  db: Db
  crm: CrmService
  quickbooks: Quickbooks
  /** The read cache: tab reads go through it, and the tab's own writes to QBO invalidate it. */
  qboCache?: Pick<QboCacheService, 'cachedTabReader' | 'bus'>
}> = async (app, { db, crm, quickbooks, qboCache }) => {
  const tabs = createTabService({
    db,
    crm,
    quickbooks,
    ...(qboCache
      ? {
          // Cold tabs of different customers read at the same time share batch requests (QBO allows 40 a minute).
          reader: qboCache.cachedTabReader(createTabReadCoalescer(createTabReader())),
          // Every workspace on the realm sees the change, so the invalidation is realm-wide.
          afterQuickbooksWrite: ({ realmId, customerId }) =>
            qboCache.bus.publish({
              realmId,
              tags: tagsForChange({ realmId, entity: 'Customer', id: customerId }),
            }),
        }
      : {}),
  })
  const tags = ['quickbooks']
  app.setErrorHandler((error, _request, reply) => sendTabError(error, reply))

  app.get(
    '/quickbooks/customers',
    { schema: { tags, summary: 'Search QuickBooks customers by name or email', querystring: searchQuery } },
    async (request) =>
      tabs.search(serviceContext(request), request.query.q, request.query.cursor, request.log),
  )

  for (const type of Object.keys(PATHS) as CustomerRecordType[]) {
    const base = `/${PATHS[type]}/:id/quickbooks`

    app.get(
      base,
      {
        schema: {
          tags,
          summary: `The QuickBooks tab of a ${type}`,
          params: recordParams,
          querystring: tabQuery,
        },
      },
      async (request) =>
        tabs.readTab(serviceContext(request), type, request.params.id, request.query, request.log),
    )

    app.get(
      `${base}/documents`,
      {
        schema: {
          tags,
          summary: `Estimates, invoices and payments of a ${type}'s QuickBooks customer`,
          params: recordParams,
          querystring: documentsQuery,
        },
      },
      async (request) =>
        tabs.documents(serviceContext(request), type, request.params.id, request.query, request.log),
    )

    app.put(
      `${base}/link`,
      {
        schema: {
          tags,
          summary: `Link a ${type} to a QuickBooks customer`,
          params: recordParams,
          body: linkBody,
        },
      },
      async (request) =>
        tabs.link(serviceContext(request), type, request.params.id, request.body.customerId, request.log),
    )

    app.delete(
      `${base}/link`,
      { schema: { tags, summary: `Unlink a ${type} from its QuickBooks customer`, params: recordParams } },
      async (request, reply) => {
        await tabs.unlink(serviceContext(request), type, request.params.id)
        return reply.code(204).send()
      },
    )

    app.post(
      `${base}/customer`,
      {
        schema: {
          tags,
          summary: `Create a QuickBooks customer from a ${type} and link it`,
          params: recordParams,
          body: newCustomerBody,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await tabs.createCustomer(
              serviceContext(request),
              type,
              request.params.id,
              request.body,
              request.log,
            ),
          ),
    )

    app.get(
      `${base}/copy`,
      {
        schema: {
          tags,
          summary: `Preview copying information between a ${type} and its QuickBooks customer`,
          params: recordParams,
          querystring: copyQuery,
        },
      },
      async (request) =>
        tabs.copyPreview(
          serviceContext(request),
          type,
          request.params.id,
          request.query.direction,
          request.log,
        ),
    )

    app.post(
      `${base}/copy`,
      {
        schema: {
          tags,
          summary: `Copy the picked fields between a ${type} and its QuickBooks customer`,
          params: recordParams,
          body: copyBody,
        },
      },
      async (request) =>
        tabs.copy(serviceContext(request), type, request.params.id, request.body, request.log),
    )
  }
}
