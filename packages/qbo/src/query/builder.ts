import { QboQueryBuildError } from '../errors'
import { OPERATORS, type OperatorFor, queryLiteral, type ValueFor } from './literals'
import {
  type FieldKindOf,
  type FilterableField,
  fieldSpec,
  isQueryEntity,
  type QueryEntityName,
  type SortableField,
} from './schema'

/**
 * Largest page QBO returns (API-NOTES §3).
 * @example
 * select('Customer').page({ maxResults: MAX_RESULTS_LIMIT })
 */
export const MAX_RESULTS_LIMIT = 1000

interface State {
  entity: QueryEntityName
  conditions: readonly string[]
  order: readonly string[]
  startPosition: number | undefined
  maxResults: number | undefined
}

const BRAND: unique symbol = Symbol('QueryBuilder')

/**
 * An immutable, validated QBO query. Every method returns a new builder; `toString()` gives the statement.
 * Property names are checked per entity at compile time and again at run time; every literal is escaped.
 *
 * @example
 * const q = select('Invoice')
 *   .where('CustomerRef', 'in', ['58', '59'])
 *   .where('TxnDate', '>=', '2026-01-01')
 *   .orderBy('TxnDate', 'desc')
 *   .page({ startPosition: 1, maxResults: 100 })
 * q.toString() // "SELECT * FROM Invoice WHERE CustomerRef IN ('58','59') AND TxnDate >= '2026-01-01' ORDERBY TxnDate DESC STARTPOSITION 1 MAXRESULTS 100"
 */
export class QueryBuilder<E extends QueryEntityName> {
  readonly [BRAND] = true
  readonly #state: State

  /** @internal use {@link select}. */
  constructor(state: State) {
    this.#state = state
  }

  /**
   * The entity queried.
   * @example
   * select('Customer').entity // 'Customer'
   */
  get entity(): E {
    return this.#state.entity as E
  }

  /**
   * The requested page (`undefined` values mean QBO's defaults: start 1, 100 rows).
   * @example
   * select('Customer').page({ maxResults: 10 }).paging // { startPosition: undefined, maxResults: 10 }
   */
  get paging(): { startPosition: number | undefined; maxResults: number | undefined } {
    return { startPosition: this.#state.startPosition, maxResults: this.#state.maxResults }
  }

  /**
   * True when an ORDERBY clause was given.
   * @example
   * select('Customer').orderBy('Id').isOrdered // true
   */
  get isOrdered(): boolean {
    return this.#state.order.length > 0
  }

  /**
   * Adds `field op value` (ANDed with the other conditions; QBO has no OR). `in` takes a non-empty list.
   *
   * @example
   * select('Customer').where('Active', 'in', [true, false]).where('DisplayName', '=', "Adam's Candy Shop")
   */
  where<F extends FilterableField<E>, O extends OperatorFor<FieldKindOf<E, F>>>(
    field: F,
    op: O,
    value: O extends 'in' ? readonly ValueFor<FieldKindOf<E, F>>[] : ValueFor<FieldKindOf<E, F>>,
  ): QueryBuilder<E> {
    const { entity } = this.#state
    const spec = fieldSpec(entity, field)
    if (!spec?.filter)
      throw new QboQueryBuildError(`property '${String(field)}' of ${entity} is not filterable`)
    if (!OPERATORS[spec.kind].includes(op)) {
      throw new QboQueryBuildError(`operator '${String(op)}' is not supported on ${entity}.${field}`)
    }
    let rhs: string
    if (op === 'in') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new QboQueryBuildError(`'in' on ${entity}.${field} needs a non-empty list`)
      }
      rhs = `(${value.map((v: unknown) => queryLiteral(entity, field, spec.kind, v)).join(',')})`
    } else {
      rhs = queryLiteral(entity, field, spec.kind, value)
    }
    const condition = `${field} ${op === 'in' ? 'IN' : op === 'like' ? 'LIKE' : op} ${rhs}`
    return new QueryBuilder<E>({ ...this.#state, conditions: [...this.#state.conditions, condition] })
  }

  /**
   * Matches rows whose `field` contains `text` (a `LIKE '%text%'`, case-insensitive at QBO). QBO's LIKE has no
   * escape for `%`, so text containing `%` is refused rather than silently turned into a wildcard.
   *
   * @example
   * select('Customer').contains('DisplayName', 'Diner')
   */
  contains<F extends StringField<E>>(field: F, text: string): QueryBuilder<E> {
    return this.#likeHelper(field, text, (t) => `%${t}%`)
  }

  /**
   * Matches rows whose `field` starts with `text` (`LIKE 'text%'`); `%` in `text` is refused, as in {@link contains}.
   *
   * @example
   * select('Customer').startsWith('DisplayName', 'Red')
   */
  startsWith<F extends StringField<E>>(field: F, text: string): QueryBuilder<E> {
    return this.#likeHelper(field, text, (t) => `${t}%`)
  }

  #likeHelper(field: string, text: string, pattern: (t: string) => string): QueryBuilder<E> {
    if (typeof text !== 'string' || text.includes('%')) {
      throw new QboQueryBuildError(
        "LIKE text must be a string without '%' (QBO has no escape for the wildcard)",
      )
    }
    return (this.where as (f: string, o: string, v: string) => QueryBuilder<E>)(field, 'like', pattern(text))
  }

  /**
   * Adds a sort key (ascending by default). Only sortable properties are accepted.
   *
   * @example
   * select('Invoice').orderBy('TxnDate', 'desc').orderBy('Id')
   */
  orderBy(field: SortableField<E>, direction: 'asc' | 'desc' = 'asc'): QueryBuilder<E> {
    const { entity } = this.#state
    if (!fieldSpec(entity, field)?.sort)
      throw new QboQueryBuildError(`property '${field}' of ${entity} is not sortable`)
    if (direction !== 'asc' && direction !== 'desc')
      throw new QboQueryBuildError(`bad sort direction '${direction}'`)
    const key = `${field}${direction === 'desc' ? ' DESC' : ''}`
    return new QueryBuilder<E>({ ...this.#state, order: [...this.#state.order, key] })
  }

  /**
   * Sets STARTPOSITION (1-based) and MAXRESULTS (1–1000). Omitted values keep the previous setting.
   *
   * @example
   * select('Customer').page({ startPosition: 101, maxResults: 100 })
   */
  page(page: { startPosition?: number; maxResults?: number }): QueryBuilder<E> {
    const { startPosition = this.#state.startPosition, maxResults = this.#state.maxResults } = page
    if (startPosition !== undefined && !(Number.isInteger(startPosition) && startPosition >= 1)) {
      throw new QboQueryBuildError('startPosition must be an integer ≥ 1 (QBO paging is 1-based)')
    }
    if (
      maxResults !== undefined &&
      !(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= MAX_RESULTS_LIMIT)
    ) {
      throw new QboQueryBuildError(`maxResults must be an integer between 1 and ${MAX_RESULTS_LIMIT}`)
    }
    return new QueryBuilder<E>({ ...this.#state, startPosition, maxResults })
  }

  /**
   * The same filters as a `SELECT COUNT(*)` query (ordering and paging dropped).
   *
   * @example
   * select('Invoice').where('Balance', '>', '0').count().toString() // "SELECT COUNT(*) FROM Invoice WHERE Balance > '0'"
   */
  count(): CountQuery<E> {
    return new CountQuery<E>(this.#state.entity as E, this.#where())
  }

  #where(): string {
    return this.#state.conditions.length > 0 ? ` WHERE ${this.#state.conditions.join(' AND ')}` : ''
  }

  /**
   * The query statement.
   * @example
   * select('Customer').toString() // 'SELECT * FROM Customer'
   */
  toString(): string {
    const { entity, order, startPosition, maxResults } = this.#state
    let sql = `SELECT * FROM ${entity}${this.#where()}`
    if (order.length > 0) sql += ` ORDERBY ${order.join(', ')}`
    if (startPosition !== undefined) sql += ` STARTPOSITION ${startPosition}`
    if (maxResults !== undefined) sql += ` MAXRESULTS ${maxResults}`
    return sql
  }
}

/**
 * String properties of `E` that can be used with LIKE helpers.
 * @example
 * const f: StringField<'Customer'> = 'DisplayName'
 */
export type StringField<E extends QueryEntityName> = {
  [F in FilterableField<E>]: FieldKindOf<E, F> extends 'string' ? F : never
}[FilterableField<E>]

/**
 * A `SELECT COUNT(*)` query; run it with the company client's `count()`.
 *
 * @example
 * const q: CountQuery<'Customer'> = select('Customer').count()
 */
export class CountQuery<E extends QueryEntityName> {
  /** @internal use {@link QueryBuilder.count}. */
  constructor(
    readonly entity: E,
    private readonly whereClause: string,
  ) {}

  /**
   * The statement.
   * @example
   * select('Customer').count().toString() // 'SELECT COUNT(*) FROM Customer'
   */
  toString(): string {
    return `SELECT COUNT(*) FROM ${this.entity}${this.whereClause}`
  }
}

/**
 * Starts a query on `entity` (only known entities are accepted, checked at run time too).
 *
 * @example
 * const open = select('Invoice').where('Balance', '>', '0').orderBy('DueDate')
 */
export function select<E extends QueryEntityName>(entity: E): QueryBuilder<E> {
  if (typeof entity !== 'string' || !isQueryEntity(entity)) {
    throw new QboQueryBuildError(`unknown or unsupported entity '${String(entity)}'`)
  }
  return new QueryBuilder<E>({
    entity,
    conditions: [],
    order: [],
    startPosition: undefined,
    maxResults: undefined,
  })
}

/**
 * A builder for any entity (a union, since builders are invariant in their entity).
 * @example
 * const queries: AnyQueryBuilder[] = [select('Customer'), select('Invoice')]
 */
export type AnyQueryBuilder = { [E in QueryEntityName]: QueryBuilder<E> }[QueryEntityName]

/**
 * True for values made by {@link select}.
 * @example
 * isQueryBuilder(select('Customer')) // true
 */
export function isQueryBuilder(value: unknown): value is AnyQueryBuilder {
  return value instanceof QueryBuilder
}
