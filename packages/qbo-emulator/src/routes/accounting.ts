import type { FastifyInstance } from 'fastify'
import { invalidProperty, objectNotFound, unsupportedOperation } from '../faults'
import type { CompanyStoreHandle, EntityName, QboObject } from '../store'
import type { EmulatorContext } from './context'
import { PATH_ENTITIES, writeOperation } from './endpoints'
import { runRead, runWrite } from './finish'
import { okResponse } from './respond'

/**
 * Executes one entity write (also used by batch items). Throws QBO faults.
 *
 * @example
 * executeWrite(company, 'Customer', 'create', { DisplayName: 'Ada' }, {})
 */
export function executeWrite(
  company: CompanyStoreHandle,
  entity: EntityName,
  operation: 'create' | 'update' | 'delete' | 'void',
  body: unknown,
  query: Record<string, unknown>,
): QboObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidProperty('request body')
  const obj = body as QboObject
  const include = typeof query.include === 'string' ? query.include.toLowerCase().split(',') : []
  const opts = { allowDuplicateDocNum: include.includes('allowduplicatedocnum') }
  switch (operation) {
    case 'create':
      return company.create(entity, obj, opts)
    case 'update':
      return company.update(entity, obj, { sparse: obj.sparse === true, ...opts })
    case 'delete':
      return company.remove(entity, obj as { Id: string; SyncToken: string })
    case 'void':
      if (entity !== 'Invoice' && entity !== 'Payment') {
        throw unsupportedOperation(`void on ${entity}`, 400)
      }
      return company.voidTxn(entity, obj as { Id: string; SyncToken: string })
  }
}

/**
 * Entity routes: `GET /{entity}/{id}`, `POST /{entity}` (create, update, `?operation=delete`,
 * `?operation=void`, `?operation=update&include=void`), `GET /companyinfo/{realmId}`, `GET|POST /preferences`.
 *
 * @example
 * await v3.register(accountingRoutes, { ctx })
 */
export async function accountingRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  const company = (realmId: string) => ctx.registry.get(realmId)!

  app.get('/preferences', async (request, reply) =>
    runRead(ctx, request, reply, () =>
      okResponse(ctx, {
        Preferences: company((request.params as { realmId: string }).realmId).preferences(),
      }),
    ),
  )

  app.post('/preferences', async (request, reply) =>
    runWrite(ctx, request, reply, () => {
      const c = company((request.params as { realmId: string }).realmId)
      return okResponse(ctx, { Preferences: executeWrite(c, 'Preferences', 'update', request.body, {}) })
    }),
  )

  app.get('/:entity/:id', async (request, reply) => {
    const { realmId, entity: segment, id } = request.params as { realmId: string; entity: string; id: string }
    return runRead(ctx, request, reply, () => {
      const entity = PATH_ENTITIES[segment.toLowerCase()]
      if (!entity) throw unsupportedOperation(`GET ${request.url.split('?')[0]}`)
      const c = company(realmId)
      // CompanyInfo is read as /companyinfo/{realmId}; Intuit's samples carry Id "1" (API-NOTES.md §1).
      const row =
        entity === 'CompanyInfo'
          ? id === realmId || id === '1'
            ? c.companyInfo()
            : undefined
          : c.read(entity, id)
      if (!row) throw objectNotFound()
      return okResponse(ctx, { [entity]: row })
    })
  })

  app.post('/:entity', async (request, reply) => {
    const { realmId, entity: segment } = request.params as { realmId: string; entity: string }
    const query = request.query as Record<string, unknown>
    return runWrite(ctx, request, reply, () => {
      const entity = PATH_ENTITIES[segment.toLowerCase()]
      if (!entity) throw unsupportedOperation(`POST ${request.url.split('?')[0]}`)
      const operation = writeOperation(query, request.body)
      const result = executeWrite(company(realmId), entity, operation, request.body, query)
      return okResponse(ctx, { [entity]: result })
    })
  })
}
