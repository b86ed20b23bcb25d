import { type EntityTypes, pickKey } from './entities/names'
import type { Send } from './entities/operations'
import { QboError } from './errors'

/**
 * Entities this client reads through change data capture.
 * @example
 * const e: CdcEntityName = 'Invoice'
 */
export type CdcEntityName = 'Customer' | 'Invoice' | 'Estimate' | 'Payment'

/**
 * A deleted object as CDC reports it: only the Id and the deletion time (API-NOTES §6).
 * @example
 * const d: CdcDeleted = { Id: '979', LastUpdatedTime: '2015-12-23T12:55:50-08:00' }
 */
export interface CdcDeleted {
  Id: string
  LastUpdatedTime: string | undefined
}

/**
 * Changes per requested entity, plus the server `time` to use as the next `changedSince`.
 * @example
 * function count(r: CdcResult<'Customer'>) {
 *   return r.changes.Customer.changed.length + r.changes.Customer.deleted.length
 * }
 */
export interface CdcResult<E extends CdcEntityName> {
  time: string | undefined
  changes: { [K in E]: { changed: Array<EntityTypes[K]>; deleted: CdcDeleted[] } }
}

/**
 * Reads changes since `changedSince` (QBO looks back at most 30 days and returns at most 1000 objects).
 */
export async function runCdc<E extends CdcEntityName>(
  send: Send,
  entities: readonly E[],
  changedSince: Date | string,
  signal?: AbortSignal,
): Promise<CdcResult<E>> {
  if (entities.length === 0) throw new QboError('cdc needs at least one entity')
  const since = changedSince instanceof Date ? changedSince.toISOString() : changedSince
  const response = await send({
    method: 'GET',
    path: 'cdc',
    params: { entities: entities.join(','), changedSince: since },
    isWrite: false,
    signal,
  })
  const changes = {} as CdcResult<E>['changes']
  for (const e of entities) changes[e] = { changed: [], deleted: [] } as CdcResult<E>['changes'][E]
  const cdc = pickKey(response.body, 'CDCResponse')
  const first = Array.isArray(cdc) ? cdc[0] : undefined
  const groups = pickKey(first, 'QueryResponse')
  for (const group of Array.isArray(groups) ? groups : []) {
    for (const e of entities) {
      const rows = pickKey(group, e)
      if (!Array.isArray(rows)) continue
      for (const row of rows as Array<Record<string, unknown>>) {
        // QBO: deleted objects carry only status, domain, Id and MetaData.LastUpdatedTime (API-NOTES §6).
        if (row.status === 'Deleted') {
          const meta = row.MetaData as { LastUpdatedTime?: string } | undefined
          changes[e].deleted.push({ Id: String(row.Id), LastUpdatedTime: meta?.LastUpdatedTime })
        } else {
          changes[e].changed.push(row as EntityTypes[E])
        }
      }
    }
  }
  const time = pickKey(response.body, 'time')
  return { time: typeof time === 'string' ? time : undefined, changes }
}
