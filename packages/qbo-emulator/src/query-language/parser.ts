/**
 * Recursive-descent parser for
 * `SELECT * | COUNT(*) | <fields> FROM <Entity> [WHERE c [AND c]…] [ORDERBY p [ASC|DESC][, …]]
 *  [STARTPOSITION n] [MAXRESULTS n]` (API-NOTES.md §3).
 *
 * It checks syntax only and keeps names as written; `validate.ts` resolves them against the entity schema.
 * Anything outside the grammar (OR, NOT, `!=`, `<>`, subqueries, GROUP BY, clauses out of order) is a 4000
 * fault whose Detail mimics QBO's JavaCC message, including the alphabetical "Was expecting one of" list.
 */
import { parserError, type QueryLanguageError } from './errors'
import { addEscapes, createLexer, type Token } from './lexer'

/** A comparison operator of the grammar. */
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE'

/** A literal as written: its meaning depends on the property it is compared with. */
export type RawLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'currentDate' }

export interface RawCondition {
  property: string
  op: Operator
  values: RawLiteral[]
}

export type Projection = { kind: 'all' } | { kind: 'count' } | { kind: 'fields'; fields: string[] }

export interface QueryAst {
  projection: Projection
  entity: string
  where: RawCondition[]
  orderBy: Array<{ property: string; direction: 'ASC' | 'DESC' }>
  startPosition: number | undefined
  maxResults: number | undefined
}

const EOF = '<EOF>'
const IDENTIFIER = '<IDENTIFIER>'
const STRING = '<STRING_LITERAL>'
const INTEGER = '<INTEGER_LITERAL>'
const DECIMAL = '<DECIMAL_LITERAL>'
const kw = (word: string): string =>
  word === 'and' || word === 'or' ? `<${word.toUpperCase()}>` : `"${word}"`
const OPERATORS = ['"<"', '"<="', '"="', '">"', '">="', kw('in'), kw('like')]
const VALUES = [STRING, INTEGER, DECIMAL, kw('true'), kw('false'), kw('current_date')]

/** How JavaCC names a token in "Encountered …". */
function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return EOF
    case 'keyword':
      return ` ${kw(token.value)} "${addEscapes(token.image)} "`
    case 'symbol':
      return ` "${token.value}" "${addEscapes(token.image)} "`
    case 'identifier':
      return ` ${IDENTIFIER} "${addEscapes(token.image)} "`
    case 'string':
      return ` ${STRING} "${addEscapes(token.image)} "`
    case 'integer':
      return ` ${INTEGER} "${addEscapes(token.image)} "`
    case 'decimal':
      return ` ${DECIMAL} "${addEscapes(token.image)} "`
  }
}

const bare = (image: string): string => (image === EOF ? '' : image.replace(/^[<"]|[>"]$/g, '').toLowerCase())

function unexpected(token: Token, expected: string[]): QueryLanguageError {
  const sorted = [...new Set(expected)].sort((a, b) => (bare(a) < bare(b) ? -1 : bare(a) > bare(b) ? 1 : 0))
  const list = sorted.map((e) => (e === EOF ? `${EOF} \n    ` : `${e} ...\n    `)).join('')
  const heading = sorted.length === 1 ? 'Was expecting:' : 'Was expecting one of:'
  return parserError(
    `Encountered "${describe(token)}" at line ${token.line}, column ${token.column}.\n${heading}\n    ${list}`,
  )
}

/**
 * Parses the text of a query into an AST. Throws a 4000 `QueryLanguageError` on any syntax error.
 */
export function parseAst(text: string): QueryAst {
  // Tokens are read lazily so that, as in QBO, the first syntax error wins over a later lexical one.
  const lexer = createLexer(text)
  const tokens: Token[] = []
  let pos = 0
  const peek = (): Token => {
    while (tokens.length <= pos) tokens.push(lexer.next())
    return tokens[pos]!
  }
  const isKeyword = (word: string): boolean => peek().kind === 'keyword' && peek().value === word
  const isSymbol = (symbol: string): boolean => peek().kind === 'symbol' && peek().value === symbol
  const next = (): Token => {
    const token = peek()
    pos++
    return token
  }
  const expectKeyword = (word: string, expected: string[] = [kw(word)]): void => {
    if (!isKeyword(word)) throw unexpected(peek(), expected)
    pos++
  }
  const expectSymbol = (symbol: string): void => {
    if (!isSymbol(symbol)) throw unexpected(peek(), [`"${symbol}"`])
    pos++
  }
  // A property path: IDENT ('.' IDENT)*, e.g. MetaData.LastUpdatedTime.
  const path = (): string => {
    if (peek().kind !== 'identifier') throw unexpected(peek(), [IDENTIFIER])
    let name = next().image
    while (isSymbol('.')) {
      pos++
      if (peek().kind !== 'identifier') throw unexpected(peek(), [IDENTIFIER])
      name += `.${next().image}`
    }
    return name
  }

  expectKeyword('select')
  const projection = parseProjection()
  expectKeyword('from', projection.kind === 'fields' ? [kw('from'), '","', '"."'] : [kw('from')])
  if (peek().kind !== 'identifier') throw unexpected(peek(), [IDENTIFIER])
  const entity = next().image

  const where: RawCondition[] = []
  if (isKeyword('where')) {
    pos++
    where.push(parseCondition())
    while (isKeyword('and')) {
      pos++
      where.push(parseCondition())
    }
  }
  const orderBy: QueryAst['orderBy'] = []
  if (isKeyword('orderby') || isKeyword('order')) {
    // `ORDER BY` is accepted too: QBO's own parser lists an "order" token next to "orderby"
    // (fault text quoted in node-quickbooks issue #56); API-NOTES.md §3 calls it unverified.
    if (next().value === 'order') expectKeyword('by')
    orderBy.push(sortKey())
    while (isSymbol(',')) {
      pos++
      orderBy.push(sortKey())
    }
  }
  let startPosition: number | undefined
  if (isKeyword('startposition')) {
    pos++
    startPosition = integer()
  }
  let maxResults: number | undefined
  if (isKeyword('maxresults')) {
    pos++
    maxResults = integer()
  }
  if (peek().kind !== 'eof') {
    const expected = [EOF]
    if (maxResults === undefined) expected.push(kw('maxresults'))
    if (startPosition === undefined && maxResults === undefined) expected.push(kw('startposition'))
    if (startPosition === undefined && maxResults === undefined) {
      if (orderBy.length > 0) expected.push('","', '"."', kw('asc'), kw('desc'))
      else {
        expected.push(kw('order'), kw('orderby'))
        if (where.length > 0) expected.push(kw('and'))
        else expected.push(kw('where'))
      }
    }
    throw unexpected(peek(), expected)
  }
  return { projection, entity, where, orderBy, startPosition, maxResults }

  function parseProjection(): Projection {
    if (isSymbol('*')) {
      pos++
      return { kind: 'all' }
    }
    if (isKeyword('count')) {
      pos++
      expectSymbol('(')
      expectSymbol('*')
      expectSymbol(')')
      return { kind: 'count' }
    }
    if (peek().kind !== 'identifier') throw unexpected(peek(), ['"*"', kw('count'), IDENTIFIER])
    const fields = [path()]
    while (isSymbol(',')) {
      pos++
      fields.push(path())
    }
    return { kind: 'fields', fields }
  }

  function sortKey(): QueryAst['orderBy'][number] {
    const property = path()
    let direction: 'ASC' | 'DESC' = 'ASC'
    if (isKeyword('asc') || isKeyword('desc')) direction = next().value === 'desc' ? 'DESC' : 'ASC'
    return { property, direction }
  }

  function parseCondition(): RawCondition {
    const property = path()
    const token = peek()
    if (token.kind === 'keyword' && (token.value === 'in' || token.value === 'like')) {
      pos++
      if (token.value === 'like') {
        if (peek().kind !== 'string') throw unexpected(peek(), [STRING])
        return { property, op: 'LIKE', values: [{ kind: 'string', value: next().value }] }
      }
      expectSymbol('(')
      const values = [literal()]
      while (isSymbol(',')) {
        pos++
        values.push(literal())
      }
      if (!isSymbol(')')) throw unexpected(peek(), ['")"', '","'])
      pos++
      return { property, op: 'IN', values }
    }
    if (token.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(token.value)) {
      pos++
      return { property, op: token.value as Operator, values: [literal()] }
    }
    throw unexpected(token, [...OPERATORS, '"."'])
  }

  function literal(): RawLiteral {
    const token = peek()
    if (token.kind === 'string') {
      pos++
      return { kind: 'string', value: token.value }
    }
    if (token.kind === 'integer' || token.kind === 'decimal') {
      pos++
      return { kind: 'number', text: token.value }
    }
    if (token.kind === 'keyword' && (token.value === 'true' || token.value === 'false')) {
      pos++
      return { kind: 'boolean', value: token.value === 'true' }
    }
    if (token.kind === 'keyword' && token.value === 'current_date') {
      pos++
      return { kind: 'currentDate' }
    }
    throw unexpected(token, VALUES)
  }

  function integer(): number {
    if (peek().kind !== 'integer') throw unexpected(peek(), [INTEGER])
    return Number(next().value)
  }
}
