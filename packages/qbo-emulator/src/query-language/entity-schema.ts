/**
 * Which properties of each entity the query language may filter (WHERE) and sort (ORDERBY) on, and how
 * their values compare. Sources: the "filterable"/"sortable" badges in API-NOTES.md §2 and §3.
 * A property that is neither filterable nor sortable is simply absent: QBO answers both cases with
 * 4001 "property 'X' is not queryable" (third-party probe and quickbooks-ruby #403, API-NOTES.md §3).
 */

/**
 * Every entity the emulator can query, in canonical spelling.
 *
 * @example
 * const entity: QueryEntity = parseQuery('select * from invoice').entity // 'Invoice'
 */
export type QueryEntity =
  | 'Customer'
  | 'Vendor'
  | 'Employee'
  | 'Invoice'
  | 'Estimate'
  | 'Payment'
  | 'CompanyInfo'
  | 'Preferences'
  | 'Item'
  | 'Account'

/**
 * How a property's values compare:
 * - `id`: entity Id; exact string equality, sorted numerically (QBO ids are decimal strings).
 * - `string`: case-insensitive equality and LIKE, case-insensitive ordering.
 * - `number`, `boolean`: as JSON numbers/booleans (numeric strings in rows are accepted too).
 * - `date` (`YYYY-MM-DD`) and `datetime` (ISO 8601 with offset): compared as instants.
 * - `ref`: a ReferenceType, compared by its `.value` id (`CustomerRef = '123'`).
 * - `email`: an EmailAddress, compared by its `.Address`, case-insensitively.
 *
 * @example
 * const type: PropertyType = entitySchema('Invoice').property('CustomerRef')!.type // 'ref'
 */
export type PropertyType = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'ref' | 'email'

/**
 * One filterable and/or sortable property of an entity.
 *
 * @example
 * const balance: PropertySchema | undefined = entitySchema('Customer').property('balance')
 * // { name: 'Balance', type: 'number', filterable: true, sortable: true }
 */
export interface PropertySchema {
  /** Canonical spelling, dotted for nested properties (`MetaData.LastUpdatedTime`). */
  name: string
  type: PropertyType
  filterable: boolean
  sortable: boolean
  /** The value a row has when the property is absent (QBO's `Active` defaults to true, API-NOTES.md §2.1). */
  defaultValue?: unknown
}

/**
 * What the query language knows of one entity.
 *
 * @example
 * const schema: EntitySchema = entitySchema('Customer')
 * schema.activeByDefault // true
 * schema.properties.filter((p) => p.sortable).map((p) => p.name) // ['Id', 'DisplayName', …]
 */
export interface EntitySchema {
  entity: QueryEntity
  properties: readonly PropertySchema[]
  /** Looks a property up case-insensitively (`metadata.lastupdatedtime` works); undefined when unknown. */
  property(name: string): PropertySchema | undefined
  /** True for Customer, Vendor and Employee: they get the implicit `Active = true` filter. */
  activeByDefault: boolean
}

type Flags = 'F' | 'S' | 'FS'
type Spec = Record<string, [PropertyType, Flags]>

const META: Spec = {
  'MetaData.CreateTime': ['datetime', 'FS'],
  'MetaData.LastUpdatedTime': ['datetime', 'FS'],
}
const NAME_LIST: Spec = {
  Id: ['id', 'FS'],
  DisplayName: ['string', 'FS'],
  GivenName: ['string', 'FS'],
  MiddleName: ['string', 'FS'],
  FamilyName: ['string', 'FS'],
  PrintOnCheckName: ['string', 'FS'],
  Active: ['boolean', 'FS'],
  ...META,
}

const SPECS: Record<QueryEntity, Spec> = {
  Customer: {
    ...NAME_LIST,
    CompanyName: ['string', 'FS'],
    FullyQualifiedName: ['string', 'FS'],
    // Filterable but not sortable (API-NOTES.md §3).
    PrimaryEmailAddr: ['email', 'F'],
    Balance: ['number', 'FS'],
    // Sortable; only the old XSD marks it filterable (API-NOTES.md §2.1), so filtering is refused.
    BalanceWithJobs: ['number', 'S'],
  },
  Vendor: {
    ...NAME_LIST,
    CompanyName: ['string', 'FS'],
    // API-NOTES.md §3: the python-quickbooks maintainer confirms email lookups on Vendor. A 2017 report
    // (quickbooks-ruby #403) saw 4001 for it; the notes' newer confirmation wins here.
    PrimaryEmailAddr: ['email', 'F'],
  },
  Employee: { ...NAME_LIST },
  Invoice: {
    Id: ['id', 'FS'],
    CustomerRef: ['ref', 'F'],
    DocNumber: ['string', 'FS'],
    TxnDate: ['date', 'FS'],
    DueDate: ['date', 'FS'],
    Balance: ['number', 'FS'],
    // Not badged on the Invoice page, but Intuit's query guide filters on it (API-NOTES.md §2.3).
    TotalAmt: ['number', 'FS'],
    SalesTermRef: ['ref', 'F'],
    ProjectRef: ['ref', 'F'],
    ...META,
  },
  Estimate: {
    Id: ['id', 'FS'],
    CustomerRef: ['ref', 'F'],
    DocNumber: ['string', 'FS'],
    TxnDate: ['date', 'FS'],
    DueDate: ['date', 'FS'],
    ProjectRef: ['ref', 'F'],
    ...META,
  },
  Payment: {
    Id: ['id', 'FS'],
    CustomerRef: ['ref', 'F'],
    TxnDate: ['date', 'FS'],
    PaymentRefNum: ['string', 'FS'],
    TotalAmt: ['number', 'FS'],
    ProjectRef: ['ref', 'F'],
    ...META,
  },
  CompanyInfo: { Id: ['id', 'FS'], ...META },
  Preferences: { Id: ['id', 'FS'], ...META },
  Item: {
    Id: ['id', 'FS'],
    Name: ['string', 'FS'],
    FullyQualifiedName: ['string', 'FS'],
    Sku: ['string', 'FS'],
    Type: ['string', 'FS'],
    Active: ['boolean', 'FS'],
    ...META,
  },
  Account: {
    Id: ['id', 'FS'],
    Name: ['string', 'FS'],
    FullyQualifiedName: ['string', 'FS'],
    AccountType: ['string', 'FS'],
    AccountSubType: ['string', 'FS'],
    Classification: ['string', 'FS'],
    CurrentBalance: ['number', 'FS'],
    Active: ['boolean', 'FS'],
    ...META,
  },
}

/** Entities whose plain query returns active rows only (API-NOTES.md §3, Intuit 2014/2017 query blogs). */
const ACTIVE_BY_DEFAULT: ReadonlySet<QueryEntity> = new Set<QueryEntity>(['Customer', 'Vendor', 'Employee'])

function buildSchema(entity: QueryEntity): EntitySchema {
  const properties: PropertySchema[] = Object.entries(SPECS[entity]).map(([name, [type, flags]]) => ({
    name,
    type,
    filterable: flags.includes('F'),
    sortable: flags.includes('S'),
    ...(name === 'Active' ? { defaultValue: true } : {}),
  }))
  const byLowerName = new Map(properties.map((p) => [p.name.toLowerCase(), p]))
  return {
    entity,
    properties,
    property: (name) => byLowerName.get(name.toLowerCase()),
    activeByDefault: ACTIVE_BY_DEFAULT.has(entity),
  }
}

/**
 * Every queryable entity, in canonical spelling.
 *
 * @example
 * QUERY_ENTITIES.includes('Payment') // true
 */
export const QUERY_ENTITIES: readonly QueryEntity[] = Object.keys(SPECS) as QueryEntity[]

const SCHEMAS = new Map<QueryEntity, EntitySchema>(QUERY_ENTITIES.map((e) => [e, buildSchema(e)]))
const ENTITY_BY_LOWER_NAME = new Map<string, QueryEntity>(QUERY_ENTITIES.map((e) => [e.toLowerCase(), e]))

/**
 * The canonical entity for a name written in any case; undefined when unknown.
 *
 * @example
 * resolveEntity('cUstomer') // 'Customer'
 * resolveEntity('Bill') // undefined
 */
export function resolveEntity(name: string): QueryEntity | undefined {
  return ENTITY_BY_LOWER_NAME.get(name.toLowerCase())
}

/**
 * The query schema of an entity: which properties filter and sort, and how their values compare.
 *
 * @example
 * entitySchema('Customer').property('PrimaryEmailAddr') // { type: 'email', filterable: true, sortable: false, … }
 * entitySchema('Customer').property('Notes') // undefined: "property 'Notes' is not queryable"
 */
export function entitySchema(entity: QueryEntity): EntitySchema {
  return SCHEMAS.get(entity)!
}
