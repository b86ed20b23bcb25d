import { createQboClient, type QboCompany, select } from '@ledgerlink/qbo'
import { createEmulator, DEMO_REALM_ID, type Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQboCache } from './qbo-cache'
import { createCachedTabReader, tabCacheKey } from './qbo-cache-tab-reader'
import { tagsForChange } from './qbo-cache-tags'
import { createTabReader, type TabReadRequest } from './tab-read'

describe('the cached tab read against the emulator', () => {
  let emulator: Emulator
  let company: QboCompany
  let customerId: string
  let invoiceId: string

  beforeAll(async () => {
    emulator = createEmulator({ testMode: true, seed: 'demo', latencyMs: 5 })
    const baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
    const client = createQboClient({
      environment: 'emulator',
      emulatorBaseUrl: baseUrl,
      clientId: 'ledgerlink-dev',
      clientSecret: 'ledgerlink-dev-secret',
      redirectUri: 'http://localhost:3000/api/quickbooks/callback',
      retry: { maxAttempts: 1 },
    })
    await client.oauth.connectWithTokens(DEMO_REALM_ID, { ...emulator.issueTokens(DEMO_REALM_ID) })
    company = client.company(DEMO_REALM_ID)
    const [invoice] = await company.query(select('Invoice').page({ maxResults: 1 }))
    if (!invoice?.Id || !invoice.CustomerRef?.value) throw new Error('the demo company has no invoice')
    invoiceId = invoice.Id
    customerId = invoice.CustomerRef.value
  })
  afterAll(async () => emulator?.close())

  const calls = () => emulator.stats().total
  const linked = (): TabReadRequest => ({ kind: 'linked', realmId: DEMO_REALM_ID, customerId })
  const options = { workspaceId: 'w1' }

  it('costs one QBO round trip cold, none warm, and one on refresh', async () => {
    const reader = createCachedTabReader(createQboCache(), createTabReader())
    emulator.resetStats()
    const cold = await reader(company, linked(), options)
    expect(calls()).toBe(1)
    expect(cold.kind === 'linked' && cold.invoices.some((i) => i.Id === invoiceId)).toBe(true)
    const warm = await reader(company, linked(), options)
    expect(calls()).toBe(1)
    expect(warm.readAt).toBe(cold.readAt)
    await reader(company, linked(), { ...options, refresh: true })
    expect(calls()).toBe(2)
  })

  it('shares one QBO call between many tabs opened at once', async () => {
    const reader = createCachedTabReader(createQboCache(), createTabReader())
    emulator.resetStats()
    const snapshots = await Promise.all(Array.from({ length: 12 }, () => reader(company, linked(), options)))
    expect(calls()).toBe(1)
    expect(new Set(snapshots.map((s) => s.readAt)).size).toBe(1)
  })

  it('reads again after a change to one of the customer’s documents, and not after a change elsewhere', async () => {
    const cache = createQboCache()
    const reader = createCachedTabReader(cache, createTabReader())
    await reader(company, linked(), options)
    emulator.resetStats()
    cache.invalidate({
      realmId: DEMO_REALM_ID,
      tags: tagsForChange({ realmId: DEMO_REALM_ID, entity: 'Customer', id: 'another' }),
    })
    await reader(company, linked(), options)
    expect(calls()).toBe(0)
    cache.invalidate({
      realmId: DEMO_REALM_ID,
      tags: tagsForChange({ realmId: DEMO_REALM_ID, entity: 'Invoice', id: invoiceId, operation: 'Update' }),
    })
    await reader(company, linked(), options)
    expect(calls()).toBe(1)
  })

  it('keys candidate searches by their queries', () => {
    const plan = (value: string): TabReadRequest => ({
      kind: 'unlinked',
      realmId: DEMO_REALM_ID,
      queries: [
        {
          entity: 'Customer',
          property: 'DisplayName',
          operator: '=',
          value,
          includeInactive: true,
          maxResults: 10,
        },
      ],
    })
    expect(tabCacheKey(plan('Ada'))).toBe(tabCacheKey(plan('Ada')))
    expect(tabCacheKey(plan('Ada'))).not.toBe(tabCacheKey(plan('Bob')))
  })
})
