import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock'
import type { ChangeEvent } from '../store'
import { cloudEventsSource, type WebhookFormat, webhookBody } from './payloads'
import { signWebhookPayload } from './signature'

/**
 * Intuit retries a failed delivery after 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h and 6 h (API-NOTES.md
 * §7). The emulator keeps that shape at 1/100 of the time, so a demo or a test sees retries within seconds
 * and gives up after about 7.5 minutes.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  100, 200, 300, 3_000, 12_000, 72_000, 144_000, 216_000,
]

/** Intuit expects the receiver to answer within 3 seconds (§7); slower counts as a failure. */
export const DELIVERY_TIMEOUT_MS = 3_000

/** Options of `createWebhookDispatcher`. */
export interface WebhookDispatcherOptions {
  /** The receiver's endpoint (http or https). */
  url: string
  /** The app's verifier token: the HMAC key of `intuit-signature`. */
  verifierToken: string
  format: WebhookFormat
  clock: Clock
  fetch?: typeof fetch
  /** Waits before each retry; its length is the number of retries (default `DEFAULT_RETRY_DELAYS_MS`). */
  retryDelaysMs?: readonly number[]
  /** Changes of one realm within this window go out in one delivery (default 50 ms). */
  batchWindowMs?: number
  /** Per-attempt timeout (default 3 s). */
  timeoutMs?: number
  /** Events waiting at most; beyond it new events are dropped and counted (default 10,000). */
  maxPendingEvents?: number
  /** Events per delivery at most (default 1,000). */
  maxEventsPerDelivery?: number
  /** Seed of the CloudEvents `source` (default: the URL). */
  sourceSeed?: string
  /** Called after each attempt (for logs); errors thrown by it are ignored. */
  onAttempt?: (result: DeliveryAttempt) => void
}

/** The outcome of one delivery attempt. */
export interface DeliveryAttempt {
  realmId: string
  events: number
  attempt: number
  /** The HTTP status, or undefined after a network error or timeout. */
  status?: number
  outcome: 'delivered' | 'retrying' | 'gave-up'
}

/** Sends change events to one receiver, batched per realm, signed, in order, with retries. */
export interface WebhookDispatcher {
  /** Queues one change (never throws; see `dropped()`). */
  enqueue(e: ChangeEvent): void
  /** Sends every batch now and resolves when nothing is left (delivered or given up), retries included. */
  flush(): Promise<void>
  /** Stops: aborts requests in flight, cancels retries, discards what is left (counted in `dropped()`). */
  close(): Promise<void>
  /** Events acknowledged with a 2xx. */
  delivered(): number
  /** Events waiting or in flight. */
  pending(): number
  /** Events given up after the last retry. */
  failed(): number
  /** Events discarded because the queue was full or the dispatcher closed. */
  dropped(): number
}

interface Delivery {
  realmId: string
  events: number
  body: string
  createdTime: string
  attempts: number
}

interface RealmQueue {
  realmId: string
  buffer: ChangeEvent[]
  timer?: NodeJS.Timeout
  deliveries: Delivery[]
  running?: Promise<void>
}

function checkOptions(opts: WebhookDispatcherOptions): void {
  const url = URL.canParse(opts.url) ? new URL(opts.url) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError('Webhook url must be an http or https URL')
  }
  if (!opts.verifierToken) throw new TypeError('Webhook verifierToken must not be empty')
  if (opts.format !== 'legacy' && opts.format !== 'cloudevents') {
    throw new TypeError("Webhook format must be 'legacy' or 'cloudevents'")
  }
  for (const d of opts.retryDelaysMs ?? []) {
    if (!Number.isFinite(d) || d < 0) throw new TypeError('Webhook retry delays must be non-negative numbers')
  }
}

/**
 * Creates a dispatcher of QBO webhooks. Changes are coalesced per realm over a short window into one
 * delivery in Intuit's legacy or CloudEvents format, signed with `intuit-signature`, and POSTed with
 * Intuit's headers. A failed delivery (non-2xx, network error or 3 s timeout) is retried on the schedule;
 * later deliveries of the same realm wait for it, so a receiver sees each realm's changes in order.
 *
 * @example
 * const webhooks = createWebhookDispatcher({ url: 'http://127.0.0.1:3000/api/quickbooks/webhooks', verifierToken: 'token', format: 'legacy', clock: createClock() })
 * const stop = registry.onChange((e) => webhooks.enqueue(e))
 * await webhooks.flush()
 * stop()
 * await webhooks.close()
 */
export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  checkOptions(opts)
  const fetchFn = opts.fetch ?? fetch
  const retryDelays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const windowMs = opts.batchWindowMs ?? 50
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS
  const maxPending = opts.maxPendingEvents ?? 10_000
  const maxPerDelivery = Math.max(1, opts.maxEventsPerDelivery ?? 1_000)
  const source = cloudEventsSource(opts.sourceSeed ?? opts.url)
  const realms = new Map<string, RealmQueue>()
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  const inFlight = new Set<AbortController>()
  const counts = { pending: 0, delivered: 0, failed: 0, dropped: 0 }
  let closed = false

  const report = (result: DeliveryAttempt) => {
    try {
      opts.onAttempt?.(result)
    } catch {
      // A logging hook must not break delivery.
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          sleepers.delete(entry)
          resolve()
        }, ms),
      }
      entry.timer.unref()
      sleepers.add(entry)
    })

  const post = async (d: Delivery): Promise<number | undefined> => {
    const controller = new AbortController()
    inFlight.add(controller)
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await fetchFn(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'intuit-signature': signWebhookPayload(d.body, opts.verifierToken),
          'intuit-created-time': d.createdTime,
          'intuit-t-id': randomUUID(),
          'intuit-notification-schema-version': '0.1',
          'user-agent': 'intuit_notification_server/0.1',
        },
        body: d.body,
        signal: controller.signal,
      })
      // Read the answer to the end so the keep-alive connection can be reused.
      await response.arrayBuffer().catch(() => undefined)
      return response.status
    } catch {
      return undefined
    } finally {
      clearTimeout(timer)
      inFlight.delete(controller)
    }
  }

  const work = async (q: RealmQueue) => {
    while (!closed && q.deliveries.length > 0) {
      const d = q.deliveries[0] as Delivery
      d.attempts++
      const status = await post(d)
      if (closed) return
      const ok = status !== undefined && status >= 200 && status < 300
      const delay = retryDelays[d.attempts - 1]
      const outcome = ok ? 'delivered' : delay === undefined ? 'gave-up' : 'retrying'
      report({ realmId: d.realmId, events: d.events, attempt: d.attempts, status, outcome })
      if (outcome === 'retrying') {
        await sleep(delay as number)
        continue
      }
      q.deliveries.shift()
      counts.pending -= d.events
      if (ok) counts.delivered += d.events
      else counts.failed += d.events
    }
  }

  const startWorker = (q: RealmQueue) => {
    if (q.running || closed || q.deliveries.length === 0) return
    q.running = work(q)
      // work() handles every delivery error itself; this only guards against an unhandled rejection.
      .catch(() => undefined)
      .finally(() => {
        q.running = undefined
        startWorker(q)
      })
  }

  const seal = (q: RealmQueue) => {
    if (q.timer) clearTimeout(q.timer)
    q.timer = undefined
    if (q.buffer.length === 0 || closed) return
    const events = q.buffer
    q.buffer = []
    q.deliveries.push({
      realmId: q.realmId,
      events: events.length,
      body: webhookBody(opts.format, q.realmId, events, { source }),
      createdTime: new Date(opts.clock.now()).toISOString(),
      attempts: 0,
    })
    startWorker(q)
  }

  return {
    enqueue(e) {
      if (closed || counts.pending >= maxPending) {
        counts.dropped++
        return
      }
      let q = realms.get(e.realmId)
      if (!q) {
        q = { realmId: e.realmId, buffer: [], deliveries: [] }
        realms.set(e.realmId, q)
      }
      q.buffer.push(e)
      counts.pending++
      if (q.buffer.length >= maxPerDelivery) seal(q)
      else if (!q.timer) {
        const queue = q
        q.timer = setTimeout(() => seal(queue), windowMs)
        q.timer.unref()
      }
    },
    async flush() {
      for (;;) {
        for (const q of realms.values()) seal(q)
        const running = [...realms.values()].flatMap((q) => (q.running ? [q.running] : []))
        if (running.length === 0) return
        await Promise.all(running)
      }
    },
    async close() {
      closed = true
      for (const q of realms.values()) if (q.timer) clearTimeout(q.timer)
      for (const controller of inFlight) controller.abort()
      for (const s of sleepers) {
        clearTimeout(s.timer)
        s.resolve()
      }
      sleepers.clear()
      await Promise.all([...realms.values()].flatMap((q) => (q.running ? [q.running] : [])))
      counts.dropped += counts.pending
      counts.pending = 0
      realms.clear()
    },
    delivered: () => counts.delivered,
    pending: () => counts.pending,
    failed: () => counts.failed,
    dropped: () => counts.dropped,
  }
}
