import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DECIMAL_KEYS, parseQboJson, parseQboJsonExactly, plainDecimal, stringifyQboJson } from './json'

const fixturesDir = process.env.QBO_FIXTURES_DIR

describe('parseQboJson', () => {
  it('keeps amounts as their exact decimal text and counts as numbers', () => {
    expect(
      parseQboJson(
        '{"Invoice":{"TotalAmt":362.07,"Balance":0.1,"Line":[{"LineNum":1,"Amount":85.0}]},"QueryResponse":{"maxResults":2}}',
      ),
    ).toEqual({
      Invoice: { TotalAmt: '362.07', Balance: '0.1', Line: [{ LineNum: 1, Amount: '85.0' }] },
      QueryResponse: { maxResults: 2 },
    })
  })

  it('keeps digits a float would lose', () => {
    expect(parseQboJson('{"Amount": 12345678901234567.89}')).toEqual({ Amount: '12345678901234567.89' })
  })

  it('agrees with JSON.parse on everything that is not an amount', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n\\"q\\""],"b":{},"c":[]}'
    expect(parseQboJson(text)).toEqual(JSON.parse(text))
  })

  it('keeps a __proto__ key as data', () => {
    const parsed = parseQboJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.keys(parsed)).toEqual(['__proto__'])
  })

  it.each(['{"a":1,}', '{"a" 1}', '[1 2]', '"unterminated', '{"a":1} x', '{"a":"\u0001"}', ''])(
    'rejects malformed JSON %j',
    (text) => {
      expect(() => parseQboJson(text)).toThrow(SyntaxError)
    },
  )

  it('reads amounts held in an array exactly too', () => {
    expect(parseQboJson('{"Amount": [1.50, 2e1], "Line": 1}')).toEqual({ Amount: ['1.50', '20'], Line: 1 })
  })

  it('does not touch amount-like text inside strings', () => {
    const text = '{"Memo":"{\\"Amount\\": 1.5}","PrivateNote":",\\"Balance\\":2","Balance":3.10}'
    expect(parseQboJson(text)).toEqual({
      Memo: '{"Amount": 1.5}',
      PrivateNote: ',"Balance":2',
      Balance: '3.10',
    })
  })

  it('agrees with the exact parser on generated JSON with amounts, strings and nesting', () => {
    const keys = fc.constantFrom(...DECIMAL_KEYS, 'LineNum', 'Name', '__proto__', 'Amount ', 'amount')
    const amount = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat({ max: 9999 }), fc.boolean())
      .map(([whole, cents, exp]) => (exp ? `${whole}e${cents % 3}` : `${whole}.${cents}`))
    const leaf = fc.oneof(
      amount,
      fc.string().map((text) => JSON.stringify(text)),
      fc.constant('null'),
    )
    const member = fc.tuple(keys, leaf, fc.constantFrom('', ' ', '\n  '))
    const object = fc
      .array(member, { maxLength: 6 })
      .map((members) => `{${members.map(([k, v, ws]) => `${ws}"${k}"${ws}:${ws}${v}${ws}`).join(',')}}`)
    const document = fc
      .array(object, { maxLength: 4 })
      .map((objects) => `{"QueryResponse":{"Invoice":[${objects.join(',')}]}}`)
    fc.assert(
      fc.property(document, (text) => {
        expect(parseQboJson(text)).toEqual(parseQboJsonExactly(text))
      }),
      { numRuns: 500 },
    )
  })

  it.skipIf(!fixturesDir)('agrees with the exact parser on every QBO fixture', () => {
    const dir = fixturesDir as string
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8')
      expect(parseQboJson(text), name).toEqual(parseQboJsonExactly(text))
    }
  })

  it('expands exponent forms into plain decimals', () => {
    expect(plainDecimal('1.5e3')).toBe('1500')
    expect(plainDecimal('1.5e-3')).toBe('0.0015')
    expect(plainDecimal('-12e0')).toBe('-12')
    expect(plainDecimal('42.10')).toBe('42.10')
  })
})

describe('stringifyQboJson', () => {
  it('writes amount strings as bare numbers and leaves other strings quoted', () => {
    expect(
      stringifyQboJson({ TotalAmt: '10.50', DocNumber: '1001', Line: [{ Amount: '3' }], skip: undefined }),
    ).toBe('{"TotalAmt":10.50,"DocNumber":"1001","Line":[{"Amount":3}]}')
  })

  it('refuses a non-decimal amount before anything is sent', () => {
    expect(() => stringifyQboJson({ Amount: '1,000' })).toThrow(TypeError)
  })

  it('round-trips through parseQboJson without changing a digit', () => {
    const value = { Payment: { TotalAmt: '0.30', Line: [{ Amount: '0.10' }, { Amount: '0.20' }] } }
    expect(parseQboJson(stringifyQboJson(value))).toEqual(value)
  })
})
