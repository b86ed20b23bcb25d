/**
 * ORDERBY and the default order. Keys are extracted once per row into plain arrays, then an index array is
 * sorted (V8's sort is stable). Every order ends with Id ascending, so equal keys page deterministically.
 *
 * - Default without ORDERBY: numeric Id ascending. QBO's default order is unverified (API-NOTES.md §3:
 *   "Add an explicit ORDERBY … for deterministic paging"); Id order is what Intuit's field notes describe for
 *   Id sorts and is stable under inserts, so paging without ORDERBY never skips or repeats rows here.
 * - Strings (and emails) compare case-insensitively (lower-cased code units), numbers numerically, dates and
 *   datetimes as instants, booleans false < true, ids and refs numerically when numeric.
 * - Absent values come first for ASC and last for DESC.
 */
import type { PropertySchema } from './entity-schema'
import { compileGetter } from './predicate'
import type { SortKey } from './validate'
import { parseInstant, toNumber } from './values'

type Key = number | string | undefined

const ID_PROPERTY: PropertySchema = { name: 'Id', type: 'id', filterable: true, sortable: true }

function keyOf(property: PropertySchema, value: unknown, offset: number): Key {
  if (value === undefined || value === null) return undefined
  switch (property.type) {
    case 'string':
    case 'email':
      return typeof value === 'string' ? value.toLowerCase() : undefined
    case 'number': {
      const n = toNumber(value)
      return Number.isNaN(n) ? undefined : n
    }
    case 'boolean':
      return value === true ? 1 : value === false ? 0 : undefined
    case 'date':
    case 'datetime': {
      const n = typeof value === 'string' ? parseInstant(value, offset) : Number.NaN
      return Number.isNaN(n) ? undefined : n
    }
    default: {
      // ids and refs: numeric when they are decimal strings, else compared as text after all numbers.
      const n = toNumber(value)
      return Number.isFinite(n) ? n : String(value)
    }
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1
  return a < b ? -1 : 1
}

/** Sorts `rows` in place by `keys`, then by Id ascending. */
export function sortRows<T extends Record<string, unknown>>(rows: T[], keys: SortKey[], offset: number): T[] {
  if (keys.length === 0 && sortByNumericId(rows)) return rows
  const all = [...keys, { property: ID_PROPERTY, direction: 'ASC' as const }]
  const columns = all.map(({ property }) => {
    const get = compileGetter(property)
    return rows.map((row) => keyOf(property, get(row), offset))
  })
  const directions = all.map((k) => (k.direction === 'DESC' ? -1 : 1))
  const order = rows.map((_, i) => i)
  const compare = (i: number, j: number): number => {
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k]!
      const c = compareKeys(column[i], column[j])
      if (c !== 0) return c * directions[k]!
    }
    return 0
  }
  if (isSorted(order, compare)) return rows
  order.sort(compare)
  const sorted = order.map((i) => rows[i]!)
  for (let i = 0; i < rows.length; i++) rows[i] = sorted[i]!
  return rows
}

// The default order, when every Id is a decimal string (always, for rows QBO or the store create):
// one typed array of numbers, and no sort at all when the rows already come in Id order.
function sortByNumericId<T extends Record<string, unknown>>(rows: T[]): boolean {
  const ids = new Float64Array(rows.length)
  let sorted = true
  for (let i = 0; i < rows.length; i++) {
    const id = rows[i]!.Id
    const n = typeof id === 'string' && id !== '' ? Number(id) : Number.NaN
    if (!Number.isFinite(n)) return false
    ids[i] = n
    if (i > 0 && n < ids[i - 1]!) sorted = false
  }
  if (sorted) return true
  const order = Array.from(rows.keys()).sort((i, j) => ids[i]! - ids[j]!)
  const copy = rows.slice()
  for (let i = 0; i < order.length; i++) rows[i] = copy[order[i]!]!
  return true
}

// Stores usually hand rows over in Id order already; checking is O(n) and saves an O(n log n) sort.
function isSorted(order: number[], compare: (i: number, j: number) => number): boolean {
  for (let i = 1; i < order.length; i++) if (compare(i - 1, i) > 0) return false
  return true
}
