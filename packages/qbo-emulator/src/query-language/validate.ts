/**
 * Semantic checks (4001 "Invalid query") and name resolution: turns the syntax tree into a `ParsedQuery`
 * whose entity and property names are canonical and whose literals are typed for their property.
 */
import {
  entitySchema,
  type PropertySchema,
  type PropertyType,
  type QueryEntity,
  resolveEntity,
} from './entity-schema'
import { validationError } from './errors'
import type { Operator, Projection, QueryAst, RawCondition, RawLiteral } from './parser'
import { parseInstant } from './values'

/**
 * A literal typed for its property.
 * - `text`: ids, strings, refs and emails. `' '` is kept as a one-space string; it also matches absent values.
 * - `time`: a date or datetime string, turned into an instant at run time (date-only values need the
 *   company's UTC offset).
 * - `null`: `' '` against a number, boolean, date or datetime property: matches absent values.
 */
export type QueryValue =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'time'; value: string }
  | { kind: 'currentDate' }
  | { kind: 'null' }

export interface QueryCondition {
  property: PropertySchema
  op: Operator
  values: QueryValue[]
}

export interface SortKey {
  property: PropertySchema
  direction: 'ASC' | 'DESC'
}

/**
 * A query that passed every syntax and semantic check, ready for `runQuery`.
 *
 * @example
 * const query: ParsedQuery = parseQuery('select * from Customer startposition 101 maxresults 50')
 * query.entity // 'Customer': pick this entity's rows for runQuery
 * query.startPosition // 101
 */
export interface ParsedQuery {
  /** The query text as received. */
  text: string
  /** Canonical entity name (`select * from cUstomer` → `Customer`). */
  entity: QueryEntity
  /** `fields` keeps the listed names (canonical when known); rows are still returned whole. */
  projection: Projection
  /** The conditions as written, ANDed; the implicit Active filter is not among them. */
  where: QueryCondition[]
  /** True when the implicit `Active = true` of Customer/Vendor/Employee applies. */
  implicitActive: boolean
  orderBy: SortKey[]
  /** 1-based. */
  startPosition: number
  /** Rows per page after capping at 1000. */
  maxResults: number
}

/**
 * QBO's page size without MAXRESULTS (API-NOTES.md §3).
 *
 * @example
 * parseQuery('select * from Customer').maxResults === DEFAULT_MAX_RESULTS // true
 */
export const DEFAULT_MAX_RESULTS = 100
/**
 * Largest page. API-NOTES.md §3: a third party saw larger MAXRESULTS capped silently (unverified). The
 * emulator caps too, rather than failing: a client that pages "until a short page" with MAXRESULTS above
 * 1000 then stops early here exactly as it would against QBO, which is the bug worth surfacing.
 *
 * @example
 * parseQuery('select * from Customer maxresults 5000').maxResults === MAX_RESULTS_LIMIT // true
 */
export const MAX_RESULTS_LIMIT = 1000

/** The one-space literal that QBO reads as null (API-NOTES.md §3). */
const NULL_LITERAL = ' '

const TEXT_TYPES: ReadonlySet<PropertyType> = new Set<PropertyType>(['id', 'string', 'ref', 'email'])

export function validateQuery(ast: QueryAst, text: string): ParsedQuery {
  const entity = resolveEntity(ast.entity)
  // Unknown entity: the notes quote no QBO text for it; 4001 matches "query semantics" (API-NOTES.md §8).
  if (entity === undefined) throw validationError(`entity '${ast.entity}' is not queryable`)
  const schema = entitySchema(entity)

  const where = ast.where.map((condition): QueryCondition => {
    const property = schema.property(condition.property)
    if (property === undefined || !property.filterable) {
      throw validationError(`property '${condition.property}' is not queryable`)
    }
    checkOperator(property, condition.op)
    return {
      property,
      op: condition.op,
      values: condition.values.map((v) => typeValue(property, condition, v)),
    }
  })

  const orderBy = ast.orderBy.map(({ property: name, direction }): SortKey => {
    const property = schema.property(name)
    if (property === undefined) throw validationError(`property '${name}' is not queryable`)
    if (!property.sortable) throw validationError(`property '${name}' is not sortable`)
    return { property, direction }
  })

  const projection: Projection =
    ast.projection.kind === 'fields'
      ? { kind: 'fields', fields: ast.projection.fields.map((f) => schema.property(f)?.name ?? f) }
      : ast.projection

  return {
    text,
    entity,
    projection,
    where,
    implicitActive: schema.activeByDefault && !where.some((c) => c.property.name === 'Active'),
    orderBy,
    startPosition: checkMinimum(ast.startPosition ?? 1),
    maxResults: Math.min(checkMinimum(ast.maxResults ?? DEFAULT_MAX_RESULTS), MAX_RESULTS_LIMIT),
  }
}

// STARTPOSITION 0 → "value 0 is too small. Min allowed value is 1" (quickbooks-ruby fixture, API-NOTES.md §3).
// MAXRESULTS 0 gets the same answer: an empty page would make "page until short" clients stop at once.
function checkMinimum(value: number): number {
  if (value < 1) throw validationError(`value ${value} is too small. Min allowed value is 1`)
  return value
}

function checkOperator(property: PropertySchema, op: Operator): void {
  // `Id` accepts only = and IN (API-NOTES.md §3, docs mirror).
  const allowed =
    property.type === 'id' || property.type === 'ref' || property.type === 'boolean'
      ? op === '=' || op === 'IN'
      : op !== 'LIKE' || property.type === 'string' || property.type === 'email'
  if (!allowed) throw validationError(`operator '${op}' is not supported for property '${property.name}'`)
}

function typeValue(property: PropertySchema, condition: RawCondition, literal: RawLiteral): QueryValue {
  const invalid = () =>
    validationError(`value ${show(literal)} is not valid for property '${property.name}' (${property.type})`)
  const isNull = literal.kind === 'string' && literal.value === NULL_LITERAL
  if (TEXT_TYPES.has(property.type)) {
    if (literal.kind === 'string') return { kind: 'text', value: literal.value }
    if (literal.kind === 'number') return { kind: 'text', value: literal.text }
    throw invalid()
  }
  if (isNull) {
    if (condition.op !== '=' && condition.op !== 'IN') {
      throw validationError(`null can only be compared with = or IN (property '${property.name}')`)
    }
    return { kind: 'null' }
  }
  switch (property.type) {
    case 'number': {
      const text = literal.kind === 'number' ? literal.text : literal.kind === 'string' ? literal.value : ''
      const value = text.trim() === '' ? Number.NaN : Number(text)
      if (!Number.isFinite(value)) throw invalid()
      return { kind: 'number', value }
    }
    case 'boolean': {
      if (literal.kind === 'boolean') return literal
      const word = literal.kind === 'string' ? literal.value.toLowerCase() : ''
      if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' }
      throw invalid()
    }
    default: {
      if (literal.kind === 'currentDate') return literal
      if (literal.kind === 'string' && !Number.isNaN(parseInstant(literal.value, 0))) {
        return { kind: 'time', value: literal.value }
      }
      throw invalid()
    }
  }
}

function show(literal: RawLiteral): string {
  switch (literal.kind) {
    case 'string':
      return `'${literal.value}'`
    case 'number':
      return literal.text
    case 'boolean':
      return String(literal.value)
    case 'currentDate':
      return 'CURRENT_DATE'
  }
}
