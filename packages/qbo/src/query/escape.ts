/**
 * Escapes a value for a single-quoted QBO query literal.
 *
 * QBO's query language escapes with a backslash, not by doubling: `'Adam\'s Candy Shop'` (API-NOTES §3,
 * confirmed by Intuit's 2014 blog and every major SDK). A backslash is itself the escape character, so it
 * must be doubled *first*; otherwise `O\'` in user input would become `O\\'`, closing the literal early and
 * letting the rest of the input be read as query text. Everything else — `%`, newlines, control characters,
 * any Unicode — is passed through unchanged inside the quotes.
 *
 * @example
 * escapeQueryLiteral("Adam's \\ Shop") // "Adam\\'s \\\\ Shop"  (i.e. Adam\'s \\ Shop)
 */
export function escapeQueryLiteral(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")
}

/**
 * Quotes and escapes a string literal for a QBO query.
 *
 * @example
 * quoteQueryLiteral("O'Brien") // "'O\\'Brien'"  (i.e. 'O\'Brien')
 */
export function quoteQueryLiteral(value: string): string {
  return `'${escapeQueryLiteral(value)}'`
}
