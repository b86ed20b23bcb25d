import { describe, expect, it } from 'vitest'
import { QueryLanguageError } from './errors'
import { addEscapes, tokenize } from './lexer'

const stringValue = (literal: string): string => {
  const [token] = tokenize(literal)
  expect(token?.kind).toBe('string')
  return token!.value
}

function lexFault(text: string): QueryLanguageError {
  try {
    tokenize(text)
  } catch (err) {
    if (err instanceof QueryLanguageError) return err
    throw err
  }
  throw new Error(`expected a lexical error for ${text}`)
}

describe('tokenize', () => {
  it('reads keywords case-insensitively and keeps identifiers as written', () => {
    const tokens = tokenize('SeLeCt * FROM cUstomer')
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['keyword', 'select'],
      ['symbol', '*'],
      ['keyword', 'from'],
      ['identifier', 'cUstomer'],
      ['eof', ''],
    ])
  })

  it('unescapes a backslash-quote and a double backslash', () => {
    expect(stringValue("'Adam\\'s Candy Shop'")).toBe("Adam's Candy Shop")
    expect(stringValue("'C:\\\\temp\\\\'")).toBe('C:\\temp\\')
    expect(stringValue("'\\\\\\''")).toBe("\\'")
  })

  it('treats a backslash before any other character as making that character literal', () => {
    expect(stringValue("'a\\nb'")).toBe('anb')
    expect(stringValue("'100\\%'")).toBe('100%')
  })

  it('keeps raw newlines, control characters and non-ASCII text inside quotes', () => {
    expect(stringValue("'line1\nline2\r\n\t\u0000é😀'")).toBe('line1\nline2\r\n\t\u0000é😀')
    expect(stringValue("''")).toBe('')
    expect(stringValue("' '")).toBe(' ')
  })

  it('lexes integers, negative numbers and decimals', () => {
    expect(tokenize('12 -3 4.50').map((t) => [t.kind, t.value])).toEqual([
      ['integer', '12'],
      ['integer', '-3'],
      ['decimal', '4.50'],
      ['eof', ''],
    ])
  })

  it('lexes two-character operators, including the rejected != and <>', () => {
    expect(tokenize('<= >= != <> < > =').map((t) => t.value)).toEqual([
      '<=',
      '>=',
      '!=',
      '<>',
      '<',
      '>',
      '=',
      '',
    ])
  })

  it('counts lines and 1-based columns, with \\r\\n as one line break', () => {
    const tokens = tokenize("select\r\n  *\nfrom 'a\nb' x")
    expect(tokens.map((t) => [t.line, t.column])).toEqual([
      [1, 1],
      [2, 3],
      [3, 1],
      [3, 6],
      [4, 4],
      [4, 5],
    ])
  })

  it('reports an unknown character in QBO lexical-error form', () => {
    const err = lexFault('select * from Customer where Balance > 5;')
    expect(err.code).toBe('4000')
    expect(err.message).toBe('Error parsing query')
    expect(err.detail).toBe(
      'QueryParserError: Invalid content. Lexical error at line 1, column 41.  Encountered: ";" (59), after : ""',
    )
  })

  it('reports an unterminated string as end of input after the partial literal', () => {
    const err = lexFault("x = 'ab\\'c")
    expect(err.code).toBe('4000')
    expect(err.detail).toBe(
      'QueryParserError: Invalid content. Lexical error at line 1, column 11.  Encountered: <EOF> after : "\\\'ab\\\\\\\'c"',
    )
  })

  it('rejects double-quoted strings', () => {
    expect(lexFault('x = "abc"').detail).toContain('Encountered: "\\"" (34)')
  })
})

describe('addEscapes', () => {
  it('escapes quotes, backslashes, control and non-ASCII characters as JavaCC does', () => {
    expect(addEscapes('a\'b"c\\d\ne\u0001é')).toBe('a\\\'b\\"c\\\\d\\ne\\u0001\\u00e9')
  })
})
