export type { CompanyStoreHandle } from './company-store'
export { createRegistry, type RegistryHandle } from './registry'
export type { WriteOptions } from './sales-documents'
export { formatDate, formatDateTime, formatResponseTime, offsetMinutes } from './time-format'
export type {
  AddCompanyOptions,
  ChangeEvent,
  ChangeRecord,
  CompanyStore,
  EntityName,
  QboObject,
  Registry,
} from './types'
export { ENTITY_NAMES } from './types'
