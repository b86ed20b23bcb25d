import { describe, expect, it } from 'vitest'
import { isQboQueryBuildError, QboQueryBuildError } from '../errors'
import { select } from './builder'
import { escapeQueryLiteral } from './escape'

describe('select()', () => {
  it('builds a filtered, ordered, paged invoice query', () => {
    const q = select('Invoice')
      .where('CustomerRef', 'in', ['58', '59'])
      .where('TxnDate', '>=', '2026-01-01')
      .orderBy('TxnDate', 'desc')
      .orderBy('Id')
      .page({ startPosition: 101, maxResults: 100 })
    expect(q.toString()).toBe(
      "SELECT * FROM Invoice WHERE CustomerRef IN ('58','59') AND TxnDate >= '2026-01-01' ORDERBY TxnDate DESC, Id STARTPOSITION 101 MAXRESULTS 100",
    )
  })

  it('escapes backslashes before apostrophes so input cannot close the literal', () => {
    expect(escapeQueryLiteral("O\\'Brien")).toBe("O\\\\\\'Brien")
    expect(select('Customer').where('DisplayName', '=', "Adam's").toString()).toBe(
      "SELECT * FROM Customer WHERE DisplayName = 'Adam\\'s'",
    )
  })

  it('writes booleans bare, decimals quoted and dates from Date objects', () => {
    const q = select('Customer')
      .where('Active', 'in', [true, false])
      .where('Balance', '>', '0')
      .where('MetaData.LastUpdatedTime', '>', new Date('2026-02-01T00:00:00Z'))
    expect(q.toString()).toBe(
      "SELECT * FROM Customer WHERE Active IN (true,false) AND Balance > '0' AND MetaData.LastUpdatedTime > '2026-02-01T00:00:00.000Z'",
    )
  })

  it('builds contains and startsWith as LIKE patterns', () => {
    expect(
      select('Customer').contains('DisplayName', 'Diner').startsWith('CompanyName', 'Red').toString(),
    ).toBe("SELECT * FROM Customer WHERE DisplayName LIKE '%Diner%' AND CompanyName LIKE 'Red%'")
  })

  it('turns a query into a COUNT(*) with the same filters and no paging', () => {
    const q = select('Invoice').where('Balance', '>', '0').orderBy('TxnDate').page({ maxResults: 5 })
    expect(q.count().toString()).toBe("SELECT COUNT(*) FROM Invoice WHERE Balance > '0'")
  })

  it('is immutable: each call returns a new builder', () => {
    const base = select('Customer')
    base.where('DisplayName', '=', 'x')
    expect(base.toString()).toBe('SELECT * FROM Customer')
  })

  const refusals: Array<[string, () => unknown, RegExp]> = [
    ['an unknown entity', () => select('Vendor; DROP' as 'Customer'), /unknown or unsupported entity/],
    [
      'a property that is not filterable',
      () => select('Customer').where('Notes' as 'DisplayName', '=', 'x'),
      /not filterable/,
    ],
    [
      'filtering on a sortable-only property',
      () => select('Customer').where('BalanceWithJobs' as 'Balance', '>', '1'),
      /not filterable/,
    ],
    [
      'sorting on a filter-only property',
      () => select('Customer').orderBy('PrimaryEmailAddr' as 'Id'),
      /not sortable/,
    ],
    ['LIKE on an id', () => select('Invoice').where('Id', 'like' as '=', '1%'), /operator 'like'/],
    ['an empty IN list', () => select('Invoice').where('CustomerRef', 'in', []), /non-empty list/],
    [
      'a number where a decimal string is expected',
      () => select('Invoice').where('Balance', '>', 0 as unknown as string),
      /decimal string/,
    ],
    ['a malformed date', () => select('Invoice').where('TxnDate', '>=', '01/02/2026'), /YYYY-MM-DD/],
    [
      'a non-boolean flag',
      () => select('Customer').where('Active', '=', 'true' as unknown as boolean),
      /boolean/,
    ],
    ['startPosition 0', () => select('Customer').page({ startPosition: 0 }), /1-based/],
    ['maxResults above 1000', () => select('Customer').page({ maxResults: 1001 }), /between 1 and 1000/],
    ['a % in contains()', () => select('Customer').contains('DisplayName', '50%'), /without '%'/],
  ]
  it.each(refusals)('refuses %s before any request', (_name, build, message) => {
    let caught: unknown
    try {
      build()
    } catch (err) {
      caught = err
    }
    expect(isQboQueryBuildError(caught)).toBe(true)
    expect((caught as QboQueryBuildError).message).toMatch(message)
    expect(caught).toBeInstanceOf(QboQueryBuildError)
  })
})

describe('select() types', () => {
  it('rejects unknown properties, wrong operators and wrong value types at compile time too', () => {
    // Each line is a compile error (checked by tsc) and a run-time error (checked here).
    expect(() =>
      // @ts-expect-error Notes is not filterable on Customer
      select('Customer').where('Notes', '=', 'x'),
    ).toThrow(QboQueryBuildError)
    expect(() =>
      // @ts-expect-error Id accepts only = and IN
      select('Invoice').where('Id', 'like', '1%'),
    ).toThrow(QboQueryBuildError)
    expect(() =>
      // @ts-expect-error Active takes a boolean
      select('Customer').where('Active', '=', 'yes'),
    ).toThrow(QboQueryBuildError)
    expect(() =>
      // @ts-expect-error PrimaryEmailAddr is filterable but not sortable
      select('Customer').orderBy('PrimaryEmailAddr'),
    ).toThrow(QboQueryBuildError)
    expect(() =>
      // @ts-expect-error Vendor is not an entity this client queries
      select('Vendor'),
    ).toThrow(QboQueryBuildError)
    expect(() =>
      // @ts-expect-error DueDate is not a text property, so contains() does not apply
      select('Invoice').contains('DueDate', '2026'),
    ).toThrow(QboQueryBuildError)
  })
})
