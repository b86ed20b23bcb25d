/**
 * Compiles a query's WHERE clause (plus the implicit Active filter) into one predicate, once per query.
 * The per-row path reads properties through precomputed getters and compares against precomputed
 * literals, so filtering 500,000 rows allocates nothing for ASCII data.
 */
import type { PropertySchema } from './entity-schema'
import type { ParsedQuery, QueryCondition, QueryValue } from './validate'
import { compileLike, equalsIgnoreCase, parseInstant, startOfDay, toNumber } from './values'

/** Options that fix the meaning of dates: "today" and the company's offset from UTC. */
export interface TimeContext {
  nowMs: number
  utcOffsetMinutes: number
}

export type RowPredicate = (row: Record<string, unknown>) => boolean
type Getter = (row: Record<string, unknown>) => unknown

/** Reads a property, following one dot (`MetaData.LastUpdatedTime`) and the `.value`/`.Address` of refs/emails. */
export function compileGetter(property: PropertySchema): Getter {
  const path = property.name.split('.')
  if (property.type === 'ref') path.push('value')
  if (property.type === 'email') path.push('Address')
  const fallback = property.defaultValue
  const [first, second, third] = path as [string, string | undefined, string | undefined]
  const child = (value: unknown, key: string): unknown =>
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  let getter: Getter
  if (second === undefined) getter = (row) => row[first]
  else if (third === undefined) getter = (row) => child(row[first], second)
  else getter = (row) => child(child(row[first], second), third)
  if (fallback === undefined) return getter
  return (row) => getter(row) ?? fallback
}

/** A value's instant for date/datetime properties, NaN when absent or malformed. */
function instantOf(value: unknown, offset: number): number {
  return typeof value === 'string' ? parseInstant(value, offset) : Number.NaN
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null

function compileCondition(condition: QueryCondition, time: TimeContext): RowPredicate {
  const { property, op, values } = condition
  const get = compileGetter(property)
  const matchesNull = values.some((v) => v.kind === 'null' || (v.kind === 'text' && v.value === ' '))
  if (op === 'LIKE') {
    const like = compileLike((values[0] as { value: string }).value)
    return (row) => {
      const v = get(row)
      return typeof v === 'string' && like(v)
    }
  }
  if (op === 'IN' || op === '=') {
    const single = compileEquals(property, values, time)
    if (!matchesNull) return (row) => single(get(row))
    return (row) => {
      const v = get(row)
      return isAbsent(v) || single(v)
    }
  }
  const orEqual = op === '<=' || op === '>='
  const below = op === '<' || op === '<='
  const test = (c: number): boolean => (c === 0 ? orEqual : below ? c < 0 : c > 0)
  const value = values[0]!
  if (property.type === 'number') {
    const target = (value as { value: number }).value
    return (row) => {
      const n = toNumber(get(row))
      return !Number.isNaN(n) && test(n < target ? -1 : n > target ? 1 : 0)
    }
  }
  if (property.type === 'date' || property.type === 'datetime') {
    const target = literalInstant(value, time)
    const offset = time.utcOffsetMinutes
    return (row) => {
      const n = instantOf(get(row), offset)
      return !Number.isNaN(n) && test(n < target ? -1 : n > target ? 1 : 0)
    }
  }
  // Strings: case-insensitive ordering, consistent with case-insensitive equality.
  const target = (value as { value: string }).value.toLowerCase()
  return (row) => {
    const v = get(row)
    if (typeof v !== 'string') return false
    const lower = v.toLowerCase()
    return test(lower < target ? -1 : lower > target ? 1 : 0)
  }
}

function literalInstant(value: QueryValue, time: TimeContext): number {
  if (value.kind === 'currentDate') return startOfDay(time.nowMs, time.utcOffsetMinutes)
  return parseInstant((value as { value: string }).value, time.utcOffsetMinutes)
}

/** Equality against one or more literals (= and IN). Absent values never match here. */
function compileEquals(
  property: PropertySchema,
  values: QueryValue[],
  time: TimeContext,
): (v: unknown) => boolean {
  const concrete = values.filter((v) => v.kind !== 'null')
  switch (property.type) {
    case 'string':
    case 'email': {
      // QBO compares = and LIKE case-insensitively per a docs mirror (API-NOTES.md §3; unverified live).
      const targets = concrete.map((v) => (v as { value: string }).value.toLowerCase())
      if (targets.length === 1) {
        const target = targets[0]!
        return (v) => typeof v === 'string' && equalsIgnoreCase(v, target)
      }
      const set = new Set(targets)
      return (v) => typeof v === 'string' && set.has(v.toLowerCase())
    }
    case 'id':
    case 'ref': {
      const targets = new Set(concrete.map((v) => (v as { value: string }).value))
      return (v) => (typeof v === 'string' ? targets.has(v) : typeof v === 'number' && targets.has(String(v)))
    }
    case 'number': {
      const targets = new Set(concrete.map((v) => (v as { value: number }).value))
      return (v) => targets.has(toNumber(v))
    }
    case 'boolean': {
      const targets = concrete.map((v) => (v as { value: boolean }).value)
      return (v) => typeof v === 'boolean' && targets.includes(v)
    }
    default: {
      const targets = new Set(concrete.map((v) => literalInstant(v, time)))
      const offset = time.utcOffsetMinutes
      return (v) => targets.has(instantOf(v, offset))
    }
  }
}

/** One predicate for the whole WHERE clause, including the implicit `Active = true` when it applies. */
export function compilePredicate(
  query: ParsedQuery,
  activeProperty: PropertySchema | undefined,
  time: TimeContext,
): RowPredicate {
  const parts = query.where.map((c) => compileCondition(c, time))
  if (query.implicitActive && activeProperty !== undefined) {
    const getActive = compileGetter(activeProperty)
    parts.unshift((row) => getActive(row) === true)
  }
  if (parts.length === 0) return () => true
  if (parts.length === 1) return parts[0]!
  if (parts.length === 2) {
    const [a, b] = parts as [RowPredicate, RowPredicate]
    return (row) => a(row) && b(row)
  }
  return (row) => {
    for (const part of parts) if (!part(row)) return false
    return true
  }
}
