/**
 * Emulator read benchmark. Comparison: 2,000 reads per second of `GET /v3/company/{realm}/customer/{id}`
 * against the in-process emulator (latency 0, rate limits off), with keep-alive connections driven from the
 * same process. Also measures the heavier read a contact page makes: the open invoices of the demo's
 * busiest customer (about 300 documents) through the query endpoint, how long the generator takes to seed
 * 50,000 customers × 10 documents, and customer reads in that large company.
 * Writes bench/results/emulator-reads.json.
 *
 * Run: npm run bench:emulator -w @ledgerlink/bench [-- --seconds 5 --connections 8]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createEmulator, DEMO_REALM_ID } from '@ledgerlink/qbo-emulator'

const TARGET_READS_PER_SECOND = 2_000
const WARMUP_MS = 1_000
const GENERATED = { customers: 50_000, documentsPerCustomer: 10 } as const

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
  },
})
const seconds = Math.min(60, Math.max(1, Number(args.seconds) || 5))
const connections = Math.min(64, Math.max(1, Number(args.connections) || 8))

interface Scenario {
  name: string
  /** Path (with query) of the n-th request. */
  path: (n: number) => string
  /** Checks a response body now and then (every 97th request), so a broken route cannot look fast. */
  check: (body: string) => boolean
}

interface ScenarioResult {
  scenario: string
  requests: number
  errors: number
  readsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

/** One GET over the keep-alive agent; resolves to the status and body. */
function get(
  agent: Agent,
  port: number,
  path: string,
  token: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Runs `connections` request loops for `ms`; records latencies only when `record` is set. */
async function drive(
  port: number,
  token: string,
  scenario: Scenario,
  ms: number,
  record: boolean,
): Promise<ScenarioResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies: number[] = []
  let errors = 0
  let n = 0
  const start = performance.now()
  const deadline = start + ms
  const loop = async () => {
    while (performance.now() < deadline) {
      const i = n++
      const t0 = performance.now()
      try {
        const res = await get(agent, port, scenario.path(i), token)
        const ok = res.status === 200 && (i % 97 !== 0 || scenario.check(res.body))
        if (!ok) errors++
      } catch {
        errors++
      }
      if (record) latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsed = performance.now() - start
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    scenario: scenario.name,
    requests: n,
    errors,
    readsPerSecond: round((n / elapsed) * 1000, 0),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
  }
}

/** Warms up, then measures each scenario against a listening emulator. */
async function runScenarios(port: number, token: string, scenarios: Scenario[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = []
  for (const scenario of scenarios) {
    await drive(port, token, scenario, WARMUP_MS, false)
    const result = await drive(port, token, scenario, seconds * 1000, true)
    results.push(result)
    console.log(
      `${scenario.name}: ${result.readsPerSecond} reads/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.errors} errors (${result.requests} requests)`,
    )
  }
  return results
}

const isCustomer = (body: string) =>
  typeof (JSON.parse(body) as { Customer?: { Id?: unknown } }).Customer?.Id === 'string'

/** The demo company: customer reads (the target) and the ~300-document contact's invoice query. */
async function demoScenarios(): Promise<ScenarioResult[]> {
  const emulator = createEmulator({ seed: 'demo', latencyMs: 0, rateLimits: false, logger: false })
  const port = Number(new URL(await emulator.listen({ port: 0, host: '127.0.0.1' })).port)
  try {
    const token = emulator.issueTokens(DEMO_REALM_ID).access_token
    const company = emulator.store.get(DEMO_REALM_ID)
    if (!company) throw new Error('The demo company is missing')
    const customerIds = [...company.list('Customer')].map((c) => String(c.Id))
    const busy = [...company.list('Customer')].find((c) => c.DisplayName === "Amy's Bird Sanctuary")
    if (!busy) throw new Error("The demo customer Amy's Bird Sanctuary is missing")
    const busyQuery = encodeURIComponent(
      `select * from Invoice where CustomerRef = '${String(busy.Id)}' maxresults 1000`,
    )
    const base = `/v3/company/${DEMO_REALM_ID}`
    return await runScenarios(port, token, [
      {
        name: 'read customer by id (demo company)',
        path: (i) => `${base}/customer/${customerIds[i % customerIds.length]}?minorversion=75`,
        check: isCustomer,
      },
      {
        name: 'query invoices of a customer with ~300 documents',
        path: () => `${base}/query?query=${busyQuery}&minorversion=75`,
        check: (body) =>
          ((JSON.parse(body) as { QueryResponse?: { Invoice?: unknown[] } }).QueryResponse?.Invoice?.length ??
            0) > 100,
      },
    ])
  } finally {
    await emulator.close()
  }
}

/** A generated company of 50,000 customers × 10 documents: how long seeding takes, then customer reads. */
async function generatedScenario(): Promise<{ generateMs: number; result: ScenarioResult }> {
  const t0 = performance.now()
  const emulator = createEmulator({
    seed: { customers: GENERATED.customers, documentsPerCustomer: GENERATED.documentsPerCustomer },
    latencyMs: 0,
    rateLimits: false,
    logger: false,
  })
  const generateMs = round(performance.now() - t0, 0)
  console.log(
    `generated ${GENERATED.customers} customers × ${GENERATED.documentsPerCustomer} documents in ${generateMs} ms`,
  )
  const port = Number(new URL(await emulator.listen({ port: 0, host: '127.0.0.1' })).port)
  try {
    const [company] = emulator.companies()
    if (!company) throw new Error('The generated company is missing')
    const token = emulator.issueTokens(company.realmId).access_token
    const [result] = await runScenarios(port, token, [
      {
        name: `read customer by id (${GENERATED.customers} customers, ${GENERATED.customers * GENERATED.documentsPerCustomer} documents)`,
        // Spread the reads over the whole customer list (7919 is prime, so the ids do not repeat early).
        path: (i) =>
          `/v3/company/${company.realmId}/customer/${((i * 7919) % GENERATED.customers) + 1}?minorversion=75`,
        check: isCustomer,
      },
    ])
    return { generateMs, result: result as ScenarioResult }
  } finally {
    await emulator.close()
  }
}

async function main() {
  const results = await demoScenarios()
  const generated = await generatedScenario()
  const primary = results[0] as ScenarioResult
  const ratio = round(primary.readsPerSecond / TARGET_READS_PER_SECOND)
  console.log(
    `customer reads: ${primary.readsPerSecond}/s = ${ratio}× the ${TARGET_READS_PER_SECOND}/s target${primary.errors ? ' (with errors!)' : ''}`,
  )
  const report = {
    benchmark: 'emulator-reads',
    comparison: `GET customer by id at ${TARGET_READS_PER_SECOND} reads/s or more (latency 0, rate limits off)`,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverage1m: round(loadavg()[0] ?? 0) },
    setup: {
      seconds,
      warmupMs: WARMUP_MS,
      connections,
      client:
        'node:http keep-alive agent in the same process as the emulator (client and server share the CPU)',
    },
    target: TARGET_READS_PER_SECOND,
    ratio,
    meetsTarget: ratio >= 1 && primary.errors === 0,
    results: [...results, generated.result],
    generator: { ...GENERATED, ms: generated.generateMs },
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'emulator-reads.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`wrote ${out}`)
}

await main()
