/**
 * Runs queries against the rows of real QBO query responses (API-NOTES.md fixtures) and compares the
 * parser's fault text with the captured 4000 fault.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseQuery, type QboObject, QueryLanguageError, runQuery } from './index'

const fixturesDir = process.env.QBO_FIXTURES_DIR

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixturesDir!, name), 'utf8'))
}

function rowsOf(name: string, entity: string): QboObject[] {
  const response = fixture(name).QueryResponse as Record<string, QboObject[]>
  return response[entity]!
}

function ids(query: string, rows: QboObject[]): unknown[] {
  const result = runQuery(parseQuery(query), rows)
  if (result.kind !== 'rows') throw new Error('expected rows')
  return result.rows.map((r) => r.Id)
}

describe.skipIf(!fixturesDir)('queries against captured QBO payloads', () => {
  it('returns both customers of the captured response for the query that produced it', () => {
    const customers = rowsOf('customer-query-response.json', 'Customer')
    expect(ids("select * from Customer Where Metadata.LastUpdatedTime > '2015-03-01'", customers)).toEqual(
      customers.map((c) => c.Id).sort((a, b) => Number(a) - Number(b)),
    )
    expect(ids("select * from Customer Where Metadata.LastUpdatedTime > '2015-07-01'", customers)).toEqual([
      '1',
    ])
  })

  it('finds the captured customers by escaped name, by email and by LIKE', () => {
    const customers = rowsOf('customer-query-response.json', 'Customer')
    expect(ids("select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'", customers)).toEqual([
      '1',
    ])
    expect(
      ids("select * from Customer where PrimaryEmailAddr = 'consulting@INTUIT.com'", customers),
    ).toHaveLength(1)
    expect(ids("select * from Customer where DisplayName like '%consulting'", customers)).toHaveLength(1)
    expect(ids('select * from Customer where Active = false', customers)).toEqual([])
    expect(
      runQuery(parseQuery("select count(*) from Customer where Balance > '0'"), customers),
    ).toMatchObject({
      totalCount: customers.filter((c) => (c.Balance as number) > 0).length,
    })
  })

  it('filters the captured invoice by customer ref, document number, date and balance', () => {
    const invoices = rowsOf('invoice-query-response.json', 'Invoice')
    expect(ids("select * from Invoice where CustomerRef = '1'", invoices)).toEqual(['239'])
    expect(ids("select * from Invoice where CustomerRef IN ('2', '3')", invoices)).toEqual([])
    expect(ids("select * from Invoice where DocNumber = '1070'", invoices)).toEqual(['239'])
    expect(
      ids("select * from Invoice where TxnDate = '2015-07-24' and DueDate < '2015-09-01'", invoices),
    ).toEqual(['239'])
    expect(ids("select * from Invoice where Balance > '150'", invoices)).toEqual([])
    expect(ids("select * from Invoice where TotalAmt >= '150.0'", invoices)).toEqual(['239'])
  })

  it('sorts the captured items by name and pages through them', () => {
    const items = rowsOf('query-response-item-captured.json', 'Item')
    const sorted = ids('select * from Item orderby Name maxresults 1000', items)
    const expected = [...items]
      .sort((a, b) => {
        const x = String(a.Name).toLowerCase()
        const y = String(b.Name).toLowerCase()
        return x < y ? -1 : x > y ? 1 : Number(a.Id) - Number(b.Id)
      })
      .map((i) => i.Id)
    expect(sorted).toEqual(expected)
    expect(ids('select * from Item orderby Name startposition 11 maxresults 10', items)).toEqual(
      expected.slice(10, 20),
    )
  })

  it('answers `select * from NULL` with exactly the captured 4000 fault', () => {
    const captured = (
      fixture('fault-query-parser-error.json').Fault as { Error: Array<Record<string, string>> }
    ).Error[0]!
    let error: unknown
    try {
      parseQuery('select * from NULL')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(QueryLanguageError)
    const fault = error as QueryLanguageError
    expect({ Message: fault.message, Detail: fault.detail, code: fault.code }).toEqual(captured)
  })
})
