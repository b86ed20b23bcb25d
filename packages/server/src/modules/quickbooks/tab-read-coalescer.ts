/**
 * Shares QBO batch requests between the cold tabs of different customers of one company. QBO allows 40 batch
 * requests a minute per company and app (API-NOTES.md §5, §9): when a sales team opens records at 9 a.m., one
 * batch per tab would hit that limit within seconds. So while a company's read is on its way, the linked-tab
 * reads that arrive wait together, and the next read fetches all of them at once with IN-list queries
 * (`Id IN (…)`, `CustomerRef IN (…)`, API-NOTES.md §3), 100 customers per query and up to 7 such groups in
 * one batch of 28 items (≤ 30, API-NOTES.md §5). A read alone (nothing else waiting) is the plain one-batch
 * read of tab-read.ts, unchanged.
 *
 * It wraps {@link TabReader} like the cache does, and sits under it: the cache keeps what a shared read
 * fetched, the coalescer decides how it is fetched. Unlinked reads (candidate searches) pass straight through.
 */
import type {
  BatchItem,
  BatchItemResult,
  Customer,
  Estimate,
  Invoice,
  Payment,
  QboCompany,
} from '@ledgerlink/qbo'
import { BATCH_LIMIT, QboRateLimitError, select } from '@ledgerlink/qbo'
import { MAX_ROWS_PER_QUERY } from './customer-queries'
import { DOCUMENT_ENTITIES, documentsQuery, type TabReader, type TabSnapshot } from './tab-read'

/** Customers per IN list: the size document-fetch.ts uses, short enough for any statement QBO accepts. */
const CUSTOMERS_PER_QUERY = 100
/** Queries per group: the customers, then their invoices, estimates and payments. */
const QUERIES_PER_GROUP = 4
/** Groups per batch request: 7 × 4 = 28 items, within QBO's 30 (API-NOTES.md §5). */
const GROUPS_PER_BATCH = Math.floor(BATCH_LIMIT / QUERIES_PER_GROUP)
/** Follow-up pages of a group's query (1,000 rows each) before its customers are read one by one instead. */
const MAX_EXTRA_PAGES = 20

/**
 * How many shared reads a company may start per minute: right away while fewer than `eager` went out in the
 * last minute, then at most one per `spacingMs`, and never more than `max` (QBO's 40 batches a minute,
 * API-NOTES.md §5, less some room for the other batch reads: candidate searches, opportunity lists). Spacing
 * the reads once the minute is busy lets more tabs wait together instead of spending the allowance on small
 * batches and then stalling until the minute is over.
 */
export type CoalescerPace = { eager: number; spacingMs: number; max: number; windowMs: number }

export const DEFAULT_PACE: CoalescerPace = { eager: 24, spacingMs: 1_500, max: 36, windowMs: 60_000 }

/**
 * The longest a tab waits for its company's next shared read before the user is told QuickBooks is busy: the
 * same 10 s a request waits for the company's allowance in gateway-clients.ts. Without it, a company that has
 * spent its reads for the minute would hold every new tab until the minute is over.
 */
export const DEFAULT_MAX_WAIT_MS = 10_000

export type TabReadCoalescerOptions = {
  now?: () => Date
  /** Milliseconds clock of the pace (default `Date.now`). */
  clock?: () => number
  /** Pacing of shared reads per company (default {@link DEFAULT_PACE}). */
  pace?: CoalescerPace
  /** Waits `ms` before a paced read (default `setTimeout`). */
  delay?: (run: () => void, ms: number) => void
  /** Reads of one company in flight at once (default 1: the others wait and go together). */
  maxInFlight?: number
  /** Customers per IN list (default 100); tests make it small. */
  customersPerQuery?: number
  /** Follow-up pages a shared read follows before reading a group's customers one by one (default 20). */
  maxExtraPages?: number
  /** How the next read is started once arrivals of this turn are in (default `setImmediate`). */
  schedule?: (run: () => void) => void
  /** Longest wait for the pace before a read is refused as busy (default {@link DEFAULT_MAX_WAIT_MS}). */
  maxWaitMs?: number
}

type Waiter = { resolve: (snapshot: TabSnapshot) => void; reject: (error: unknown) => void }

type Queue = {
  company: QboCompany
  realmId: string
  workspaceId: string | undefined
  /** Customer id → the reads waiting for it (one QBO read serves them all). */
  pending: Map<string, Waiter[]>
  inFlight: number
  scheduled: boolean
  /** Start times of this company's shared reads in the last pace window. */
  started: number[]
}

type Row = { CustomerRef?: { value?: string } }

/** A customer whose part of a shared read failed; its waiters get the error, the others their tabs. */
class Failure {
  constructor(readonly error: unknown) {}
}

/** Marks a group whose documents need more pages than a shared read follows. */
const TOO_MANY_ROWS = Symbol('too many rows for one group')

/** The group's customers, active or not (without a filter on Active QBO returns active ones only, §3). */
const customersQuery = (customerIds: string[]): BatchItem => ({
  query: select('Customer')
    .where('Active', 'in', [true, false])
    .where('Id', 'in', customerIds)
    .page({ maxResults: MAX_ROWS_PER_QUERY }),
})

const rowsOf = (result: BatchItemResult | undefined): unknown[] => {
  if (!result) throw new Error('QBO returned no result for batch item')
  if (!result.ok) throw result.error
  return 'rows' in result ? (result.rows as unknown[]) : []
}

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const result: T[][] = []
  for (let index = 0; index < list.length; index += size) result.push(list.slice(index, index + size))
  return result
}

/** One group's documents so far, by kind, and whether its read failed. */
type Group = {
  customerIds: string[]
  customers: Customer[]
  documents: unknown[][]
  error?: unknown
}

/**
 * Reads the linked tabs of many customers in shared batch requests: the first batch carries every group's four
 * queries; a query that filled its page asks for the next one in a following batch, all groups together.
 */
async function readGroups(company: QboCompany, groups: Group[], maxExtraPages: number): Promise<void> {
  const first: Array<{ group: Group; slot: number; item: BatchItem }> = []
  for (const group of groups) {
    first.push({ group, slot: -1, item: customersQuery(group.customerIds) })
    DOCUMENT_ENTITIES.forEach((entity, slot) => {
      first.push({ group, slot, item: documentsQuery(entity, group.customerIds, 1) })
    })
  }
  let pending = first
  for (let page = 0; pending.length > 0; page++) {
    const results = await company.batch(pending.map((entry) => entry.item))
    const next: typeof pending = []
    pending.forEach((entry, index) => {
      const { group, slot } = entry
      if (group.error !== undefined) return
      try {
        const rows = rowsOf(results[index])
        if (slot === -1) {
          group.customers = rows as Customer[]
          return
        }
        group.documents[slot]?.push(...rows)
        if (rows.length === MAX_ROWS_PER_QUERY) {
          const entity = DOCUMENT_ENTITIES[slot] ?? 'Invoice'
          const start = (page + 1) * MAX_ROWS_PER_QUERY + 1
          next.push({ group, slot, item: documentsQuery(entity, group.customerIds, start) })
        }
      } catch (error) {
        group.error = error
      }
    })
    if (page >= maxExtraPages && next.length > 0) {
      // A group this large is read customer by customer (each with its own pages), see readMany.
      for (const entry of next) entry.group.error ??= TOO_MANY_ROWS
      return
    }
    pending = next.filter((entry) => entry.group.error === undefined)
  }
}

/**
 * Wraps a tab reader so that concurrent linked-tab reads of one company share batch requests.
 * @example
 * const reader = createTabReadCoalescer(createTabReader())
 * const cached = qboCache.cachedTabReader(reader)
 */
export const createTabReadCoalescer = (
  inner: TabReader,
  options: TabReadCoalescerOptions = {},
): TabReader => {
  const now = options.now ?? (() => new Date())
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1)
  const perQuery = Math.max(1, options.customersPerQuery ?? CUSTOMERS_PER_QUERY)
  const maxExtraPages = Math.max(0, options.maxExtraPages ?? MAX_EXTRA_PAGES)
  const schedule = options.schedule ?? ((run: () => void) => void setImmediate(run))
  const clock = options.clock ?? Date.now
  const pace = options.pace ?? DEFAULT_PACE
  const delay = options.delay ?? ((run: () => void, ms: number) => void setTimeout(run, ms).unref())
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS
  const queues = new Map<string, Queue>()

  const busy = (waitMs: number) =>
    new QboRateLimitError(
      `The company's QuickBooks reads for the minute are spent; the next is possible in ${Math.ceil(waitMs / 1000)} s`,
      { retryAfterMs: waitMs },
    )

  /** Refuses every read still waiting: the next shared read is further away than a user is kept waiting. */
  const refusePending = (queue: Queue, waitMs: number) => {
    const error = busy(waitMs)
    for (const list of queue.pending.values()) for (const waiter of list) waiter.reject(error)
    queue.pending.clear()
  }

  /** Milliseconds until the company may start its next shared read (0: now). */
  const waitBeforeNext = (queue: Queue): number => {
    const at = clock()
    queue.started = queue.started.filter((time) => at - time < pace.windowMs)
    const count = queue.started.length
    if (count < pace.eager) return 0
    const last = queue.started.at(-1) ?? 0
    const spaced = Math.max(0, last + pace.spacingMs - at)
    if (count < pace.max) return spaced
    const oldest = queue.started[count - pace.max] ?? at
    return Math.max(spaced, oldest + pace.windowMs - at)
  }

  /** The tabs of `customerIds`, by customer id; a failed customer maps to its error. */
  const readMany = async (
    queue: Queue,
    customerIds: string[],
  ): Promise<Map<string, TabSnapshot | Failure>> => {
    const { company, realmId, workspaceId } = queue
    const readOne = (customerId: string) =>
      inner(
        company,
        { kind: 'linked', realmId, customerId },
        { refresh: true, ...(workspaceId ? { workspaceId } : {}) },
      )
    const result = new Map<string, TabSnapshot | Failure>()
    if (customerIds.length === 1) {
      const [customerId = ''] = customerIds
      result.set(customerId, await readOne(customerId))
      return result
    }
    const readAt = now().toISOString()
    const groups: Group[] = chunks(customerIds, perQuery).map((ids) => ({
      customerIds: ids,
      customers: [],
      documents: DOCUMENT_ENTITIES.map(() => []),
    }))
    await readGroups(company, groups, maxExtraPages)
    for (const group of groups) {
      if (group.error === TOO_MANY_ROWS) {
        for (const customerId of group.customerIds)
          result.set(customerId, await readOne(customerId).catch((error: unknown) => new Failure(error)))
        continue
      }
      if (group.error !== undefined) {
        for (const customerId of group.customerIds) result.set(customerId, new Failure(group.error))
        continue
      }
      const byCustomer = new Map<string, unknown[][]>(
        group.customerIds.map((id) => [id, DOCUMENT_ENTITIES.map(() => [])]),
      )
      group.documents.forEach((rows, slot) => {
        for (const row of rows) byCustomer.get((row as Row).CustomerRef?.value ?? '')?.[slot]?.push(row)
      })
      const customers = new Map(group.customers.map((customer) => [customer.Id ?? '', customer]))
      for (const customerId of group.customerIds) {
        const documents = byCustomer.get(customerId) ?? []
        result.set(customerId, {
          kind: 'linked',
          customer: customers.get(customerId) ?? null,
          invoices: (documents[0] ?? []) as Invoice[],
          estimates: (documents[1] ?? []) as Estimate[],
          payments: (documents[2] ?? []) as Payment[],
          readAt,
        })
      }
    }
    return result
  }

  const pump = (key: string, queue: Queue) => {
    if (queue.scheduled || queue.inFlight >= maxInFlight || queue.pending.size === 0) return
    queue.scheduled = true
    const run = () => {
      queue.scheduled = false
      dispatch(key, queue)
    }
    const wait = waitBeforeNext(queue)
    if (wait > maxWaitMs) {
      queue.scheduled = false
      refusePending(queue, wait)
      return
    }
    if (wait > 0) delay(run, wait)
    else schedule(run)
  }

  const dispatch = (key: string, queue: Queue) => {
    if (queue.inFlight >= maxInFlight || queue.pending.size === 0) return
    queue.started.push(clock())
    const customerIds = [...queue.pending.keys()].slice(0, perQuery * GROUPS_PER_BATCH)
    const waiters = new Map(customerIds.map((id) => [id, queue.pending.get(id) ?? []]))
    for (const id of customerIds) queue.pending.delete(id)
    queue.inFlight++
    readMany(queue, customerIds)
      .then(
        (results) => {
          for (const [id, list] of waiters) {
            const outcome = results.get(id)
            for (const waiter of list) {
              if (outcome === undefined) waiter.reject(new Error('QBO returned no result for batch item'))
              else if (outcome instanceof Failure) waiter.reject(outcome.error)
              else waiter.resolve(outcome)
            }
          }
        },
        (error: unknown) => {
          for (const list of waiters.values()) for (const waiter of list) waiter.reject(error)
        },
      )
      .finally(() => {
        queue.inFlight--
        // An idle company is forgotten once its reads have left the pace window.
        const idle = queue.inFlight === 0 && queue.pending.size === 0
        if (idle && waitBeforeNext(queue) === 0 && queue.started.length === 0) queues.delete(key)
        else pump(key, queue)
      })
  }

  return (company, request, readOptions = {}) => {
    if (request.kind !== 'linked') return inner(company, request, readOptions)
    const workspaceId = readOptions.workspaceId
    // Per workspace: each read goes out with the workspace's own connection (its tokens).
    const key = `${workspaceId ?? ''}\u0000${request.realmId}`
    let queue = queues.get(key)
    if (!queue) {
      queue = {
        company,
        realmId: request.realmId,
        workspaceId,
        pending: new Map(),
        inFlight: 0,
        scheduled: false,
        started: [],
      }
      queues.set(key, queue)
    }
    queue.company = company
    const current = queue
    // Told at once rather than kept waiting: the company's pace will not allow a read soon enough.
    const wait = waitBeforeNext(current)
    if (wait > maxWaitMs) return Promise.reject(busy(wait))
    return new Promise<TabSnapshot>((resolve, reject) => {
      const waiting = current.pending.get(request.customerId)
      if (waiting) waiting.push({ resolve, reject })
      else current.pending.set(request.customerId, [{ resolve, reject }])
      pump(key, current)
    })
  }
}
