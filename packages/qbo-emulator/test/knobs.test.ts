import { afterEach, describe, expect, it } from 'vitest'
import { createFaultInjector } from '../src/faults-injection'
import { type Harness, startHarness } from './harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const count = async (harness: Harness, name: string) =>
  (await harness.query(`select count(*) from Customer where DisplayName = '${name}'`)).body.QueryResponse
    .totalCount

describe('latency knob', () => {
  it('delays Accounting API answers by latencyMs, changeable at run time', async () => {
    h = await startHarness({ latencyMs: 250 })
    const start = performance.now()
    expect((await h.get('preferences')).status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(240)
    h.emulator.configure({ latencyMs: 5000 })
    const url = `${h.baseUrl}/v3/company/${h.realmId}/preferences`
    const headers = { authorization: `Bearer ${h.token()}` }
    await expect(fetch(url, { headers, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    h.emulator.configure({ latencyMs: 0 })
    expect((await fetch(url, { headers, signal: AbortSignal.timeout(2500) })).status).toBe(200)
  })
})

describe('fault injection', () => {
  it('is deterministic for a given random seed', () => {
    const pick = () => {
      const injector = createFaultInjector({ randomSeed: 7 })
      injector.configure({ rate: 0.5, kinds: ['5xx', '429', 'reset'] })
      return Array.from({ length: 20 }, () => injector.shouldInject('accounting')?.kind ?? 'none')
    }
    const first = pick()
    expect(pick()).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(1)
  })

  it('injects 5xx answers with a SystemFault body', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['5xx'] }, randomSeed: 1 })
    const res = await h.get('preferences')
    expect([500, 503]).toContain(res.status)
    expect(res.body.Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] })
    expect(res.headers.get('intuit_tid')).toBeTruthy()
  })

  it('injects 429 throttle answers', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['429'] } })
    const res = await h.get('preferences')
    expect(res.status).toBe(429)
    expect(res.body.Fault.Error[0].code).toBe('3001')
  })

  it('injects connection resets', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['reset'] } })
    await expect(h.get('preferences')).rejects.toThrow()
  })

  it('injects requests that never answer, released when the emulator closes', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['timeout'] } })
    const res = fetch(`${h.baseUrl}/v3/company/${h.realmId}/preferences`, {
      signal: AbortSignal.timeout(300),
    })
    await expect(res).rejects.toThrow()
    const pending = fetch(`${h.baseUrl}/v3/company/${h.realmId}/preferences`).catch((err: Error) => err)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await h.close()
    h = undefined
    expect(await pending).toBeInstanceOf(Error)
  })

  it('commits the write before losing the response, so a retry with the same requestid makes no duplicate', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['lost-response'], paths: 'accounting' } })
    await expect(h.post('customer?requestid=lost-1', { DisplayName: 'Lost Response Co' })).rejects.toThrow()
    h.emulator.configure({ faults: null })
    expect(await count(h, 'Lost Response Co')).toBe(1)
    const retry = await h.post('customer?requestid=lost-1', { DisplayName: 'Lost Response Co' })
    expect(retry.status).toBe(200)
    expect(retry.body.Customer.DisplayName).toBe('Lost Response Co')
    expect(await count(h, 'Lost Response Co')).toBe(1)
  })

  it('leaves the Accounting API alone when faults target OAuth only', async () => {
    h = await startHarness({ faults: { rate: 1, kinds: ['5xx'], paths: 'oauth' } })
    expect((await h.get('preferences')).status).toBe(200)
  })
})
