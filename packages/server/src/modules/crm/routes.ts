import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db'
import { serviceContext } from '../../http/session'
import { listHistory, undoChange } from './history-service'
import { createLink, deleteLink, listLinks } from './link-service'
import type { CrmService } from './record-service'
import { createSchemaOf, PATH_OF, patchSchemaOf, RECORD_TYPES } from './record-types'
import {
  changeParams,
  createLinkBody,
  historyQuery,
  idParams,
  linkParams,
  listQuery,
  undoBody,
} from './schemas'

/** The four record types, their links and history. Mounted under /api. */
export const crmRoutes: FastifyPluginAsyncZod<{ db: Db; crm: CrmService }> = async (app, { db, crm }) => {
  for (const type of RECORD_TYPES) {
    const path = `/${PATH_OF[type]}`
    const tags = [PATH_OF[type]]

    app.get(path, { schema: { tags, querystring: listQuery } }, async (request) =>
      crm.listRecords(serviceContext(request), type, request.query),
    )

    app.post(path, { schema: { tags, body: createSchemaOf(type) } }, async (request, reply) =>
      reply.code(201).send(await crm.createRecord(serviceContext(request), type, request.body)),
    )

    app.get(`${path}/:id`, { schema: { tags, params: idParams } }, async (request) =>
      crm.getRecord(serviceContext(request), type, request.params.id),
    )

    app.patch(
      `${path}/:id`,
      { schema: { tags, params: idParams, body: patchSchemaOf(type) } },
      async (request) =>
        crm.updateRecordFields(serviceContext(request), type, request.params.id, request.body, 'update'),
    )

    app.delete(`${path}/:id`, { schema: { tags, params: idParams } }, async (request, reply) => {
      await crm.deleteRecord(serviceContext(request), type, request.params.id)
      return reply.code(204).send()
    })

    app.get(`${path}/:id/links`, { schema: { tags, params: idParams } }, async (request) =>
      listLinks(db, crm, serviceContext(request), type, request.params.id),
    )

    app.post(
      `${path}/:id/links`,
      { schema: { tags, params: idParams, body: createLinkBody } },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createLink(db, crm, serviceContext(request), type, request.params.id, request.body)),
    )

    app.delete(
      `${path}/:id/links/:linkId`,
      { schema: { tags, params: linkParams } },
      async (request, reply) => {
        await deleteLink(db, crm, serviceContext(request), type, request.params.id, request.params.linkId)
        return reply.code(204).send()
      },
    )

    app.get(
      `${path}/:id/history`,
      { schema: { tags, params: idParams, querystring: historyQuery } },
      async (request) =>
        listHistory(db, crm, serviceContext(request), type, request.params.id, request.query.cursor),
    )

    app.post(
      `${path}/:id/history/:changeId/undo`,
      { schema: { tags, params: changeParams, body: undoBody } },
      async (request) =>
        undoChange(
          db,
          crm,
          serviceContext(request),
          type,
          request.params.id,
          request.params.changeId,
          request.body.field,
        ),
    )
  }
}
