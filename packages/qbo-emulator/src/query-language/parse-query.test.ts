import { describe, expect, it } from 'vitest'
import { entitySchema, parseQuery, QUERY_ENTITIES, resolveEntity, runQuery } from './index'

describe('parseQuery', () => {
  it('returns canonical entity and property names whatever the case of the text', () => {
    const q = parseQuery(
      "SELECT * FROM invoice WHERE metadata.LASTUPDATEDTIME > '2024-01-01' AND customerref IN ('1', 2) ORDERBY txndate DESC, id",
    )
    expect(q.entity).toBe('Invoice')
    expect(q.where.map((c) => [c.property.name, c.op])).toEqual([
      ['MetaData.LastUpdatedTime', '>'],
      ['CustomerRef', 'IN'],
    ])
    expect(q.where[1]?.values).toEqual([
      { kind: 'text', value: '1' },
      { kind: 'text', value: '2' },
    ])
    expect(q.orderBy.map((k) => [k.property.name, k.direction])).toEqual([
      ['TxnDate', 'DESC'],
      ['Id', 'ASC'],
    ])
  })

  it('applies defaults of STARTPOSITION 1 and MAXRESULTS 100', () => {
    const q = parseQuery('select * from Customer')
    expect([q.startPosition, q.maxResults]).toEqual([1, 100])
    expect(q.projection).toEqual({ kind: 'all' })
  })

  it('caps MAXRESULTS at 1000 instead of failing', () => {
    expect(parseQuery('select * from Customer startposition 3 maxresults 1001').maxResults).toBe(1000)
    expect(parseQuery('select * from Customer maxresults 1000').maxResults).toBe(1000)
  })

  it('parses ORDER BY exactly like ORDERBY', () => {
    const a = parseQuery('select * from Customer order by DisplayName desc')
    const b = parseQuery('select * from Customer ORDERBY DisplayName DESC')
    expect(a.orderBy).toEqual(b.orderBy)
  })

  it('keeps a field list with canonical names for known properties', () => {
    const q = parseQuery('select id, displayname, MetaData.createtime, PrimaryPhone from Customer')
    expect(q.projection).toEqual({
      kind: 'fields',
      fields: ['Id', 'DisplayName', 'MetaData.CreateTime', 'PrimaryPhone'],
    })
  })

  it('applies the implicit Active filter to name lists only, and only when Active is not filtered', () => {
    expect(parseQuery('select * from Customer').implicitActive).toBe(true)
    expect(parseQuery('select * from vendor').implicitActive).toBe(true)
    expect(parseQuery('select * from Employee').implicitActive).toBe(true)
    expect(parseQuery('select * from Customer where active = false').implicitActive).toBe(false)
    expect(parseQuery('select * from Item').implicitActive).toBe(false)
    expect(parseQuery('select * from Invoice').implicitActive).toBe(false)
  })

  it('types literals for their property', () => {
    const q = parseQuery(
      "select * from Customer where Balance > '12.5' and Active = 'TRUE' and MetaData.CreateTime < CURRENT_DATE",
    )
    expect(q.where.map((c) => c.values[0])).toEqual([
      { kind: 'number', value: 12.5 },
      { kind: 'boolean', value: true },
      { kind: 'currentDate' },
    ])
  })

  it('keeps the query text', () => {
    const text = 'select count(*) from Payment'
    expect(parseQuery(text)).toMatchObject({ text, entity: 'Payment', projection: { kind: 'count' } })
  })
})

describe('entity schema', () => {
  it('knows every queryable entity and resolves names case-insensitively', () => {
    expect(QUERY_ENTITIES).toEqual([
      'Customer',
      'Vendor',
      'Employee',
      'Invoice',
      'Estimate',
      'Payment',
      'CompanyInfo',
      'Preferences',
      'Item',
      'Account',
    ])
    expect(resolveEntity('COMPANYINFO')).toBe('CompanyInfo')
    expect(resolveEntity('Bill')).toBeUndefined()
  })

  it('marks PrimaryEmailAddr filterable but not sortable on Customer', () => {
    expect(entitySchema('Customer').property('primaryemailaddr')).toMatchObject({
      name: 'PrimaryEmailAddr',
      type: 'email',
      filterable: true,
      sortable: false,
    })
  })

  it('answers every entity with at least a filterable, sortable Id and MetaData times', () => {
    for (const entity of QUERY_ENTITIES) {
      const schema = entitySchema(entity)
      expect(schema.property('Id')).toMatchObject({ type: 'id', filterable: true, sortable: true })
      expect(schema.property('MetaData.LastUpdatedTime')).toMatchObject({ type: 'datetime', sortable: true })
    }
  })

  it('lets every entity be queried, with and without rows', () => {
    for (const entity of QUERY_ENTITIES) {
      const q = parseQuery(`select * from ${entity.toUpperCase()} where Id IN ('1', '2')`)
      const result = runQuery(q, [{ Id: '2', Active: true }, { Id: '3' }, { Id: '1', Active: true }])
      expect(result).toEqual({
        kind: 'rows',
        entity,
        rows: [
          { Id: '1', Active: true },
          { Id: '2', Active: true },
        ],
        startPosition: 1,
      })
    }
  })
})

describe('runQuery ordering and paging', () => {
  const rows = Array.from({ length: 2500 }, (_, i) => {
    const id = ((i * 7919) % 2500) + 1
    return { Id: String(id), DisplayName: `Name ${id % 10}`, Active: id % 3 !== 0, Balance: id % 4 }
  })

  it('orders by numeric Id when no ORDERBY is given, whatever the input order', () => {
    const result = runQuery(
      parseQuery('select * from Customer where Active in (true,false) maxresults 1000'),
      rows,
    )
    if (result.kind !== 'rows') throw new Error('expected rows')
    expect(result.rows.map((r) => Number(r.Id))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  })

  it('pages through every row exactly once with STARTPOSITION and MAXRESULTS', () => {
    const seen: string[] = []
    for (let start = 1; ; start += 300) {
      const result = runQuery(
        parseQuery(`select * from Customer orderby Balance desc startposition ${start} maxresults 300`),
        rows,
      )
      if (result.kind !== 'rows') throw new Error('expected rows')
      seen.push(...result.rows.map((r) => r.Id as string))
      if (result.rows.length < 300) break
    }
    const active = rows.filter((r) => r.Active)
    expect(seen).toHaveLength(active.length)
    expect(new Set(seen).size).toBe(active.length)
  })

  it('breaks ties on equal sort keys by Id ascending', () => {
    const result = runQuery(parseQuery('select * from Customer orderby DisplayName maxresults 5'), rows)
    if (result.kind !== 'rows') throw new Error('expected rows')
    expect(result.rows.map((r) => r.Id)).toEqual(['10', '20', '40', '50', '70'])
  })

  it('counts without paging', () => {
    expect(runQuery(parseQuery('select count(*) from Customer maxresults 1'), rows)).toEqual({
      kind: 'count',
      entity: 'Customer',
      totalCount: rows.filter((r) => r.Active).length,
    })
  })

  it('reads rows from any iterable, once', () => {
    let reads = 0
    function* generate() {
      for (const row of rows) {
        reads++
        yield row
      }
    }
    const result = runQuery(parseQuery("select * from Customer where Id = '7'"), generate())
    expect(result).toMatchObject({ kind: 'rows', rows: [{ Id: '7' }] })
    expect(reads).toBe(rows.length)
  })
})
