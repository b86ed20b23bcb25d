import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db'
import { serviceContext } from '../../http/session'
import { MAX_CSV_BYTES } from './csv'
import type { ImportRunner } from './import-runner'
import { getImportStatus, previewImport, runImport } from './import-service'
import { csvBody, importParams, previewQuery, runBody } from './schemas'

/** CSV import of organizations and contacts. Mounted under /api. */
export const importRoutes: FastifyPluginAsyncZod<{ db: Db; imports: ImportRunner }> = async (
  app,
  { db, imports },
) => {
  // Uploads are CSV only; other content types (JSON, text/plain, forms) are refused with 400.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  )
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: MAX_CSV_BYTES },
    (_request, body, done) => done(null, body),
  )

  app.post(
    '/imports',
    {
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags: ['imports'],
        description:
          'Upload a CSV file (text/csv, at most 10 MB) for a preview and a suggested column mapping.',
        querystring: previewQuery,
        body: csvBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await previewImport(db, serviceContext(request), request.query.recordType, request.body)),
  )

  app.post(
    '/imports/:id/run',
    { schema: { tags: ['imports'], params: importParams, body: runBody } },
    async (request, reply) =>
      reply
        .code(202)
        .send(await runImport(db, imports, serviceContext(request), request.params.id, request.body.mapping)),
  )

  app.get('/imports/:id', { schema: { tags: ['imports'], params: importParams } }, async (request) =>
    getImportStatus(db, serviceContext(request), request.params.id),
  )
}
