export { createLink } from './link-service'
export { findOrganizationIdsByName } from './record-repository'
export { type CrmService, createCrmService } from './record-service'
export {
  createSchemaOf,
  fieldNamesOf,
  PATH_OF,
  RECORD_TYPES,
  type RecordData,
  type RecordType,
} from './record-types'
export { crmRoutes } from './routes'
