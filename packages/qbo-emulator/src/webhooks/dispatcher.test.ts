import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { type ChangeEvent, createRegistry } from '../store'
import { createWebhookDispatcher, type DeliveryAttempt, type WebhookDispatcherOptions } from './dispatcher'
import { verifyWebhookSignature } from './signature'

const TOKEN = 'verifier-token-for-tests'

interface Received {
  headers: IncomingHttpHeaders
  body: string
  status: number
}

/** A webhook receiver on 127.0.0.1 that answers each request with the next planned status (default 200). */
async function startReceiver(plan: Array<number | 'hang'> = []) {
  const received: Received[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const next = plan.shift() ?? 200
      if (next === 'hang') return
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: next })
      res.writeHead(next, { 'content-type': 'text/plain' }).end(next === 200 ? 'ok' : 'nope')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return { url: `http://127.0.0.1:${port}/webhooks`, received, stop }
}

/** Polls until `condition` holds (bounded: 5 s). */
async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(condition()).toBe(true)
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(plan: Array<number | 'hang'> = [], over: Partial<WebhookDispatcherOptions> = {}) {
  const receiver = await startReceiver(plan)
  const attempts: DeliveryAttempt[] = []
  const dispatcher = createWebhookDispatcher({
    url: receiver.url,
    verifierToken: TOKEN,
    format: 'legacy',
    clock: createClock({ startMs: Date.parse('2026-11-24T16:15:00Z') }),
    retryDelaysMs: [10, 10],
    batchWindowMs: 20,
    onAttempt: (a) => attempts.push(a),
    ...over,
  })
  cleanups.push(receiver.stop, () => dispatcher.close())
  return { receiver, dispatcher, attempts }
}

const change = (id: string, realmId = '9130357766900456', over: Partial<ChangeEvent> = {}): ChangeEvent => ({
  realmId,
  entity: 'Customer',
  id,
  operation: 'Update',
  lastUpdated: '2026-11-24T16:15:00.000Z',
  ...over,
})

const entityIds = (body: string) =>
  (
    JSON.parse(body) as {
      eventNotifications: Array<{ dataChangeEvent: { entities: Array<{ id: string }> } }>
    }
  ).eventNotifications[0]?.dataChangeEvent.entities.map((e) => e.id)

describe('createWebhookDispatcher', () => {
  it("delivers a signed legacy payload with Intuit's headers", async () => {
    const { receiver, dispatcher } = await setup()
    dispatcher.enqueue(change('1', '9130357766900456', { operation: 'Create' }))
    await dispatcher.flush()
    expect(receiver.received).toHaveLength(1)
    const [req] = receiver.received as [Received]
    expect(verifyWebhookSignature(req.body, req.headers['intuit-signature'] as string, TOKEN)).toBe(true)
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(req.headers['user-agent']).toBe('intuit_notification_server/0.1')
    expect(req.headers['intuit-created-time']).toMatch(/^2026-11-24T16:1\d:\d\d\.\d{3}Z$/)
    expect(req.headers['intuit-t-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(JSON.parse(req.body)).toEqual({
      eventNotifications: [
        {
          realmId: '9130357766900456',
          dataChangeEvent: {
            entities: [
              { name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2026-11-24T16:15:00.000Z' },
            ],
          },
        },
      ],
    })
    expect(dispatcher.delivered()).toBe(1)
    expect(dispatcher.pending()).toBe(0)
  })

  it('coalesces changes of one realm into one delivery and keeps realms apart', async () => {
    const { receiver, dispatcher } = await setup()
    dispatcher.enqueue(change('1', 'A'))
    dispatcher.enqueue(change('2', 'B'))
    dispatcher.enqueue(change('3', 'A'))
    expect(dispatcher.pending()).toBe(3)
    await dispatcher.flush()
    const byRealm = Object.fromEntries(
      receiver.received.map((r) => {
        const payload = JSON.parse(r.body) as { eventNotifications: Array<{ realmId: string }> }
        expect(payload.eventNotifications).toHaveLength(1)
        return [payload.eventNotifications[0]?.realmId, entityIds(r.body)]
      }),
    )
    expect(byRealm).toEqual({ A: ['1', '3'], B: ['2'] })
    expect(dispatcher.delivered()).toBe(3)
  })

  it('sends CloudEvents as a JSON array, signed the same way', async () => {
    const { receiver, dispatcher } = await setup([], { format: 'cloudevents' })
    dispatcher.enqueue(change('42', '9130357766900456', { entity: 'Invoice', operation: 'Void' }))
    await dispatcher.flush()
    const [req] = receiver.received as [Received]
    expect(verifyWebhookSignature(req.body, req.headers['intuit-signature'] as string, TOKEN)).toBe(true)
    const events = JSON.parse(req.body) as Array<Record<string, unknown>>
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'qbo.invoice.voided.v1',
      intuitentityid: '42',
      intuitaccountid: '9130357766900456',
    })
  })

  it('retries after a 500 and then succeeds with the same body', async () => {
    const { receiver, dispatcher, attempts } = await setup([500])
    dispatcher.enqueue(change('1'))
    await dispatcher.flush()
    expect(receiver.received.map((r) => r.status)).toEqual([500, 200])
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body)
    expect(attempts.map((a) => [a.attempt, a.status, a.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 200, 'delivered'],
    ])
    expect(dispatcher.delivered()).toBe(1)
    expect(dispatcher.failed()).toBe(0)
  })

  it('gives up after the last retry and counts the events as failed', async () => {
    const { receiver, dispatcher, attempts } = await setup([503, 500, 500])
    dispatcher.enqueue(change('1'))
    dispatcher.enqueue(change('2'))
    await dispatcher.flush()
    expect(receiver.received).toHaveLength(3)
    expect(attempts.at(-1)).toMatchObject({ attempt: 3, status: 500, outcome: 'gave-up', events: 2 })
    expect(dispatcher.failed()).toBe(2)
    expect(dispatcher.delivered()).toBe(0)
    expect(dispatcher.pending()).toBe(0)
  })

  it('treats an unreachable receiver as a failure', async () => {
    const dead = await startReceiver()
    await dead.stop()
    const attempts: DeliveryAttempt[] = []
    const dispatcher = createWebhookDispatcher({
      url: dead.url,
      verifierToken: TOKEN,
      format: 'legacy',
      clock: createClock(),
      retryDelaysMs: [5],
      onAttempt: (a) => attempts.push(a),
    })
    cleanups.push(() => dispatcher.close())
    dispatcher.enqueue(change('1'))
    await dispatcher.flush()
    expect(attempts.map((a) => [a.status, a.outcome])).toEqual([
      [undefined, 'retrying'],
      [undefined, 'gave-up'],
    ])
    expect(dispatcher.failed()).toBe(1)
  })

  it('treats a receiver slower than the timeout as a failure and retries', async () => {
    const { receiver, dispatcher, attempts } = await setup(['hang'], { timeoutMs: 300 })
    dispatcher.enqueue(change('1'))
    await dispatcher.flush()
    expect(attempts.map((a) => a.outcome)).toEqual(['retrying', 'delivered'])
    expect(receiver.received.map((r) => r.status)).toEqual([200])
  })

  it("holds a realm's later changes until the earlier delivery is acknowledged", async () => {
    const { receiver, dispatcher } = await setup([500, 500], { retryDelaysMs: [30, 30] })
    dispatcher.enqueue(change('first'))
    await until(() => receiver.received.length > 0)
    dispatcher.enqueue(change('second'))
    await dispatcher.flush()
    expect(receiver.received.map((r) => [entityIds(r.body), r.status])).toEqual([
      [['first'], 500],
      [['first'], 500],
      [['first'], 200],
      [['second'], 200],
    ])
  })

  it('drops changes beyond the bounded queue and counts them', async () => {
    const { receiver, dispatcher } = await setup([], { maxPendingEvents: 3 })
    for (const id of ['1', '2', '3', '4', '5']) dispatcher.enqueue(change(id))
    expect(dispatcher.pending()).toBe(3)
    expect(dispatcher.dropped()).toBe(2)
    await dispatcher.flush()
    expect(receiver.received.flatMap((r) => entityIds(r.body))).toEqual(['1', '2', '3'])
  })

  it('splits a large burst into deliveries of at most maxEventsPerDelivery', async () => {
    const { receiver, dispatcher } = await setup([], { maxEventsPerDelivery: 2 })
    for (const id of ['1', '2', '3', '4', '5']) dispatcher.enqueue(change(id))
    await dispatcher.flush()
    expect(receiver.received.map((r) => entityIds(r.body))).toEqual([['1', '2'], ['3', '4'], ['5']])
  })

  it('close cancels waiting retries at once and discards what is left', async () => {
    const { receiver, dispatcher } = await setup([500], { retryDelaysMs: [60_000] })
    dispatcher.enqueue(change('1'))
    const flushed = dispatcher.flush()
    await until(() => receiver.received.length > 0)
    await dispatcher.close()
    await flushed
    expect(dispatcher.pending()).toBe(0)
    expect(dispatcher.dropped()).toBe(1)
    dispatcher.enqueue(change('2'))
    expect(dispatcher.dropped()).toBe(2)
  })

  it('reports the changes a store makes when subscribed to it', async () => {
    const { receiver, dispatcher } = await setup()
    const clock = createClock()
    const registry = createRegistry(clock)
    const company = registry.add({ realmId: '123', name: 'Webhook Co' })
    const stop = registry.onChange((e) => dispatcher.enqueue(e))
    const customer = company.create('Customer', { DisplayName: 'Ada Lovelace' })
    company.update(
      'Customer',
      { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'hi' },
      { sparse: true },
    )
    stop()
    await dispatcher.flush()
    const entities = receiver.received.flatMap(
      (r) =>
        (JSON.parse(r.body) as { eventNotifications: Array<{ dataChangeEvent: { entities: unknown[] } }> })
          .eventNotifications[0]?.dataChangeEvent.entities ?? [],
    )
    expect(entities).toMatchObject([
      { name: 'Customer', id: customer.Id, operation: 'Create' },
      { name: 'Customer', id: customer.Id, operation: 'Update' },
    ])
  })

  it('refuses a url that is not http(s), an empty verifier token or a negative delay', () => {
    const clock = createClock()
    const base = { url: 'http://127.0.0.1:1/x', verifierToken: TOKEN, format: 'legacy' as const, clock }
    expect(() => createWebhookDispatcher({ ...base, url: 'ftp://example.com/x' })).toThrow(TypeError)
    expect(() => createWebhookDispatcher({ ...base, url: 'not a url' })).toThrow(TypeError)
    expect(() => createWebhookDispatcher({ ...base, verifierToken: '' })).toThrow(TypeError)
    expect(() => createWebhookDispatcher({ ...base, retryDelaysMs: [-1] })).toThrow(TypeError)
  })
})
