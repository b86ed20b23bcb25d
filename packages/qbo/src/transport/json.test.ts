import { describe, expect, it } from 'vitest'
import { parseQboJson, plainDecimal, stringifyQboJson } from './json'

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
