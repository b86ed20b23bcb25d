import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h.close())

const count = async (name: string) =>
  (await h.query(`select count(*) from Customer where DisplayName = '${name}'`)).body.QueryResponse.totalCount

describe('requestid idempotency', () => {
  it('replays the original response byte for byte and writes once', async () => {
    const first = await h.post('customer?requestid=4f6c1c1e-7c1a-4d6e-9a55-1b2a3c4d5e6f', {
      DisplayName: 'Once Only',
    })
    const again = await h.post('customer?requestid=4f6c1c1e-7c1a-4d6e-9a55-1b2a3c4d5e6f', {
      DisplayName: 'Once Only',
    })
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(again.text).toBe(first.text)
    expect(await count('Once Only')).toBe(1)
  })

  it('writes once when the same requestid arrives several times at once', async () => {
    h.emulator.configure({ latencyMs: 50 })
    try {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          h.post('customer?requestid=concurrent-1', { DisplayName: 'Concurrent Once' }),
        ),
      )
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
      expect(new Set(answers.map((a) => a.text)).size).toBe(1)
    } finally {
      h.emulator.configure({ latencyMs: 0 })
    }
    expect(await count('Concurrent Once')).toBe(1)
  })

  it('replays a fault too, and runs a new id normally', async () => {
    const a = await h.post('invoice?requestid=fault-1', { Line: [] })
    const b = await h.post('invoice?requestid=fault-1', { Line: [] })
    expect(a.status).toBe(400)
    expect(b.text).toBe(a.text)
    const other = await h.post('customer?requestid=other-id', { DisplayName: 'Different Id' })
    expect(other.status).toBe(200)
  })

  it('replays batches and keeps ids per realm', async () => {
    const body = {
      BatchItemRequest: [{ bId: '1', operation: 'create', Customer: { DisplayName: 'Batch Once' } }],
    }
    const a = await h.post('batch?requestid=batch-1', body)
    const b = await h.post('batch?requestid=batch-1', body)
    expect(b.text).toBe(a.text)
    expect(await count('Batch Once')).toBe(1)
    const elsewhere = await h.post(
      'customer?requestid=batch-1',
      { DisplayName: 'Other Realm' },
      { realmId: '9130357766900457' },
    )
    expect(elsewhere.body.Customer.DisplayName).toBe('Other Realm')
  })

  it('refuses ids over 50 characters (36 on batch) or with spaces with 2130, writing nothing', async () => {
    const long = await h.post(`customer?requestid=${'a'.repeat(51)}`, { DisplayName: 'Too Long Id' })
    expect(long.status).toBe(400)
    expect(long.body.Fault.Error[0]).toMatchObject({ code: '2130', Message: 'Invalid Request Id Format' })
    expect((await h.post(`customer?requestid=${'a'.repeat(50)}`, { DisplayName: 'Fifty Id' })).status).toBe(
      200,
    )
    const spaced = await h.post('customer?requestid=has%20space', { DisplayName: 'Spaced Id' })
    expect(spaced.body.Fault.Error[0].code).toBe('2130')
    const batch = await h.post(`batch?requestid=${'b'.repeat(37)}`, {
      BatchItemRequest: [{ bId: '1', Query: 'select * from Customer' }],
    })
    expect(batch.body.Fault.Error[0].code).toBe('2130')
    expect(await count('Too Long Id')).toBe(0)
    expect(await count('Spaced Id')).toBe(0)
  })
})
