import { parseQuery } from '@ledgerlink/qbo-emulator'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { select } from '../src'

// Characters that break naive escaping: quotes, backslashes, LIKE's wildcard, line breaks, control
// characters, lone surrogates and astral code points.
const SPECIAL = [
  "'",
  '\\',
  "\\'",
  "''",
  '%',
  '_',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '"',
  '\uD800',
  '😀',
  ' ',
]

const text = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 40,
})

function literalsOf(statement: string) {
  const parsed = parseQuery(statement)
  return {
    parsed,
    values: parsed.where.map((c) => c.values.map((v) => ('value' in v ? v.value : undefined))),
  }
}

describe('query builder escaping (parsed by the emulator’s QBO query parser)', () => {
  it('never yields a literal that differs from the input string', () => {
    fc.assert(
      fc.property(text, (value) => {
        const { parsed, values } = literalsOf(select('Customer').where('DisplayName', '=', value).toString())
        expect(parsed.entity).toBe('Customer')
        expect(parsed.where).toHaveLength(1)
        expect(parsed.where[0]?.property.name).toBe('DisplayName')
        expect(values).toEqual([[value]])
      }),
      { numRuns: 2_000 },
    )
  })

  it('keeps IN lists and several conditions intact, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), text, (ids, docNumber) => {
        const statement = select('Invoice')
          .where('CustomerRef', 'in', ids)
          .where('DocNumber', '=', docNumber)
          .orderBy('TxnDate', 'desc')
          .page({ startPosition: 1, maxResults: 10 })
          .toString()
        const { parsed, values } = literalsOf(statement)
        expect(values).toEqual([ids, [docNumber]])
        expect(parsed.orderBy.map((s) => [s.property.name, s.direction])).toEqual([['TxnDate', 'DESC']])
        expect(parsed.maxResults).toBe(10)
      }),
      { numRuns: 500 },
    )
  })

  it('builds LIKE patterns whose literal is exactly % + text + %', () => {
    fc.assert(
      fc.property(
        text.filter((t) => !t.includes('%')),
        (value) => {
          const { values } = literalsOf(select('Customer').contains('DisplayName', value).toString())
          expect(values).toEqual([[`%${value}%`]])
        },
      ),
      { numRuns: 500 },
    )
  })
})
