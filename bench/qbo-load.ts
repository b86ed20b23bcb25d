/**
 * The QuickBooks tab under load: 200 concurrent users (autocannon connections) open the tabs of 2,000 contacts,
 * each linked to its own QBO customer, for 60 s, starting with every tab cold. The emulator has 100 ms of
 * latency and QBO's real limits (500 requests/min, 10 concurrent, 40 batches/min per realm and app), so 2,000
 * cold tabs read one batch each would need 50 minutes of QBO's batch allowance: the server has to share
 * batches between users and keep what it read.
 *
 * Comparison: the targets of the performance issue — 0 errors, 0 throttles surfaced to users, p99 ≤ 1.5 s,
 * server peak RSS ≤ 300 MB. Also reports throughput, p50, throttles seen from QBO (429 answers counted by the
 * pass-through in front of the emulator) and QBO calls per minute (emulator stats).
 * Writes bench/results/qbo-load.json.
 *
 * Run: npm run bench:qbo-load -w @ledgerlink/bench   (USERS=200 RECORDS=2000 LOAD_SECONDS=60;
 *      the server runs with npm start's heap cap; SERVER_NODE_ARGS='' runs it with node's default heap)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import autocannon from 'autocannon'
import {
  insertCustomerLinks,
  LATENCY_MS,
  machine,
  resultPath,
  round,
  SHIPPED_SERVER_NODE_ARGS,
  startQboBench,
} from './qbo-harness'

const USERS = Number(process.env.USERS ?? 200)
const RECORDS = Number(process.env.RECORDS ?? 2_000)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const TARGETS = { errors: 0, throttlesSurfaced: 0, p99Ms: 1_500, rssMb: 300 } as const
/** Flags of the server's node, as qbo-harness.ts passes them (e.g. --max-old-space-size=200). */
const serverNodeArgs = process.env.SERVER_NODE_ARGS ?? SHIPPED_SERVER_NODE_ARGS

/** A small deterministic PRNG, so every run opens the same tabs in the same order. */
const random = (() => {
  let state = 7
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff
    return state / 0x7fffffff
  }
})()

const main = async () => {
  const recordIds: string[] = []
  const bench = await startQboBench({
    seed: { customers: RECORDS, documentsPerCustomer: 10 },
    async setup({ db, ctx, crm, emulator, realmId }) {
      const company = emulator.store.get(realmId)
      if (!company) throw new Error('The generated company is missing')
      const customers = [...company.list('Customer')].slice(0, RECORDS)
      if (customers.length < RECORDS) throw new Error(`The company has only ${customers.length} customers`)
      for (let start = 0; start < customers.length; start += 500) {
        const chunk = customers.slice(start, start + 500)
        const records = await db.transaction().execute((trx) =>
          crm.insertNew(
            trx,
            ctx,
            'contact',
            chunk.map((c, n) => ({ firstName: 'Load', lastName: `${start + n} ${String(c.DisplayName)}` })),
            'import',
          ),
        )
        await insertCustomerLinks(
          db,
          ctx.workspaceId,
          realmId,
          chunk.map((c, n) => ({
            recordId: records[n]?.id ?? '',
            customerId: String(c.Id),
            displayName: String(c.DisplayName),
          })),
        )
        recordIds.push(...records.map((r) => r.id))
      }
    },
  })

  try {
    const probe = await bench.api('GET', `/api/contacts/${recordIds[0]}/quickbooks/link`)
    if (probe.status !== 200) throw new Error(`link probe: ${probe.status}`)
    bench.emulator.resetStats()
    bench.statuses.clear()

    const rssBefore = bench.rssMb()
    const stopSampling = bench.sampleRss(100)
    const started = performance.now()
    const result = await autocannon({
      url: bench.serverUrl,
      connections: USERS,
      duration: SECONDS,
      timeout: 10,
      headers: { cookie: bench.session.cookie },
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/api/contacts/${recordIds[Math.floor(random() * recordIds.length)]}/quickbooks`,
          }),
        },
      ],
    })
    const elapsedMinutes = (performance.now() - started) / 60_000
    const peakRssMb = stopSampling()

    const stats = bench.emulator.stats()
    const qboCalls = stats.byRealm[bench.realmId]?.total ?? 0
    const byEndpoint = stats.byRealm[bench.realmId]?.byEndpoint ?? {}
    const throttlesFromQbo = bench.statuses.get(429) ?? 0
    const statusCounts = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    )
    const throttlesSurfaced = Number(statusCounts['429'] ?? 0)
    const errors = result.errors + result.non2xx
    const figures = {
      users: USERS,
      records: RECORDS,
      seconds: SECONDS,
      requests: result.requests.total,
      throughputPerSecond: round(result.requests.average, 1),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      errors,
      timeouts: result.timeouts,
      statusCounts,
      throttlesSurfaced,
      throttlesFromQbo,
      qboCalls,
      qboCallsByEndpoint: byEndpoint,
      qboCallsPerMinute: round(qboCalls / elapsedMinutes, 1),
      qboItemsNote: 'a batch request carries up to 30 queries; QBO meters each item like a call',
      rssMb: { beforeLoad: rssBefore, peak: peakRssMb },
    }
    const met = {
      errors: errors === TARGETS.errors,
      throttlesSurfaced: throttlesSurfaced === TARGETS.throttlesSurfaced,
      p99: result.latency.p99 <= TARGETS.p99Ms,
      rss: peakRssMb <= TARGETS.rssMb,
    }
    const yes = (ok: boolean) => (ok ? 'yes' : 'no')
    const endpoints = Object.entries(byEndpoint)
      .map(([endpoint, count]) => `${endpoint} ${count}`)
      .join(', ')
    const table = [
      `QuickBooks tab under load: ${USERS} users, ${RECORDS} linked contacts, ${SECONDS} s, emulator latency ${LATENCY_MS} ms, QBO limits on, server node flags: ${serverNodeArgs || 'none'}`,
      '| figure | value | target | met |',
      '| --- | ---: | --- | --- |',
      `| throughput | ${figures.throughputPerSecond} req/s (${figures.requests} requests) | — | — |`,
      `| latency p50 / p99 | ${figures.latencyMs.p50} ms / ${figures.latencyMs.p99} ms | p99 ≤ ${TARGETS.p99Ms} ms | ${yes(met.p99)} |`,
      `| errors (non-2xx + connection errors) | ${errors} | 0 | ${yes(met.errors)} |`,
      `| throttles surfaced to users (429) | ${throttlesSurfaced} | 0 | ${yes(met.throttlesSurfaced)} |`,
      `| throttles seen from QBO (429) | ${throttlesFromQbo} | — | — |`,
      `| QBO calls | ${qboCalls} (${figures.qboCallsPerMinute}/min; ${endpoints}) | within QBO's limits (no 429) | ${yes(throttlesFromQbo === 0)} |`,
      `| server peak RSS | ${peakRssMb} MB (${rssBefore} MB before the load) | ≤ ${TARGETS.rssMb} MB | ${yes(met.rss)} |`,
    ]
    process.stdout.write(`${table.join('\n')}\n`)

    const report = {
      benchmark: 'qbo-load',
      comparison:
        'targets of the performance issue: 0 errors, 0 throttles surfaced, p99 ≤ 1.5 s, RSS ≤ 300 MB',
      date: new Date().toISOString(),
      machine: machine(),
      setup: {
        latencyMs: LATENCY_MS,
        rateLimits: 'QBO: 500/min, 10 concurrent, 40 batch/min per realm and app',
        database: 'SQLite',
        client: 'autocannon in the benchmark process (with the emulator); the server is a child process',
        company: `generated: ${RECORDS} customers × 10 documents`,
        serverNodeArgs: serverNodeArgs || null,
        cacheFreshnessSeconds: 60,
      },
      targets: TARGETS,
      figures,
      met,
    }
    // A run with other server flags keeps its own file, beside the run of the server as shipped.
    const out = resultPath(serverNodeArgs ? 'qbo-load-node-flags' : 'qbo-load')
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
    process.stdout.write(`wrote ${out}\n`)
  } finally {
    await bench.close()
  }
}

await main()
