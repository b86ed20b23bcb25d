/**
 * Hand-written lexer for the QBO query language (API-NOTES.md §3).
 *
 * QBO's parser is JavaCC-generated (its faults read `Encountered " <IDENTIFIER> "R "" at line 1, column 52`,
 * node-quickbooks issue #56), so positions follow JavaCC: 1-based lines and columns counted in UTF-16 code
 * units, `\n`, `\r` and `\r\n` each end a line, and a tab counts as one column.
 *
 * String literals are single-quoted. A backslash makes the next character literal, whatever it is:
 * `\'` → `'`, `\\` → `\`, `\%` → `%`, `\n` → the letter `n` (not a newline). Raw control characters and
 * newlines may appear inside the quotes unchanged. So the escaping every client uses (`\` → `\\`, then
 * `'` → `\'`; API-NOTES.md §3 "Escaping an apostrophe") round-trips any Unicode string.
 */
import { parserError, type QueryLanguageError } from './errors'

/** Words the grammar reserves; they can never be entity or property names (QBO rejects `from NULL`). */
export type Keyword =
  | 'and'
  | 'asc'
  | 'by'
  | 'count'
  | 'current_date'
  | 'desc'
  | 'false'
  | 'from'
  | 'in'
  | 'like'
  | 'maxresults'
  | 'not'
  | 'null'
  | 'or'
  | 'order'
  | 'orderby'
  | 'select'
  | 'startposition'
  | 'true'
  | 'where'

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
  'and',
  'asc',
  'by',
  'count',
  'current_date',
  'desc',
  'false',
  'from',
  'in',
  'like',
  'maxresults',
  'not',
  'null',
  'or',
  'order',
  'orderby',
  'select',
  'startposition',
  'true',
  'where',
])

export type TokenKind = 'keyword' | 'identifier' | 'string' | 'integer' | 'decimal' | 'symbol' | 'eof'

/**
 * One token. Symbols are `* ( ) , . = < > <= >=` plus `!=` and `<>`, which are lexed only so that the
 * parser can reject them with a clear "Encountered" message.
 */
export interface Token {
  kind: TokenKind
  /** The source text of the token (for keywords, as written, e.g. `SELECT`). */
  image: string
  /** Keywords: the lower-case keyword; symbols: the symbol; strings: the unescaped value; numbers: the text. */
  value: string
  line: number
  column: number
}

/** JavaCC's `addEscapes`, used in every fault Detail that quotes source text. */
export function addEscapes(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const code = text.charCodeAt(i)
    if (ch === '\b') out += '\\b'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\f') out += '\\f'
    else if (ch === '\r') out += '\\r'
    else if (ch === '"') out += '\\"'
    else if (ch === "'") out += "\\'"
    else if (ch === '\\') out += '\\\\'
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return out
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c)
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12

/**
 * A lexer that reads one token per `next()` call, like JavaCC's token manager: a parse error earlier in the
 * text is reported before a lexical error later in it (QBO reports `'Cutlery 'R Us'` as an unexpected
 * `<IDENTIFIER> "R"`, node-quickbooks issue #56, not as the unterminated literal at its end).
 * `next()` throws a 4000 fault in QBO's "Invalid content. Lexical error" form
 * (pbrink231/quickbooks-node-promise #1) for a character no token can start with, or an unterminated string;
 * after the last token it keeps returning an `eof` token.
 */
export function createLexer(text: string): { next(): Token } {
  let i = 0
  let line = 1
  let column = 1
  // Advances over text[i], keeping line/column as JavaCC does (\r\n is one line break).
  const advance = (): void => {
    const c = text.charCodeAt(i)
    i++
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) {
      line++
      column = 1
    } else if (c !== 13) {
      column++
    }
  }
  return { next }

  function next(): Token {
    while (i < text.length && isSpace(text.charCodeAt(i))) advance()
    const start = i
    const startLine = line
    const startColumn = column
    const token = (kind: TokenKind, value: string): Token => ({
      kind,
      image: text.slice(start, i),
      value,
      line: startLine,
      column: startColumn,
    })
    if (i >= text.length) return token('eof', '')
    const c = text.charCodeAt(i)
    if (isIdentStart(c)) {
      while (i < text.length && isIdentPart(text.charCodeAt(i))) advance()
      const lower = text.slice(start, i).toLowerCase()
      return KEYWORDS.has(lower) ? token('keyword', lower) : token('identifier', text.slice(start, i))
    }
    if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      advance()
      while (i < text.length && isDigit(text.charCodeAt(i))) advance()
      let kind: TokenKind = 'integer'
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        kind = 'decimal'
        advance()
        while (i < text.length && isDigit(text.charCodeAt(i))) advance()
      }
      return token(kind, text.slice(start, i))
    }
    if (c === 39) {
      const value = readString()
      return token('string', value)
    }
    const two = text.slice(i, i + 2)
    if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
      advance()
      advance()
      return token('symbol', two)
    }
    if ('*(),.=<>'.includes(text[i]!)) {
      advance()
      return token('symbol', text[start]!)
    }
    throw lexicalError(line, column, text[i]!, '')
  }

  function readString(): string {
    const quoteStart = i
    advance() // opening quote
    let value = ''
    let chunkStart = i
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 39) {
        value += text.slice(chunkStart, i)
        advance()
        return value
      }
      if (c === 92) {
        value += text.slice(chunkStart, i)
        advance()
        if (i >= text.length) break
        chunkStart = i
      }
      advance()
    }
    // JavaCC reports an unterminated literal as end of input after everything read since the quote.
    throw lexicalError(line, column, undefined, text.slice(quoteStart))
  }
}

/** All tokens of `text`, ending with one `eof` token (throws on the first lexical error). */
export function tokenize(text: string): Token[] {
  const lexer = createLexer(text)
  const tokens = [lexer.next()]
  while (tokens[tokens.length - 1]!.kind !== 'eof') tokens.push(lexer.next())
  return tokens
}

/** JavaCC's TokenMgrError text, prefixed as QBO prefixes it. `ch` undefined means end of input. */
function lexicalError(
  line: number,
  column: number,
  ch: string | undefined,
  after: string,
): QueryLanguageError {
  const encountered = ch === undefined ? '<EOF> ' : `"${addEscapes(ch)}" (${ch.charCodeAt(0)}), `
  return parserError(
    `Invalid content. Lexical error at line ${line}, column ${column}.  Encountered: ${encountered}after : "${addEscapes(after)}"`,
  )
}
