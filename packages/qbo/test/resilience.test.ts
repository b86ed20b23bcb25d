import { DEFAULT_RATE_LIMITS, type Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  isQboNetworkError,
  isQboRateLimitError,
  isQboTimeoutError,
  QboFaultError,
  QboRateLimitError,
  select,
} from '../src'
import { connectedClient, DEMO_REALM, startEmulator, uniqueName } from './helpers'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ randomSeed: 7 })
})
afterEach(() => {
  emulator.configure({ faults: null, rateLimits: DEFAULT_RATE_LIMITS })
})
afterAll(() => emulator.close())

/** A fetch that reports each status it sees (fetch is the boundary the client lets us replace). */
function observingFetch(onStatus: (status: number) => void, afterEachCall?: () => void): typeof fetch {
  return async (input, init) => {
    try {
      const response = await fetch(input, init)
      onStatus(response.status)
      return response
    } finally {
      afterEachCall?.()
    }
  }
}

async function countByName(name: string): Promise<number> {
  const client = await connectedClient(emulator)
  return (await client.company(DEMO_REALM).query(select('Customer').where('DisplayName', '=', name))).length
}

describe('retries', () => {
  it('retries reads through injected 5xx answers and connection resets until they succeed', async () => {
    const company = (
      await connectedClient(emulator, DEMO_REALM, {
        retry: { maxAttempts: 20, baseDelayMs: 1, maxDelayMs: 4, budgetMs: 10_000 },
      })
    ).company(DEMO_REALM)
    emulator.configure({ faults: { rate: 0.5, kinds: ['5xx', 'reset'], paths: 'accounting' } })
    const before = emulator.stats().total
    const infos = await Promise.all(Array.from({ length: 20 }, () => company.companyInfo()))
    expect(infos.every((i) => i.CompanyName === 'Ledgerlink Demo Landscaping')).toBe(true)
    expect(emulator.stats().total - before).toBeGreaterThan(20)
  })

  it('times out a hung request, retries it, and succeeds', async () => {
    let calls = 0
    const before = emulator.stats().total
    emulator.configure({ faults: { rate: 1, kinds: ['timeout'], paths: 'accounting' } })
    const hungOnce = (
      await connectedClient(emulator, DEMO_REALM, {
        timeouts: { requestMs: 500 },
        fetch: observingFetch(
          () => {},
          () => {
            calls++
            emulator.configure({ faults: null })
          },
        ),
      })
    ).company(DEMO_REALM)
    const info = await hungOnce.companyInfo()
    expect(info.CompanyName).toBe('Ledgerlink Demo Landscaping')
    expect(calls).toBe(2)
    expect(emulator.stats().total - before).toBe(2)
  })

  it('gives up with QboTimeoutError when every attempt hangs', async () => {
    const company = (
      await connectedClient(emulator, DEMO_REALM, {
        timeouts: { requestMs: 50 },
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      })
    ).company(DEMO_REALM)
    emulator.configure({ faults: { rate: 1, kinds: ['timeout'], paths: 'accounting' } })
    const err = await company.companyInfo().catch((e: unknown) => e)
    expect(isQboTimeoutError(err)).toBe(true)
    expect(err).toMatchObject({ name: 'QboTimeoutError', timeoutMs: 50 })
  })

  it('gives up on a persistent 5xx after maxAttempts with the fault and its status', async () => {
    const company = (
      await connectedClient(emulator, DEMO_REALM, { retry: { maxAttempts: 3, baseDelayMs: 1 } })
    ).company(DEMO_REALM)
    emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'accounting' } })
    const before = emulator.stats().total
    const err = await company.companyInfo().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(QboFaultError)
    expect((err as QboFaultError).httpStatus).toBeGreaterThanOrEqual(500)
    expect((err as QboFaultError).code).toBe('10000')
    expect(emulator.stats().total - before).toBe(3)
  })
})

describe('writes and requestid', () => {
  it('creates exactly one customer when the first response is lost', async () => {
    const name = uniqueName('Lost response')
    let attempts = 0
    emulator.configure({ faults: { rate: 1, kinds: ['lost-response'], paths: 'accounting' } })
    const company = (
      await connectedClient(emulator, DEMO_REALM, {
        fetch: observingFetch(
          () => {},
          () => {
            attempts++
            emulator.configure({ faults: null })
          },
        ),
      })
    ).company(DEMO_REALM)
    const created = await company.customers.create(
      { DisplayName: name },
      { requestId: `lost-${name.slice(-8)}` },
    )
    expect(created.DisplayName).toBe(name)
    expect(attempts).toBe(2)
    expect(await countByName(name)).toBe(1)
  })

  it('retries an update through a 5xx because it carries a requestid; the SyncToken moves exactly once', async () => {
    const plain = (await connectedClient(emulator)).company(DEMO_REALM)
    const customer = await plain.customers.create({ DisplayName: uniqueName('Retried update') })
    let attempts = 0
    emulator.configure({ faults: { rate: 1, kinds: ['5xx'], paths: 'accounting' } })
    const flaky = (
      await connectedClient(emulator, DEMO_REALM, {
        fetch: observingFetch(
          () => {},
          () => {
            attempts++
            emulator.configure({ faults: null })
          },
        ),
      })
    ).company(DEMO_REALM)
    const updated = await flaky.customers.update({
      Id: customer.Id!,
      SyncToken: customer.SyncToken!,
      Notes: 'retried',
    })
    expect(attempts).toBe(2)
    expect(updated.SyncToken).toBe('1')
    expect((await plain.customers.readOrThrow(customer.Id!)).SyncToken).toBe('1')
  })

  it('never retries a write sent without a requestid', async () => {
    const name = uniqueName('No requestid')
    emulator.configure({ faults: { rate: 1, kinds: ['lost-response'], paths: 'accounting' } })
    const company = (await connectedClient(emulator)).company(DEMO_REALM)
    const before = emulator.stats().byEndpoint['customer.create'] ?? 0
    const err = await company.customers
      .create({ DisplayName: name }, { requestId: false })
      .catch((e: unknown) => e)
    emulator.configure({ faults: null })
    expect(isQboNetworkError(err)).toBe(true)
    expect((emulator.stats().byEndpoint['customer.create'] ?? 0) - before).toBe(1)
    // The write did commit before the connection dropped: exactly one, and no second from a retry.
    expect(await countByName(name)).toBe(1)
  })

  it('sends a fresh UUID requestid per create by default, so two creates are two customers', async () => {
    const company = (await connectedClient(emulator)).company(DEMO_REALM)
    const a = await company.customers.create({ DisplayName: uniqueName('Default id A') })
    const b = await company.customers.create({ DisplayName: uniqueName('Default id B') })
    expect(a.Id).not.toBe(b.Id)
  })

  it('replays the original answer when a requestid is reused', async () => {
    const company = (await connectedClient(emulator)).company(DEMO_REALM)
    const requestId = `fixed-${Math.random().toString(36).slice(2)}`
    const name = uniqueName('Replayed')
    const first = await company.customers.create({ DisplayName: name }, { requestId })
    const second = await company.customers.create({ DisplayName: name }, { requestId })
    expect(second).toEqual(first)
    expect(await countByName(name)).toBe(1)
  })
})

describe('throttling', () => {
  it('keeps a 2,000-request burst within QBO limits: the emulator never answers 429', async () => {
    const statuses = new Map<number, number>()
    const client = await connectedClient(emulator, DEMO_REALM, {
      // One attempt only: any 429 would surface as a failed request.
      retry: { maxAttempts: 1 },
      fetch: observingFetch((s) => statuses.set(s, (statuses.get(s) ?? 0) + 1)),
      // The limiter waits on the emulator's clock; waiting means moving that clock, so the test takes
      // seconds, not the four minutes 2,000 requests need at 500/min.
      sleep: async (ms) => {
        emulator.clock.advance(ms)
        await new Promise((resolve) => setImmediate(resolve))
      },
    })
    const company = client.company(DEMO_REALM)
    const started = emulator.clock.now()
    const results = await Promise.allSettled(Array.from({ length: 2_000 }, () => company.preferences()))
    const failures = results.filter((r) => r.status === 'rejected')
    expect(failures).toEqual([])
    expect(statuses.get(429)).toBeUndefined()
    expect(statuses.get(200)).toBe(2_000)
    // 2,000 requests at 500 per sliding minute need at least three full minutes of (virtual) time.
    expect(emulator.clock.now() - started).toBeGreaterThanOrEqual(3 * 60_000)
  })

  it('backs off on 429 for the throttle wait and then succeeds', async () => {
    emulator.configure({ rateLimits: { perMinute: 3 } })
    const waits: number[] = []
    const client = await connectedClient(emulator, DEMO_REALM, {
      rateLimits: false,
      retry: { maxAttempts: 4, budgetMs: 5 * 60_000 },
      sleep: async (ms) => {
        waits.push(ms)
        emulator.clock.advance(ms)
      },
    })
    const company = client.company(DEMO_REALM)
    for (let i = 0; i < 6; i++) expect((await company.preferences()).CurrencyPrefs).toBeDefined()
    // Intuit's guidance: wait 60 s after a 429 (no Retry-After is sent).
    expect(waits.length).toBeGreaterThan(0)
    expect(waits.every((w) => w === 60_000)).toBe(true)
  })

  it('raises QboRateLimitError when throttling outlasts the retry budget', async () => {
    emulator.configure({ faults: { rate: 1, kinds: ['429'], paths: 'accounting' } })
    const company = (
      await connectedClient(emulator, DEMO_REALM, {
        retry: { maxAttempts: 10, throttleDelayMs: 20, budgetMs: 50 },
      })
    ).company(DEMO_REALM)
    const err = await company.companyInfo().catch((e: unknown) => e)
    expect(isQboRateLimitError(err)).toBe(true)
    expect(err).toBeInstanceOf(QboRateLimitError)
    expect((err as QboRateLimitError).httpStatus).toBe(429)
    expect((err as QboRateLimitError).retryAfterMs).toBe(20)
  })
})

describe('cancellation and batch limits', () => {
  it('stops at once, without retrying, when the caller aborts', async () => {
    emulator.configure({ faults: { rate: 1, kinds: ['timeout'], paths: 'accounting' } })
    const company = (await connectedClient(emulator, DEMO_REALM, { timeouts: { requestMs: 5_000 } })).company(
      DEMO_REALM,
    )
    const before = emulator.stats().total
    const controller = new AbortController()
    const pending = company.companyInfo({ signal: controller.signal }).catch((e: unknown) => e)
    setTimeout(() => controller.abort(new Error('user went away')), 30)
    const err = await pending
    expect(err).toEqual(new Error('user went away'))
    expect(emulator.stats().total - before).toBe(1)
  })

  it('stops waiting out a throttle as soon as the caller aborts', async () => {
    emulator.configure({ faults: { rate: 1, kinds: ['429'], paths: 'accounting' } })
    const company = (
      await connectedClient(emulator, DEMO_REALM, { retry: { throttleDelayMs: 60_000, budgetMs: 120_000 } })
    ).company(DEMO_REALM)
    const controller = new AbortController()
    const pending = company.companyInfo({ signal: controller.signal }).catch((e: unknown) => e)
    setTimeout(() => controller.abort(new Error('gave up')), 50)
    expect(await pending).toEqual(new Error('gave up'))
  })

  it('keeps 45 batch requests within the 40-per-minute batch limit', async () => {
    const statuses: number[] = []
    const client = await connectedClient(emulator, DEMO_REALM, {
      retry: { maxAttempts: 1 },
      fetch: observingFetch((s) => statuses.push(s)),
      sleep: async (ms) => {
        emulator.clock.advance(ms)
        await new Promise((resolve) => setImmediate(resolve))
      },
    })
    const company = client.company(DEMO_REALM)
    const results = await Promise.all(
      Array.from({ length: 45 }, () => company.batch([{ query: select('Customer').where('Id', '=', '1') }])),
    )
    expect(results.every((r) => r.length === 1 && r[0]?.ok)).toBe(true)
    expect(statuses.filter((s) => s === 429)).toEqual([])
    expect(statuses).toHaveLength(45)
  })
})
