export { COMPANY_LINKS, type CompanyLinks } from './connection-links'
export type { ConnectionState } from './connection-service'
export {
  type CustomerLink,
  countCustomerLinksOutside,
  deleteCustomerLink,
  findCustomerLink,
  findCustomerLinks,
  findRecordsLinkedToCustomer,
  saveCustomerLink,
} from './customer-links-repository'
export {
  countDocumentLinks,
  countDocumentLinksOutside,
  deleteDocumentLinksOutside,
} from './document-links-repository'
export {
  type CompanyAccess,
  createQuickbooks,
  type Quickbooks,
  type QuickbooksDeps,
} from './gateway'
export { CALLBACK_PATH } from './gateway-clients'
export { createQboCacheService, type QboCacheService } from './qbo-cache-service'
export { MESSAGES as QUICKBOOKS_MESSAGES, quickbooksError, toAppError } from './qbo-errors'
export { createDbRateLimitStore } from './rate-limit-store-db'
export { quickbooksConnectionRoutes } from './routes-connection'
export { quickbooksCallbackRoutes } from './routes-connection-callback'
export { quickbooksDocumentRoutes } from './routes-documents'
export { quickbooksRecordRoutes } from './routes-records'
export { quickbooksWebhookRoutes } from './routes-webhooks'
export { createDbTokenStore } from './token-store-db'
