import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomer, type Harness, startHarness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
  for (let i = 1; i <= 5; i++) await createCustomer(h, { DisplayName: `Pager ${i}` })
})
afterAll(async () => h.close())

/** The documented escaping of a query string literal (API-NOTES.md §3). */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

describe('query route', () => {
  it('answers rows with startPosition and maxResults = rows returned, by GET and POST', async () => {
    const text =
      "select * from Customer where DisplayName like 'Pager%' orderby DisplayName startposition 2 maxresults 2"
    const get = await h.get(`query?query=${encodeURIComponent(text)}&minorversion=75`)
    expect(get.status).toBe(200)
    expect(get.body.QueryResponse.startPosition).toBe(2)
    expect(get.body.QueryResponse.maxResults).toBe(2)
    expect(get.body.QueryResponse.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toEqual([
      'Pager 2',
      'Pager 3',
    ])
    const post = await h.query(text)
    expect(post.body.QueryResponse).toEqual(get.body.QueryResponse)
    const last = await h.query(
      "select * from Customer where DisplayName like 'Pager%' orderby DisplayName startposition 5 maxresults 2",
    )
    expect(last.body.QueryResponse.maxResults).toBe(1)
  })

  it('answers CustomerRef queries from the per-customer index exactly like a full scan', async () => {
    const [a, b] = [
      await createCustomer(h, { DisplayName: 'Index A' }),
      await createCustomer(h, { DisplayName: 'Index B' }),
    ]
    const line = (n: number) => [{ Amount: n, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }]
    for (const [c, amount] of [
      [a, 1],
      [b, 2],
      [a, 3],
      [b, 4],
    ] as const) {
      await h.post('invoice', { CustomerRef: { value: c.Id }, Line: line(amount) })
      await h.post('estimate', { CustomerRef: { value: c.Id }, Line: line(amount) })
    }
    for (const entity of ['Invoice', 'Estimate']) {
      const indexed = await h.query(`select * from ${entity} where CustomerRef IN ('${b.Id}', '${a.Id}')`)
      const company = h.emulator.store.get(h.realmId)!
      const scanned = [...company.list(entity as 'Invoice' | 'Estimate')].filter((r) =>
        [a.Id, b.Id].includes((r.CustomerRef as { value: string }).value),
      )
      expect(indexed.body.QueryResponse[entity]).toEqual(scanned)
      const one = await h.query(
        `select * from ${entity} where CustomerRef = '${a.Id}' and TxnDate >= '2000-01-01' orderby Id desc`,
      )
      expect(one.body.QueryResponse[entity].map((r: { TotalAmt: number }) => r.TotalAmt)).toEqual([3, 1])
    }
  })

  it('answers an empty result as an empty QueryResponse object', async () => {
    const res = await h.query("select * from Customer where DisplayName = 'Nobody at all'")
    expect(res.body).toEqual({ QueryResponse: {}, time: expect.any(String) })
  })

  it('answers COUNT(*) with totalCount only', async () => {
    const res = await h.query("select count(*) from Customer where DisplayName like 'Pager%'")
    expect(res.body).toEqual({ QueryResponse: { totalCount: 5 }, time: expect.any(String) })
  })

  it('maps syntax errors to 4000 and semantic errors to 4001', async () => {
    const syntax = await h.query('select * from')
    expect(syntax.status).toBe(400)
    expect(syntax.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '4000', Message: 'Error parsing query' }],
    })
    expect(syntax.body.Fault.Error[0].Detail).toMatch(/^QueryParserError: /)
    const semantic = await h.query('select * from Customer startposition 0')
    expect(semantic.status).toBe(400)
    expect(semantic.body.Fault.Error[0]).toMatchObject({ code: '4001', Message: 'Invalid query' })
    expect(semantic.body.Fault.Error[0].Detail).toMatch(/^QueryValidationError: /)
    const missing = await h.get('query')
    expect(missing.status).toBe(400)
    expect(missing.body.Fault.Error[0].code).toBe('4000')
  })

  it('finds exactly the customers whose DisplayName equals a random string, escaped as documented', async () => {
    const nameChar = fc.constantFrom(...'abcXYZ019 \'\\%_"-&é'.split(''))
    const name = fc
      .array(nameChar, { minLength: 1, maxLength: 12 })
      .map((chars) => chars.join(''))
      .filter((s) => s.trim() === s && s.trim().length > 0)
    let n = 0
    await fc.assert(
      fc.asyncProperty(name, async (raw) => {
        n++
        const s = `${raw}~${n}`
        // Near misses first: the name with a character added at either end must not match.
        await createCustomer(h, { DisplayName: `${s}x` })
        await createCustomer(h, { DisplayName: `x${s}` })
        const target = await createCustomer(h, { DisplayName: s })
        const res = await h.query(`select * from Customer where DisplayName = ${literal(s)}`)
        expect(res.status).toBe(200)
        const ids = (res.body.QueryResponse.Customer ?? []).map((c: { Id: string }) => c.Id)
        expect(ids).toEqual([target.Id])
      }),
      { numRuns: 100 },
    )
  })
})
