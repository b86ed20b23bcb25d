import type { EntityName } from '../store'

/**
 * Lower-case path segment → entity (API-NOTES.md §1: SDKs send lower-case segments).
 *
 * @example
 * PATH_ENTITIES.invoice // 'Invoice'
 */
export const PATH_ENTITIES: Record<string, EntityName> = {
  customer: 'Customer',
  vendor: 'Vendor',
  employee: 'Employee',
  invoice: 'Invoice',
  estimate: 'Estimate',
  payment: 'Payment',
  item: 'Item',
  account: 'Account',
  companyinfo: 'CompanyInfo',
  preferences: 'Preferences',
}

/** The write operation a POST to `/{entity}` asks for (API-NOTES.md §4). */
export type WriteOperation = 'create' | 'update' | 'delete' | 'void'

/**
 * Reads the operation from `?operation=` / `?include=void` and the presence of an Id.
 *
 * @example
 * writeOperation({ operation: 'update', include: 'void' }, body) // 'void'
 */
export function writeOperation(query: Record<string, unknown>, body: unknown): WriteOperation {
  const operation = typeof query.operation === 'string' ? query.operation.toLowerCase() : undefined
  const include = typeof query.include === 'string' ? query.include.toLowerCase().split(',') : []
  if (operation === 'delete') return 'delete'
  if (operation === 'void') return 'void'
  if (operation === 'update' && include.includes('void')) return 'void'
  if (operation === 'update') return 'update'
  const hasId =
    body !== null && typeof body === 'object' && 'Id' in body && (body as { Id: unknown }).Id !== undefined
  return hasId ? 'update' : 'create'
}

/**
 * The stats name of a request (`customer.read`, `invoice.void`, `query`, …).
 *
 * @example
 * endpointName('GET', '/v3/company/:realmId/:entity/:id', { entity: 'customer' }, {}, undefined) // 'customer.read'
 */
export function endpointName(
  method: string,
  url: string,
  params: Record<string, string>,
  query: Record<string, unknown>,
  body: unknown,
): string {
  const last = url.slice(url.lastIndexOf('/') + 1)
  if (last === 'query' || last === 'batch' || last === 'cdc') return last
  if (last === 'preferences') return method === 'GET' ? 'preferences.read' : 'preferences.update'
  const entity = (params.entity ?? 'unknown').toLowerCase()
  if (method === 'GET') return `${entity}.read`
  return `${entity}.${writeOperation(query, body)}`
}
