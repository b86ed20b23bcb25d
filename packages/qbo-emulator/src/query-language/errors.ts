/**
 * The two query faults QBO answers with (API-NOTES.md §8): code 4000 "Error parsing query" for syntax
 * (Detail `QueryParserError: …`) and code 4001 "Invalid query" for semantics (Detail `QueryValidationError: …`).
 */

/** The fault code of a query error: `'4000'` for syntax, `'4001'` for semantics. */
export type QueryErrorCode = '4000' | '4001'

/**
 * A query that QBO would reject. CORE turns it into HTTP 400 with a `ValidationFault` envelope.
 *
 * @example
 * try {
 *   parseQuery('select * from Customer where Notes = \'x\'')
 * } catch (err) {
 *   if (err instanceof QueryLanguageError) err.detail // "QueryValidationError: property 'Notes' is not queryable"
 * }
 */
export class QueryLanguageError extends Error {
  override readonly message: 'Error parsing query' | 'Invalid query'

  constructor(
    readonly code: QueryErrorCode,
    readonly detail: string,
  ) {
    const message = code === '4000' ? 'Error parsing query' : 'Invalid query'
    super(message)
    this.message = message
    this.name = 'QueryLanguageError'
  }
}

/** A 4000 fault; `detail` is the text after `QueryParserError: `. */
export function parserError(detail: string): QueryLanguageError {
  return new QueryLanguageError('4000', `QueryParserError: ${detail}`)
}

/** A 4001 fault; `detail` is the text after `QueryValidationError: `. */
export function validationError(detail: string): QueryLanguageError {
  return new QueryLanguageError('4001', `QueryValidationError: ${detail}`)
}
