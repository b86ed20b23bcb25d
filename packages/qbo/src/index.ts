export type { QboUserInfo, TokenEndpointResponse } from './auth/oauth'
export { tokensFromResponse } from './auth/oauth'
export type { QboTokens, TokenRecord, TokenStore } from './auth/token-store'
export { createMemoryTokenStore } from './auth/token-store'
export type { BatchItem, BatchItemResult } from './batch'
export { BATCH_LIMIT } from './batch'
export type { CdcDeleted, CdcEntityName, CdcResult } from './cdc'
export type { QboClient, QboOAuth } from './client'
export { createQboClient } from './client'
export type { QboCompany } from './company'
export type { QboDeepLinks } from './deep-links'
export { createDeepLinks } from './deep-links'
export type {
  Decimal,
  EmailAddress,
  IsoDate,
  IsoDateTime,
  Line,
  LinkedTxn,
  MemoRef,
  MetaData,
  PhysicalAddress,
  QboObjectBase,
  ReferenceType,
  SalesItemLineDetail,
  TelephoneNumber,
  WebSiteAddress,
} from './entities/common'
export type { CompanyInfo, Preferences } from './entities/company-info'
export type { Customer } from './entities/customer'
export type { Estimate } from './entities/estimate'
export type { Invoice } from './entities/invoice'
export type {
  CreateInput,
  DeletedObject,
  EntityName,
  EntityTypes,
  SparseUpdate,
  TransactionEntityName,
  WritableEntityName,
} from './entities/names'
export type { CallOptions, EntityApi, TransactionApi, VoidableApi, WriteOptions } from './entities/operations'
export type { Payment } from './entities/payment'
export type { QboEndpoints, QboEnvironment } from './environment'
export { isLoopbackHttpUrl, resolveEndpoints } from './environment'
export type { QboFaultDetail } from './errors'
export {
  isQboAuthError,
  isQboError,
  isQboFaultError,
  isQboNetworkError,
  isQboQueryBuildError,
  isQboRateLimitError,
  isQboReconnectRequiredError,
  isQboTimeoutError,
  QboAuthError,
  QboError,
  QboFaultError,
  QboNetworkError,
  QboQueryBuildError,
  QboRateLimitError,
  QboReconnectRequiredError,
  QboTimeoutError,
} from './errors'
export type { QboLogger } from './logger'
export { silentLogger } from './logger'
export type { Money } from './money'
export { addMoney, compareMoney, formatMoney, isZeroMoney, money, moneyOf, sumMoney } from './money'
export type { QboClientOptions } from './options'
export type { QueryRunner } from './queries'
export * from './query'
export { faultFromBody, faultFromObject } from './transport/faults'
export { parseQboJson, stringifyQboJson } from './transport/json'
export type { RateLimits } from './transport/rate-limit'
export type { RateLimitResult, RateLimitStore } from './transport/rate-limit-store'
export { createMemoryRateLimitStore } from './transport/rate-limit-store'
export type { RetryOptions } from './transport/retry'
export { backoffDelay, parseRetryAfter, resolveRetryOptions } from './transport/retry'
