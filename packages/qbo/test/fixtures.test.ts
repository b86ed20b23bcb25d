import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createQboClient,
  isQboFaultError,
  parseQboJson,
  type QboCompany,
  type QboFaultError,
  select,
  stringifyQboJson,
  tokensFromResponse,
} from '../src'

// Real public payloads live beside the repo (never copied in); CI points QBO_FIXTURES_DIR at them.
const dir = process.env.QBO_FIXTURES_DIR
const REALM = '123145'

const read = (name: string) => readFileSync(join(dir ?? '', name), 'utf8')

/** Replaces amount strings by numbers so a parsed value can be compared with `JSON.parse` of the source. */
function numbersBack(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => numbersBack(v, key))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersBack(v, k)]))
  }
  if (
    typeof value === 'string' &&
    key &&
    /^(?:Amount|Balance|BalanceWithJobs|TotalAmt|UnitPrice|Qty|TotalTax|UnappliedAmt|Deposit|DiscountPercent|TaxPercent|NetAmountTaxable|PurchaseCost|QtyOnHand)$/.test(
      key,
    )
  ) {
    return Number(value)
  }
  return value
}

/** Every numeric literal of an amount key in the source text, in order. */
function amountLiterals(text: string): string[] {
  return [
    ...text.matchAll(
      /"(?:Amount|Balance|BalanceWithJobs|TotalAmt|UnitPrice|Qty|TotalTax|UnappliedAmt|Deposit|DiscountPercent|TaxPercent|NetAmountTaxable|PurchaseCost|QtyOnHand)"\s*:\s*(-?\d[\d.eE+-]*)/g,
    ),
  ].map((m) => m[1] ?? '')
}

function collectAmounts(value: unknown, key?: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectAmounts(v, key, out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectAmounts(v, k, out)
  else if (typeof value === 'string' && key && amountLiterals(`"${key}":${value}`).length === 1)
    out.push(value)
  return out
}

/** A client whose `fetch` answers every call with one fixture (fetch is the boundary we do not own). */
async function companyAnswering(fixture: string, status = 200): Promise<QboCompany> {
  const fixtureFetch: typeof fetch = async (_input, init) => {
    let text = read(fixture)
    if (fixture === 'batch-response.json' && typeof init?.body === 'string') {
      // The fixture's bIds are "bid1…"; answer with the bIds this request used, position by position.
      const sent = (JSON.parse(init.body) as { BatchItemRequest: Array<{ bId: string }> }).BatchItemRequest
      sent.forEach((item, i) => {
        text = text.replace(`"bId": "bid${i + 1}"`, `"bId": ${JSON.stringify(item.bId)}`)
      })
    }
    return new Response(text, {
      status,
      headers: { 'content-type': 'application/json', intuit_tid: 'fixture-tid' },
    })
  }
  const client = createQboClient({
    environment: 'sandbox',
    clientId: 'id',
    clientSecret: 'secret',
    redirectUri: 'https://example.com/callback',
    fetch: fixtureFetch,
    rateLimits: false,
  })
  await client.oauth.connectWithTokens(REALM, JSON.parse(read('oauth-token-response.json')))
  return client.company(REALM)
}

describe.skipIf(!dir)('QBO fixtures', () => {
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []

  it.each(files)('%s parses and re-serialises without loss, amounts kept digit for digit', (file) => {
    const text = read(file)
    const parsed = parseQboJson(text)
    expect(numbersBack(parsed)).toEqual(JSON.parse(text))
    expect(JSON.parse(stringifyQboJson(parsed))).toEqual(JSON.parse(text))
    expect(collectAmounts(parsed)).toEqual(amountLiterals(text))
  })

  const entityReads: Array<[string, string, (c: QboCompany) => Promise<unknown>]> = [
    ['customer-read.json', 'Customer', (c) => c.customers.readOrThrow('1')],
    ['customer-create-response.json', 'Customer', (c) => c.customers.create({ DisplayName: 'x' })],
    [
      'customer-sparse-update-response.json',
      'Customer',
      (c) => c.customers.update({ Id: '1', SyncToken: '0' }),
    ],
    ['invoice-read.json', 'Invoice', (c) => c.invoices.readOrThrow('1')],
    ['invoice-create-response.json', 'Invoice', (c) => c.invoices.create({ CustomerRef: { value: '1' } })],
    ['invoice-void-response.json', 'Invoice', (c) => c.invoices.void({ Id: '1', SyncToken: '0' })],
    ['invoice-delete-response.json', 'Invoice', (c) => c.invoices.delete({ Id: '1', SyncToken: '0' })],
    ['estimate-read.json', 'Estimate', (c) => c.estimates.readOrThrow('1')],
    ['payment-read.json', 'Payment', (c) => c.payments.readOrThrow('1')],
    ['payment-create-response.json', 'Payment', (c) => c.payments.create({ TotalAmt: '1' })],
    ['payment-void-response.json', 'Payment', (c) => c.payments.void({ Id: '1', SyncToken: '0' })],
    ['companyinfo-read.json', 'CompanyInfo', (c) => c.companyInfo()],
  ]
  it.each(entityReads)('%s becomes a typed %s equal to the payload', async (file, entity, call) => {
    const result = await call(await companyAnswering(file))
    const source = parseQboJson(read(file)) as Record<string, unknown>
    expect(result).toEqual(source[entity])
  })

  it.each([
    ['customer-query-response.json', 'Customer'],
    ['invoice-query-response.json', 'Invoice'],
  ] as const)('%s becomes the rows of a query', async (file, entity) => {
    const rows = await (await companyAnswering(file)).query(select(entity))
    const source = parseQboJson(read(file)) as { QueryResponse: Record<string, unknown> }
    expect(rows).toEqual(source.QueryResponse[entity])
    expect(rows.length).toBeGreaterThan(0)
  })

  it.each([
    'fault-duplicate-name.json',
    'fault-object-not-found.json',
    'fault-query-parser-error.json',
    'fault-required-param-missing.json',
    'fault-stale-object.json',
  ])('%s becomes a QboFaultError carrying every error field', async (file) => {
    const company = await companyAnswering(file, 400)
    const err = await company.customers
      .create({ DisplayName: 'x' }, { requestId: false })
      .catch((e: unknown) => e)
    expect(isQboFaultError(err)).toBe(true)
    const fault = err as QboFaultError
    const source = JSON.parse(read(file)) as {
      Fault: {
        type: string
        Error: Array<{ Message: string; Detail?: string; code: string; element?: string }>
      }
    }
    expect(fault.type).toBe(source.Fault.type)
    expect(fault.httpStatus).toBe(400)
    expect(fault.intuitTid).toBe('fixture-tid')
    expect(fault.errors).toEqual(
      source.Fault.Error.map((e) => ({
        code: e.code,
        message: e.Message,
        ...(e.Detail === undefined ? {} : { detail: e.Detail }),
        ...(e.element === undefined ? {} : { element: e.element }),
      })),
    )
    expect(fault.code).toBe(source.Fault.Error[0]?.code)
  })

  it('treats a Fault inside an HTTP 200 as an error', async () => {
    const company = await companyAnswering('fault-stale-object.json', 200)
    const err = await company.customers.update({ Id: '1', SyncToken: '0' }).catch((e: unknown) => e)
    expect(isQboFaultError(err, '5010')).toBe(true)
    expect((err as QboFaultError).httpStatus).toBe(200)
  })

  it('batch-response.json gives one result per item, in order, with each fault intact', async () => {
    const company = await companyAnswering('batch-response.json')
    const results = await company.batch([
      { operation: 'create', entity: 'Customer', body: { DisplayName: 'x' } },
      { operation: 'delete', entity: 'Invoice', body: { Id: '129', SyncToken: '0' } },
      { operation: 'update', entity: 'Invoice', body: { Id: '11', SyncToken: '0' } },
      { query: select('Customer') },
    ])
    const source = JSON.parse(read('batch-response.json')) as {
      BatchItemResponse: Array<{ Fault?: { Error: Array<{ code: string }> } }>
    }
    expect(results).toHaveLength(4)
    results.slice(0, 3).forEach((r, i) => {
      expect(r.ok).toBe(false)
      if (!r.ok)
        expect(isQboFaultError(r.error, source.BatchItemResponse[i]?.Fault?.Error[0]?.code ?? -1)).toBe(true)
    })
    expect(results[3]?.ok).toBe(true)
  })

  it('cdc-response.json splits changed and deleted objects per entity', async () => {
    const company = await companyAnswering('cdc-response.json')
    const result = await company.cdc(['Customer', 'Estimate'], '2015-12-01T00:00:00-08:00')
    expect(result.time).toBe('2015-12-23T12:56:06.196-08:00')
    expect(result.changes.Customer.changed.map((c) => c.Id)).toEqual(['63', '99'])
    expect(result.changes.Estimate.changed.map((e) => e.Id)).toEqual(['34', '123'])
    expect(result.changes.Estimate.deleted).toEqual([
      { Id: '979', LastUpdatedTime: '2015-12-23T12:55:50-08:00' },
    ])
  })

  it('cdc-response-empty.json means no changes', async () => {
    const result = await (await companyAnswering('cdc-response-empty.json')).cdc(['Customer'], new Date())
    expect(result.changes.Customer).toEqual({ changed: [], deleted: [] })
  })

  it.each(['oauth-token-response.json', 'oauth-refresh-response.json'])(
    '%s becomes stored tokens',
    (file) => {
      const source = JSON.parse(read(file)) as Record<string, unknown>
      const tokens = tokensFromResponse(source, 1_000)
      expect(tokens.accessToken).toBe(source.access_token)
      expect(tokens.refreshToken).toBe(source.refresh_token)
      expect(tokens.accessTokenExpiresAt).toBe(1_000 + Number(source.expires_in) * 1000)
      expect(tokens.refreshTokenExpiresAt).toBe(1_000 + Number(source.x_refresh_token_expires_in) * 1000)
    },
  )
})
