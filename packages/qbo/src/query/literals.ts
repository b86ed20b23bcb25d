import { QboQueryBuildError } from '../errors'
import { quoteQueryLiteral } from './escape'
import type { QueryFieldKind } from './schema'

/**
 * Comparison operators QBO supports (API-NOTES §3: no `!=`, no `NOT`, no `OR`; LIKE wildcard is `%` only).
 * @example
 * const op: QueryOperator = '>='
 */
export type QueryOperator = '=' | '<' | '>' | '<=' | '>=' | 'in' | 'like'

/**
 * Operators allowed for a property kind (`Id` and references accept only `=` and `IN`).
 * @example
 * const op: OperatorFor<'ref'> = 'in'
 */
export type OperatorFor<K> = K extends 'id' | 'ref' | 'boolean'
  ? '=' | 'in'
  : K extends 'string'
    ? '=' | '<' | '>' | '<=' | '>=' | 'in' | 'like'
    : '=' | '<' | '>' | '<=' | '>=' | 'in'

/**
 * The value type for a property kind: booleans for flags, `Date` or ISO strings for dates, strings otherwise
 * (ids, references and decimal amounts are written as strings, never floats).
 * @example
 * const v: ValueFor<'date'> = '2026-01-01'
 */
export type ValueFor<K> = K extends 'boolean'
  ? boolean
  : K extends 'date' | 'datetime'
    ? string | Date
    : string

/** Operators each property kind accepts. */
export const OPERATORS: Record<QueryFieldKind, readonly QueryOperator[]> = {
  id: ['=', 'in'],
  ref: ['=', 'in'],
  boolean: ['=', 'in'],
  string: ['=', '<', '>', '<=', '>=', 'in', 'like'],
  decimal: ['=', '<', '>', '<=', '>=', 'in'],
  date: ['=', '<', '>', '<=', '>=', 'in'],
  datetime: ['=', '<', '>', '<=', '>=', 'in'],
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const DECIMAL = /^-?\d+(?:\.\d+)?$/

/**
 * Writes `value` as a literal of a property of `kind`, checking its type: strings quoted and escaped,
 * booleans bare, decimals and dates quoted after a format check. Throws {@link QboQueryBuildError}.
 */
export function queryLiteral(entity: string, field: string, kind: QueryFieldKind, value: unknown): string {
  const bad = (expected: string): never => {
    throw new QboQueryBuildError(
      `${entity}.${field} expects ${expected}, got ${JSON.stringify(value) ?? typeof value}`,
    )
  }
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : bad('a boolean')
    case 'date':
      if (value instanceof Date) return `'${value.toISOString().slice(0, 10)}'`
      return typeof value === 'string' && ISO_DATE.test(value) ? `'${value}'` : bad('a Date or YYYY-MM-DD')
    case 'datetime':
      if (value instanceof Date) return `'${value.toISOString()}'`
      return typeof value === 'string' && ISO_DATETIME.test(value)
        ? `'${value}'`
        : bad('a Date or ISO date-time')
    case 'decimal':
      return typeof value === 'string' && DECIMAL.test(value) ? `'${value}'` : bad('a decimal string')
    default:
      return typeof value === 'string' ? quoteQueryLiteral(value) : bad('a string')
  }
}
