/**
 * The QBO query language: `parseQuery` checks a statement (4000/4001 faults) and `runQuery` filters, sorts
 * and pages an entity's rows with it. Semantics and the choices made where QBO's behaviour is unverified
 * are described on each export and in API-NOTES.md §3.
 */
import { parseAst } from './parser'
import { type ParsedQuery, validateQuery } from './validate'

export {
  type EntitySchema,
  entitySchema,
  type PropertySchema,
  type PropertyType,
  QUERY_ENTITIES,
  type QueryEntity,
  resolveEntity,
} from './entity-schema'
export { QueryLanguageError } from './errors'
export { type QboObject, type QueryResult, type RunQueryOptions, runQuery } from './evaluate'
export { DEFAULT_MAX_RESULTS, MAX_RESULTS_LIMIT, type ParsedQuery } from './validate'

/**
 * Parses and validates a query statement.
 *
 * - Keywords, entity and property names are case-insensitive; the result carries canonical names.
 * - `ORDER BY` (two words) is accepted as well as `ORDERBY`.
 * - A field list (`select Id, DisplayName from Customer`) is accepted, and rows come back whole: Intuit's
 *   query guides state that projections are not supported and every property is returned (2017 and 2023
 *   Intuit blogs); API-NOTES.md §3's "sparse: true" belief is unverified.
 * - STARTPOSITION defaults to 1, MAXRESULTS to 100 and is capped at 1000; values below 1 are a 4001 fault.
 *
 * @throws QueryLanguageError code '4000' for syntax errors, '4001' for semantic ones.
 * @example
 * const query = parseQuery("select * from customer where displayname like 'amy%' orderby Id desc maxresults 10")
 * query.entity // 'Customer'
 * query.where[0]?.property.name // 'DisplayName'
 * query.implicitActive // true: inactive customers are excluded unless the query filters on Active
 */
export function parseQuery(text: string): ParsedQuery {
  return validateQuery(parseAst(text), text)
}
