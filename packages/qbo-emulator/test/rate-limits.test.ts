import { afterEach, describe, expect, it } from 'vitest'
import { createClock } from '../src/index'
import { type Harness, startHarness } from './harness'

/** A clock that stands still unless a test moves it, so no quota refills while a test runs. */
const frozenClock = () => createClock({ realNow: () => Date.parse('2026-11-24T16:15:00Z') })

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const throttleFault = {
  Fault: {
    Error: [
      {
        Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
        Detail: 'The request limit was reached.  Try again later',
        code: '3001',
      },
    ],
    type: 'SERVICE',
  },
  time: expect.any(String),
}

describe('rate limits per realm and app', () => {
  it('answers 429 with the 3001 fault once 500 requests were made within a minute', async () => {
    h = await startHarness({
      clock: frozenClock(),
      rateLimits: { perMinute: 500, concurrent: 1000, batchPerMinute: 40 },
    })
    const statuses: number[] = []
    let sample: unknown
    for (let round = 0; round < 12; round++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => h!.get('preferences')))
      for (const a of answers) {
        statuses.push(a.status)
        if (a.status === 429) sample = a.body
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(500)
    expect(statuses.filter((s) => s === 429)).toHaveLength(100)
    expect(sample).toEqual(throttleFault)
    h.emulator.clock.advance(60_000)
    expect((await h.get('preferences')).status).toBe(200)
  })

  it('allows 10 concurrent requests and answers the 11th with 429', async () => {
    h = await startHarness({ rateLimits: true, latencyMs: 800 })
    const answers = await Promise.all(Array.from({ length: 11 }, () => h!.get('preferences')))
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(1)
    expect(answers.find((a) => a.status === 429)?.body).toEqual(throttleFault)
    expect((await h.get('preferences')).status).toBe(200)
  })

  it('limits batch requests to 40 per minute', async () => {
    h = await startHarness({ clock: frozenClock(), rateLimits: true })
    const body = { BatchItemRequest: [{ bId: '1', Query: 'select * from Customer' }] }
    for (let i = 0; i < 40; i++) expect((await h.post('batch', body)).status).toBe(200)
    const over = await h.post('batch', body)
    expect(over.status).toBe(429)
    expect(over.body.Fault.Error[0].code).toBe('3001')
    expect((await h.get('preferences')).status).toBe(200)
  })

  it('meters every batch item against the per-minute quota', async () => {
    h = await startHarness({
      clock: frozenClock(),
      rateLimits: { perMinute: 50, concurrent: 10, batchPerMinute: 40 },
    })
    const items = Array.from({ length: 30 }, (_, i) => ({ bId: `q${i}`, Query: 'select * from Customer' }))
    expect((await h.post('batch', { BatchItemRequest: items })).status).toBe(200)
    expect((await h.post('batch', { BatchItemRequest: items })).status).toBe(429)
  })

  it('keeps realms apart and can be switched off', async () => {
    h = await startHarness({
      clock: frozenClock(),
      rateLimits: { perMinute: 3, concurrent: 10, batchPerMinute: 40 },
    })
    for (let i = 0; i < 3; i++) expect((await h.get('preferences')).status).toBe(200)
    expect((await h.get('preferences')).status).toBe(429)
    expect((await h.get('preferences', { realmId: '9130357766900457' })).status).toBe(200)
    h.emulator.configure({ rateLimits: false })
    for (let i = 0; i < 5; i++) expect((await h.get('preferences')).status).toBe(200)
  })
})
