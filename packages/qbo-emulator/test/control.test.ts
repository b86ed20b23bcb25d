import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('control surface', () => {
  it('is absent outside test mode', async () => {
    h = await startHarness({ testMode: false })
    for (const path of ['/_emulator/companies', '/_emulator/stats']) {
      const res = await h.get(path)
      expect(res.status).toBe(404)
      expect(res.headers.get('intuit_tid')).toBeTruthy()
    }
    expect((await h.post('/_emulator/config', { latencyMs: 5 })).status).toBe(404)
  })

  it('lists the companies', async () => {
    h = await startHarness()
    const res = await h.get('/_emulator/companies')
    expect(res.status).toBe(200)
    expect(res.headers.get('intuit_tid')).toBeTruthy()
    expect(res.body).toEqual([
      { realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping' },
      { realmId: '9130357766900457', name: 'Second Sandbox Company' },
    ])
  })

  it('configures latency, faults, rate limits and the clock, refusing bad input', async () => {
    h = await startHarness()
    const before = h.emulator.clock.now()
    const ok = await h.post('/_emulator/config', {
      latencyMs: 0,
      faults: { rate: 1, kinds: ['429'], paths: 'accounting' },
      clock: { advanceMs: 3_600_000 },
    })
    expect(ok.status).toBe(200)
    expect(h.emulator.clock.now() - before).toBeGreaterThanOrEqual(3_600_000)
    expect((await h.get('preferences')).status).toBe(429)
    await h.post('/_emulator/config', { faults: null, rateLimits: { perMinute: 1 } })
    expect((await h.get('preferences')).status).toBe(200)
    expect((await h.get('preferences')).status).toBe(429)
    await h.post('/_emulator/config', {
      rateLimits: false,
      clock: { setMs: Date.parse('2026-01-01T00:00:00Z') },
    })
    expect(Math.abs(h.emulator.clock.now() - Date.parse('2026-01-01T00:00:00Z'))).toBeLessThan(5000)
    for (const bad of [
      { latencyMs: -1 },
      { faults: { rate: 2, kinds: [] } },
      { faults: { rate: 1, kinds: ['boom'] } },
      { clock: { advanceMs: 'x' } },
      [1],
    ]) {
      const res = await h.post('/_emulator/config', bad)
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('invalid_request')
    }
  })

  it('counts requests per company and endpoint, and resets the counts', async () => {
    h = await startHarness()
    await h.get('preferences')
    await h.post('customer', { DisplayName: 'Counted' })
    await h.query('select * from Customer')
    await h.get('preferences', { realmId: '9130357766900457' })
    const stats = (await h.get('/_emulator/stats')).body
    expect(stats.total).toBe(4)
    expect(stats.byEndpoint).toMatchObject({ 'preferences.read': 2, 'customer.create': 1, query: 1 })
    expect(stats.byRealm['9130357766900456']).toEqual({
      total: 3,
      byEndpoint: { 'preferences.read': 1, 'customer.create': 1, query: 1 },
    })
    expect(stats.tokenRequests).toEqual(expect.any(Number))
    expect((await h.post('/_emulator/stats/reset', {})).status).toBe(200)
    expect((await h.get('/_emulator/stats')).body).toMatchObject({ total: 0, byRealm: {}, byEndpoint: {} })
  })

  it('seeds a generated company on request', async () => {
    h = await startHarness()
    const res = await h.post('/_emulator/seed', { customers: 20, documentsPerCustomer: 2 })
    expect(res.status).toBe(200)
    const { realmId } = res.body
    expect(h.emulator.companies().map((c) => c.realmId)).toContain(realmId)
    const count = await h.post('query', 'select count(*) from Customer', {
      realmId,
      contentType: 'application/text',
    })
    expect(count.body.QueryResponse.totalCount).toBe(20)
    expect((await h.post('/_emulator/seed', { customers: -1, documentsPerCustomer: 1 })).status).toBe(400)
    const tooBig = await h.post('/_emulator/seed', { customers: 900_000, documentsPerCustomer: 10 })
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.error).toBe('invalid_request')
  })
})
