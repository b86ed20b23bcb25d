/**
 * Which properties of each entity may appear in WHERE and ORDERBY, from the "filterable"/"sortable" badges
 * of Intuit's API reference (API-NOTES §2 and §3). Filtering on anything else is a 4001 fault at QBO, so the
 * builder refuses it before a request is made.
 */

/**
 * How a property's literal is written: strings are quoted, booleans bare, ids and references compare
 * by id (`CustomerRef = '58'`), numbers are quoted decimals (`Balance > '0'`).
 *
 * @example
 * const kind: QueryFieldKind = 'date'
 */
export type QueryFieldKind = 'id' | 'ref' | 'string' | 'boolean' | 'decimal' | 'date' | 'datetime'

interface FieldSpec {
  kind: QueryFieldKind
  filter: boolean
  sort: boolean
}

const meta = {
  'MetaData.CreateTime': { kind: 'datetime', filter: true, sort: true },
  'MetaData.LastUpdatedTime': { kind: 'datetime', filter: true, sort: true },
} as const

const id = { kind: 'id', filter: true, sort: true } as const
const ref = { kind: 'ref', filter: true, sort: false } as const
const text = { kind: 'string', filter: true, sort: true } as const
const date = { kind: 'date', filter: true, sort: true } as const
const amount = { kind: 'decimal', filter: true, sort: true } as const

/**
 * Query schema per entity: kind of each property and whether it may be filtered (`filter`) or sorted (`sort`).
 *
 * @example
 * QUERY_SCHEMA.Customer.PrimaryEmailAddr.sort // false — filterable but not sortable
 */
export const QUERY_SCHEMA = {
  Customer: {
    Id: id,
    DisplayName: text,
    GivenName: text,
    MiddleName: text,
    FamilyName: text,
    CompanyName: text,
    PrintOnCheckName: text,
    FullyQualifiedName: text,
    PrimaryEmailAddr: { kind: 'string', filter: true, sort: false },
    Active: { kind: 'boolean', filter: true, sort: true },
    Balance: amount,
    BalanceWithJobs: { kind: 'decimal', filter: false, sort: true },
    ...meta,
  },
  Invoice: {
    Id: id,
    CustomerRef: ref,
    DocNumber: text,
    TxnDate: date,
    DueDate: date,
    // QBO: not badged filterable on the Invoice page, but Intuit's own query guide filters on it (API-NOTES §2.3).
    TotalAmt: { kind: 'decimal', filter: true, sort: false },
    Balance: amount,
    SalesTermRef: ref,
    ProjectRef: ref,
    ...meta,
  },
  Estimate: {
    Id: id,
    CustomerRef: ref,
    DocNumber: text,
    TxnDate: date,
    DueDate: date,
    ProjectRef: ref,
    ...meta,
  },
  Payment: {
    Id: id,
    CustomerRef: ref,
    TxnDate: date,
    PaymentRefNum: text,
    TotalAmt: amount,
    ProjectRef: ref,
    ...meta,
  },
  CompanyInfo: { Id: id, ...meta },
  Preferences: { Id: id, ...meta },
} as const satisfies Record<string, Record<string, FieldSpec>>

/**
 * Entities the builder can query.
 * @example
 * const e: QueryEntityName = 'Invoice'
 */
export type QueryEntityName = keyof typeof QUERY_SCHEMA

type Schema<E extends QueryEntityName> = (typeof QUERY_SCHEMA)[E]

/**
 * Filterable property names of entity `E`.
 * @example
 * const f: FilterableField<'Customer'> = 'DisplayName'
 */
export type FilterableField<E extends QueryEntityName> = {
  [K in keyof Schema<E>]: Schema<E>[K] extends { filter: true } ? K : never
}[keyof Schema<E>] &
  string

/**
 * Sortable property names of entity `E`.
 * @example
 * const s: SortableField<'Invoice'> = 'TxnDate'
 */
export type SortableField<E extends QueryEntityName> = {
  [K in keyof Schema<E>]: Schema<E>[K] extends { sort: true } ? K : never
}[keyof Schema<E>] &
  string

/**
 * The kind of property `F` of entity `E`.
 * @example
 * const k: FieldKindOf<'Customer', 'Active'> = 'boolean'
 */
export type FieldKindOf<E extends QueryEntityName, F extends keyof Schema<E>> = Schema<E>[F] extends {
  kind: infer K
}
  ? K
  : never

/**
 * True when `name` is an entity the builder knows.
 * @example
 * isQueryEntity('Invoice') // true
 * isQueryEntity('Invoice; drop') // false
 */
export function isQueryEntity(name: string): name is QueryEntityName {
  return Object.hasOwn(QUERY_SCHEMA, name)
}

/**
 * The spec of `field` on `entity`, or `undefined` when QBO cannot query that property.
 * @example
 * fieldSpec('Invoice', 'TxnDate') // { kind: 'date', filter: true, sort: true }
 */
export function fieldSpec(entity: QueryEntityName, field: string): FieldSpec | undefined {
  const specs: Record<string, FieldSpec> = QUERY_SCHEMA[entity]
  return Object.hasOwn(specs, field) ? specs[field] : undefined
}
