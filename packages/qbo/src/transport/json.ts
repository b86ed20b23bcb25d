/**
 * JSON codec that keeps QBO amounts exact. QBO sends amounts as JSON numbers (`"TotalAmt": 362.07`, API-NOTES §1);
 * `JSON.parse` would turn them into binary floats. This parser reads the numeric literal of every amount-like
 * key straight from the source text and returns it as a decimal string, and the serializer writes those strings
 * back as bare JSON numbers, so nothing is ever rounded on the way in or out.
 */

/**
 * Keys whose numeric values are amounts, quantities, rates or percentages. Integers that are counts or
 * positions (`LineNum`, `startPosition`, `maxResults`, `totalCount`, `expires_in`) stay JS numbers.
 */
export const DECIMAL_KEYS: ReadonlySet<string> = new Set([
  'Amount',
  'Balance',
  'BalanceWithJobs',
  'DiscountAmount',
  'DiscountPercent',
  'Deposit',
  'ExchangeRate',
  'HomeAmount',
  'HomeBalance',
  'HomeTotalAmt',
  'NetAmountTaxable',
  'OpenBalance',
  'PurchaseCost',
  'Qty',
  'QtyOnHand',
  'TaxPercent',
  'TotalAmt',
  'TotalTax',
  'UnappliedAmt',
  'UnitPrice',
])

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// Raw control characters are rejected by the JSON.parse call that decodes each matched string.
const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const WHITESPACE = /[ \t\n\r]*/y

/** Expands an exponent form (`1.5e3`) into plain decimal notation (`1500`); plain literals pass unchanged. */
export function plainDecimal(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(literal)
  if (!match) return literal
  const [, sign = '', int = '', frac = '', exp = '0'] = match
  const digits = int + frac
  const point = int.length + Number(exp)
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0')
  const at = Math.max(point, 1)
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const rest = padded.slice(at)
  return `${sign}${whole}${rest ? `.${rest}` : ''}`
}

const JSON_SPACE = '[ \\t\\n\\r]*'
const DECIMAL_KEY_ALTERNATIVES = [...DECIMAL_KEYS].join('|')
/**
 * An amount member: `{` or `,`, the key, `:` and a number followed by `,` or `}`. Inside a JSON string every
 * quote is escaped, so `{"Key":` or `,"Key":` with bare quotes can only be a real member of an object.
 */
const DECIMAL_MEMBER = new RegExp(
  `([{,]${JSON_SPACE})"(${DECIMAL_KEY_ALTERNATIVES})"(${JSON_SPACE}:${JSON_SPACE})(-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?=${JSON_SPACE}[,}])`,
  'g',
)
/** An amount key holding an array: rare, and left to the exact parser, which decodes every element. */
const DECIMAL_ARRAY = new RegExp(`"(?:${DECIMAL_KEY_ALTERNATIVES})"${JSON_SPACE}:${JSON_SPACE}\\[`)

/**
 * Parses JSON text; numbers under {@link DECIMAL_KEYS} become exact decimal strings.
 *
 * The usual path quotes every amount literal in the text and lets the engine's `JSON.parse` do the rest
 * (about ten times faster than a parser written in JavaScript on a 300-document answer); malformed text and
 * amount arrays go through the exact parser, which also gives the position of a syntax error.
 *
 * @example
 * parseQboJson('{"TotalAmt": 362.07, "LineNum": 1}') // { TotalAmt: '362.07', LineNum: 1 }
 */
export function parseQboJson(text: string): unknown {
  if (!DECIMAL_ARRAY.test(text)) {
    const quoted = text.replace(
      DECIMAL_MEMBER,
      (_match, before: string, key: string, colon: string, literal: string) =>
        `${before}"${key}"${colon}"${plainDecimal(literal)}"`,
    )
    try {
      return JSON.parse(quoted)
    } catch {
      // Fall through: the exact parser names what is wrong and where.
    }
  }
  return parseQboJsonExactly(text)
}

/**
 * The exact, character-by-character parser behind {@link parseQboJson}: numbers under {@link DECIMAL_KEYS}
 * (also inside arrays) become decimal strings; errors carry their position.
 *
 * @example
 * parseQboJsonExactly('{"Amount": [1.5, 2]}') // { Amount: ['1.5', '2'] }
 */
export function parseQboJsonExactly(text: string): unknown {
  let pos = 0
  const fail = (what: string): never => {
    throw new SyntaxError(`Invalid JSON: ${what} at position ${pos}`)
  }
  const skip = () => {
    WHITESPACE.lastIndex = pos
    WHITESPACE.exec(text)
    pos = WHITESPACE.lastIndex
  }
  const readString = (): string => {
    STRING.lastIndex = pos
    const m = STRING.exec(text)
    if (!m) return fail('bad string')
    pos = STRING.lastIndex
    return JSON.parse(m[0]) as string
  }
  const value = (key: string | undefined): unknown => {
    skip()
    const ch = text[pos]
    if (ch === '{') {
      pos++
      const obj: Record<string, unknown> = {}
      skip()
      if (text[pos] === '}') {
        pos++
        return obj
      }
      for (;;) {
        skip()
        const k = readString()
        skip()
        if (text[pos++] !== ':') fail("expected ':'")
        const v = value(k)
        // defineProperty keeps a "__proto__" key as plain data instead of changing the prototype.
        Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true })
        skip()
        const sep = text[pos++]
        if (sep === '}') return obj
        if (sep !== ',') fail("expected ',' or '}'")
      }
    }
    if (ch === '[') {
      pos++
      const arr: unknown[] = []
      skip()
      if (text[pos] === ']') {
        pos++
        return arr
      }
      for (;;) {
        arr.push(value(key))
        skip()
        const sep = text[pos++]
        if (sep === ']') return arr
        if (sep !== ',') fail("expected ',' or ']'")
      }
    }
    if (ch === '"') return readString()
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length
        return v
      }
    }
    NUMBER.lastIndex = pos
    const m = NUMBER.exec(text)
    if (!m) return fail('unexpected token')
    pos = NUMBER.lastIndex
    return key !== undefined && DECIMAL_KEYS.has(key) ? plainDecimal(m[0]) : Number(m[0])
  }
  const result = value(undefined)
  skip()
  if (pos !== text.length) fail('trailing characters')
  return result
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/

/**
 * Serializes a value to JSON; decimal strings under {@link DECIMAL_KEYS} are written as bare JSON numbers.
 * A non-decimal string under such a key is a caller error and throws a `TypeError` before any request.
 *
 * @example
 * stringifyQboJson({ TotalAmt: '10.50', DocNumber: '1001' }) // '{"TotalAmt":10.50,"DocNumber":"1001"}'
 */
export function stringifyQboJson(value: unknown): string {
  const write = (v: unknown, key: string | undefined): string | undefined => {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined
    if (key !== undefined && DECIMAL_KEYS.has(key) && typeof v === 'string') {
      if (!DECIMAL.test(v))
        throw new TypeError(`${key} must be a decimal string like "12.50", got ${JSON.stringify(v)}`)
      return v
    }
    if (Array.isArray(v)) return `[${v.map((item) => write(item, key) ?? 'null').join(',')}]`
    if (v !== null && typeof v === 'object') {
      const parts: string[] = []
      for (const [k, item] of Object.entries(v)) {
        const s = write(item, k)
        if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`)
      }
      return `{${parts.join(',')}}`
    }
    return JSON.stringify(v)
  }
  return write(value, undefined) ?? 'null'
}
