import { isQboFaultError, QboError } from '../errors'
import type { QueryRunner } from '../queries'
import { type QueryBuilder, select } from '../query'
import type { QboRequest, QboResponse } from '../transport/request'
import {
  type CreateInput,
  type DeletedObject,
  ENTITY_PATH,
  type EntityName,
  type EntityTypes,
  pickKey,
  type SparseUpdate,
  type TransactionEntityName,
  type WritableEntityName,
} from './names'

/**
 * Per-call options.
 * @example
 * const opts: CallOptions = { signal: AbortSignal.timeout(5_000) }
 */
export interface CallOptions {
  signal?: AbortSignal
}

/**
 * Options of a write. `requestId` defaults to a fresh UUID so a retried write is replayed by QBO, never
 * executed twice (API-NOTES §1); fix it to make a retry across process restarts safe, or pass `false` to
 * send none (then the write is never retried).
 * @example
 * const opts: WriteOptions = { requestId: 'create-customer-42' }
 */
export interface WriteOptions extends CallOptions {
  requestId?: string | false
}

/** The function the entity helpers send requests through. */
export type Send = (req: Omit<QboRequest, 'realmId'>) => Promise<QboResponse>

/**
 * Read, create and sparse update for one entity.
 * @example
 * async function rename(customers: EntityApi<'Customer'>) {
 *   const c = await customers.readOrThrow('58')
 *   return customers.update({ Id: '58', SyncToken: c.SyncToken ?? '0', DisplayName: 'New name' })
 * }
 */
export interface EntityApi<E extends WritableEntityName> {
  /** The object, or `undefined` when QBO answers 610 Object Not Found. */
  read(id: string, options?: CallOptions): Promise<EntityTypes[E] | undefined>
  /** The object; a missing id throws `QboFaultError` with code 610. */
  readOrThrow(id: string, options?: CallOptions): Promise<EntityTypes[E]>
  create(body: CreateInput<E>, options?: WriteOptions): Promise<EntityTypes[E]>
  /** Sparse update: only the given fields change; a stale `SyncToken` throws fault 5010. */
  update(body: SparseUpdate<E>, options?: WriteOptions): Promise<EntityTypes[E]>
  /** One page of `select(entity)` refined by `refine` (e.g. `(q) => q.where('DisplayName', '=', name)`). */
  query(
    refine?: (query: QueryBuilder<E>) => QueryBuilder<E>,
    options?: CallOptions,
  ): Promise<Array<EntityTypes[E]>>
  /** Every row of `select(entity)` refined by `refine`, paged for you. */
  queryAll(
    refine?: (query: QueryBuilder<E>) => QueryBuilder<E>,
    options?: CallOptions & { pageSize?: number },
  ): AsyncIterable<EntityTypes[E]>
}

/**
 * Entity helpers of transactions, which can also be deleted.
 * @example
 * async function drop(estimates: TransactionApi<'Estimate'>) {
 *   const e = await estimates.readOrThrow('41')
 *   await estimates.delete({ Id: '41', SyncToken: e.SyncToken ?? '0' })
 * }
 */
export interface TransactionApi<E extends TransactionEntityName> extends EntityApi<E> {
  delete(ref: { Id: string; SyncToken: string }, options?: WriteOptions): Promise<DeletedObject>
}

/**
 * Entity helpers of invoices and payments, which can also be voided (amounts become 0, the object stays).
 * @example
 * async function voidInvoice(invoices: VoidableApi<'Invoice'>) {
 *   const inv = await invoices.readOrThrow('130')
 *   return invoices.void({ Id: '130', SyncToken: inv.SyncToken ?? '0' })
 * }
 */
export interface VoidableApi<E extends 'Invoice' | 'Payment'> extends TransactionApi<E> {
  void(ref: { Id: string; SyncToken: string }, options?: WriteOptions): Promise<EntityTypes[E]>
}

/**
 * Extracts `{"<Entity>": {...}}` from a response body.
 * @example
 * entityFromBody({ Customer: { Id: '1' }, time: 't' }, 'Customer') // { Id: '1' }
 */
export function entityFromBody<E extends EntityName>(body: unknown, entity: E): EntityTypes[E] {
  const value = pickKey(body, entity)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new QboError(`QBO response has no ${entity} object`)
  }
  return value as EntityTypes[E]
}

/** Builds the helpers of one entity on top of `send`. */
export function createEntityApi<E extends WritableEntityName>(
  send: Send,
  entity: E,
  requestIdFor: (option: string | false | undefined) => string | undefined,
  runner: QueryRunner,
): EntityApi<E> {
  const path = ENTITY_PATH[entity]
  const write = async (body: unknown, options: WriteOptions | undefined, params?: Record<string, string>) => {
    const response = await send({
      method: 'POST',
      path,
      params,
      body: { json: body },
      isWrite: true,
      requestId: requestIdFor(options?.requestId),
      signal: options?.signal,
    })
    return entityFromBody(response.body, entity)
  }
  const readOrThrow = async (id: string, options?: CallOptions) => {
    const response = await send({
      method: 'GET',
      path: `${path}/${encodeURIComponent(id)}`,
      isWrite: false,
      signal: options?.signal,
    })
    return entityFromBody(response.body, entity)
  }
  return {
    readOrThrow,
    async read(id, options) {
      try {
        return await readOrThrow(id, options)
      } catch (err) {
        // QBO: reading a missing id is a 610 "Object Not Found" ValidationFault, not a 404 (API-NOTES §4).
        if (isQboFaultError(err, 610)) return undefined
        throw err
      }
    },
    create: (body, options) => write(body, options),
    update: (body, options) => write({ ...body, sparse: true }, options),
    query: (refine = (q) => q, options) => runner.query(refine(select(entity) as QueryBuilder<E>), options),
    queryAll: (refine = (q) => q, options) =>
      runner.queryAll(refine(select(entity) as QueryBuilder<E>), options),
  }
}

/** Adds delete (and, for invoices and payments, void) to an entity's helpers. */
export function createTransactionApi<E extends TransactionEntityName>(
  send: Send,
  entity: E,
  requestIdFor: (option: string | false | undefined) => string | undefined,
  runner: QueryRunner,
): E extends 'Invoice' | 'Payment' ? VoidableApi<E> : TransactionApi<E> {
  const base = createEntityApi(send, entity, requestIdFor, runner)
  const path = ENTITY_PATH[entity]
  const post = (json: unknown, params: Record<string, string>, options: WriteOptions | undefined) =>
    send({
      method: 'POST',
      path,
      params,
      body: { json },
      isWrite: true,
      requestId: requestIdFor(options?.requestId),
      signal: options?.signal,
    })
  const api = {
    ...base,
    async delete(ref: { Id: string; SyncToken: string }, options?: WriteOptions): Promise<DeletedObject> {
      const response = await post({ Id: ref.Id, SyncToken: ref.SyncToken }, { operation: 'delete' }, options)
      return entityFromBody(response.body, entity) as unknown as DeletedObject
    },
    async void(ref: { Id: string; SyncToken: string }, options?: WriteOptions) {
      // QBO: invoices void with operation=void; payments with operation=update&include=void and a sparse
      // body (API-NOTES §4).
      const response =
        entity === 'Invoice'
          ? await post({ Id: ref.Id, SyncToken: ref.SyncToken }, { operation: 'void' }, options)
          : await post(
              { Id: ref.Id, SyncToken: ref.SyncToken, sparse: true },
              { operation: 'update', include: 'void' },
              options,
            )
      return entityFromBody(response.body, entity)
    },
  }
  if (entity === 'Estimate') {
    const { void: _omit, ...withoutVoid } = api
    return withoutVoid as never
  }
  return api as never
}
