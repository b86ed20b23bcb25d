/**
 * Property: any Unicode string, escaped the way clients escape it (`\` → `\\`, then `'` → `\'`), parses
 * back to exactly that string and selects exactly the rows whose DisplayName equals it case-insensitively
 * (String.prototype.toLowerCase on both sides), never a near miss.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery, type QboObject, runQuery } from './index'

const escapeLiteral = (value: string): string => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")

const SPECIAL = [
  "'",
  '\\',
  '%',
  '_',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  ' ',
  '"',
  'İ',
  'ß',
  'Σ',
  '\uD800',
  '😀',
]

const text = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 24,
})

function nearMisses(value: string): string[] {
  return [
    value,
    value.toUpperCase(),
    value.toLowerCase(),
    `${value} `,
    ` ${value}`,
    `${value}'`,
    `\\${value}`,
    `${value}\\`,
    value.slice(1),
    value.slice(0, -1),
    value.replace(/'/g, "''"),
    value.replace(/\\/g, '\\\\'),
    value.replace(/%/g, ''),
    escapeLiteral(value),
    `${value}%`,
    '',
    ' ',
  ]
}

function rowsFor(value: string, others: string[]): QboObject[] {
  const names = [...nearMisses(value), ...others]
  const rows: QboObject[] = names.map((name, i) => ({ Id: String(i + 1), DisplayName: name, Active: true }))
  rows.push({ Id: String(names.length + 1), Active: true }) // no DisplayName at all
  return rows
}

function expectedIds(value: string, rows: QboObject[]): string[] {
  const lower = value.toLowerCase()
  return rows
    .filter(
      (row) =>
        typeof row.DisplayName === 'string' ? row.DisplayName.toLowerCase() === lower : value === ' ', // ' ' is QBO's null literal: it also matches an absent value
    )
    .map((row) => row.Id as string)
}

describe('escaped string literals', () => {
  it('parse back to exactly the original string', () => {
    fc.assert(
      fc.property(text, (value) => {
        const query = parseQuery(`select * from Customer where DisplayName = '${escapeLiteral(value)}'`)
        expect(query.where[0]?.values).toEqual([{ kind: 'text', value }])
      }),
      { numRuns: 400 },
    )
  })

  it('select exactly the rows whose DisplayName equals them case-insensitively', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 5 }), (value, others) => {
        const rows = rowsFor(value, others)
        const result = runQuery(
          parseQuery(`select * from Customer where DisplayName = '${escapeLiteral(value)}' maxresults 1000`),
          rows,
        )
        if (result.kind !== 'rows') throw new Error('expected rows')
        expect(result.rows.map((r) => r.Id)).toEqual(expectedIds(value, rows))
      }),
      { numRuns: 300 },
    )
  })

  it('select the same rows through IN as through =', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (value, others) => {
        const rows = rowsFor(value, others)
        const viaIn = runQuery(
          parseQuery(
            `select * from Customer where DisplayName IN ('${escapeLiteral(value)}') maxresults 1000`,
          ),
          rows,
        )
        if (viaIn.kind !== 'rows') throw new Error('expected rows')
        expect(viaIn.rows.map((r) => r.Id)).toEqual(expectedIds(value, rows))
      }),
      { numRuns: 150 },
    )
  })

  it('select through LIKE without % exactly what = selects, ignoring the null literal', () => {
    fc.assert(
      fc.property(
        text.filter((v) => !v.includes('%') && v !== ' '),
        (value) => {
          const rows = rowsFor(value, [])
          const viaLike = runQuery(
            parseQuery(
              `select * from Customer where DisplayName LIKE '${escapeLiteral(value)}' maxresults 1000`,
            ),
            rows,
          )
          if (viaLike.kind !== 'rows') throw new Error('expected rows')
          expect(viaLike.rows.map((r) => r.Id)).toEqual(expectedIds(value, rows))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('treat a LIKE pattern with % as "contains the pieces in order", never matching a near miss wrongly', () => {
    fc.assert(
      fc.property(
        text.filter((v) => !v.includes('%')),
        text.filter((v) => !v.includes('%')),
        (a, b) => {
          const rows = rowsFor(`${a}x${b}`, [a, b])
          const result = runQuery(
            parseQuery(
              `select * from Customer where DisplayName LIKE '${escapeLiteral(a)}%${escapeLiteral(b)}' maxresults 1000`,
            ),
            rows,
          )
          if (result.kind !== 'rows') throw new Error('expected rows')
          const la = a.toLowerCase()
          const lb = b.toLowerCase()
          const expected = rows
            .filter((row) => {
              if (typeof row.DisplayName !== 'string') return false
              const name = row.DisplayName.toLowerCase()
              return name.length >= la.length + lb.length && name.startsWith(la) && name.endsWith(lb)
            })
            .map((row) => row.Id)
          expect(result.rows.map((r) => r.Id)).toEqual(expected)
        },
      ),
      { numRuns: 150 },
    )
  })
})
