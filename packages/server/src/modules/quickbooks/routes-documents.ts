import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db'
import { serviceContext } from '../../http/session'
import type { CrmService } from '../crm'
import { createCachedDocumentReader } from './document-cache'
import { findDocuments } from './document-find'
import { linkDocument, unlinkDocument } from './document-link-service'
import { listLinkedDocuments } from './document-list'
import {
  documentLinkBody,
  documentLinkParams,
  documentRecordParams,
  findQuery,
  linkedDocumentsQuery,
} from './document-schemas'
import type { Quickbooks } from './gateway'
import type { QboCacheService } from './qbo-cache-service'

const PATHS = { opportunity: 'opportunities', project: 'projects' } as const

/**
 * QuickBooks documents of opportunities and projects (DESIGN.md §1.2): Find, Link, Un-link and the merged list
 * of direct and indirect documents. Mounted under /api behind the session hook. The record is checked before
 * the connection, so another workspace's record is a 404 whatever the connection's state.
 */
export const quickbooksDocumentRoutes: FastifyPluginAsyncZod<{
  db: Db
  crm: CrmService
  quickbooks: Quickbooks
  /** The QBO read cache; without it every list goes to QBO. */
  qboCache?: Pick<QboCacheService, 'cache'>
  now?: () => Date
}> = async (app, { db, crm, quickbooks, qboCache, now = () => new Date() }) => {
  const tags = ['quickbooks']
  const deps = {
    db,
    crm,
    ...(qboCache ? { readDocuments: createCachedDocumentReader(qboCache.cache) } : {}),
  }

  app.get(
    '/quickbooks/documents/find',
    {
      schema: {
        tags,
        summary: 'Find QuickBooks invoices, payments or estimates by number and/or date range',
        querystring: findQuery,
      },
    },
    async (request) => {
      const access = await quickbooks.companyFor(serviceContext(request))
      try {
        return await findDocuments(access, request.query, now())
      } catch (error) {
        throw quickbooks.toAppError(error, request.log)
      }
    },
  )

  for (const type of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
    const base = `/${PATHS[type]}/:id/quickbooks`

    app.get(
      `${base}/documents`,
      {
        schema: {
          tags,
          summary: `QuickBooks documents linked to a ${type} directly or through its organizations and contacts`,
          params: documentRecordParams,
          querystring: linkedDocumentsQuery,
        },
      },
      async (request) => {
        const ctx = serviceContext(request)
        await crm.findOrThrow(db, ctx, type, request.params.id)
        const access = await quickbooks.companyFor(ctx)
        try {
          return await listLinkedDocuments(deps, ctx, access, type, request.params.id, request.query, now())
        } catch (error) {
          throw quickbooks.toAppError(error, request.log)
        }
      },
    )

    app.post(
      `${base}/document-links`,
      {
        schema: {
          tags,
          summary: `Link a QuickBooks document to a ${type}`,
          params: documentRecordParams,
          body: documentLinkBody,
        },
      },
      async (request, reply) => {
        const ctx = serviceContext(request)
        await crm.findOrThrow(db, ctx, type, request.params.id)
        const access = await quickbooks.companyFor(ctx)
        try {
          const link = await linkDocument(deps, ctx, access, type, request.params.id, request.body, now())
          return reply.code(201).send({ link })
        } catch (error) {
          throw quickbooks.toAppError(error, request.log)
        }
      },
    )

    app.delete(
      `${base}/document-links/:kind/:documentId`,
      {
        schema: { tags, summary: `Un-link a QuickBooks document from a ${type}`, params: documentLinkParams },
      },
      async (request, reply) => {
        const { id, kind, documentId } = request.params
        await unlinkDocument(deps, serviceContext(request), type, id, { kind, documentId })
        return reply.code(204).send()
      },
    )
  }
}
