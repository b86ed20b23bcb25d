import { type BatchItem, type BatchItemResult, runBatch } from './batch'
import { type CdcEntityName, type CdcResult, runCdc } from './cdc'
import type { CompanyInfo, Preferences } from './entities/company-info'
import { ENTITY_PATH } from './entities/names'
import {
  type CallOptions,
  createEntityApi,
  createTransactionApi,
  type EntityApi,
  entityFromBody,
  type Send,
  type TransactionApi,
  type VoidableApi,
} from './entities/operations'
import { createQueryRunner, type QueryRunner } from './queries'

/**
 * Everything you can do in one QBO company (realm).
 *
 * @example
 * async function openInvoices(company: QboCompany, customerId: string) {
 *   return company.query(select('Invoice').where('CustomerRef', '=', customerId).where('Balance', '>', '0'))
 * }
 */
export interface QboCompany extends QueryRunner {
  readonly realmId: string
  readonly customers: EntityApi<'Customer'>
  readonly invoices: VoidableApi<'Invoice'>
  readonly estimates: TransactionApi<'Estimate'>
  readonly payments: VoidableApi<'Payment'>
  companyInfo(options?: CallOptions): Promise<CompanyInfo>
  preferences(options?: CallOptions): Promise<Preferences>
  batch(items: readonly BatchItem[], options?: CallOptions): Promise<BatchItemResult[]>
  cdc<E extends CdcEntityName>(
    entities: readonly E[],
    changedSince: Date | string,
    options?: CallOptions,
  ): Promise<CdcResult<E>>
}

/** Builds the company API over a realm-bound `send`. */
export function createCompany(
  realmId: string,
  send: Send,
  requestIdFor: (option: string | false | undefined) => string | undefined,
): QboCompany {
  const runner = createQueryRunner(send)

  return {
    realmId,
    customers: createEntityApi(send, 'Customer', requestIdFor, runner),
    invoices: createTransactionApi(send, 'Invoice', requestIdFor, runner),
    estimates: createTransactionApi(send, 'Estimate', requestIdFor, runner),
    payments: createTransactionApi(send, 'Payment', requestIdFor, runner),
    async companyInfo(options) {
      const path = `${ENTITY_PATH.CompanyInfo}/${encodeURIComponent(realmId)}`
      const response = await send({ method: 'GET', path, isWrite: false, signal: options?.signal })
      return entityFromBody(response.body, 'CompanyInfo')
    },
    async preferences(options) {
      const response = await send({
        method: 'GET',
        path: ENTITY_PATH.Preferences,
        isWrite: false,
        signal: options?.signal,
      })
      return entityFromBody(response.body, 'Preferences')
    },
    ...runner,
    batch: (items, options) => runBatch(send, items, () => requestIdFor(undefined), options?.signal),
    cdc: (entities, changedSince, options) => runCdc(send, entities, changedSince, options?.signal),
  }
}
