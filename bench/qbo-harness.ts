/**
 * What the QuickBooks benchmarks share: the QBO emulator (in this process, 100 ms of latency per request and
 * QBO's real limits: 500 requests/min, 10 concurrent, 40 batches/min per realm and app, API-NOTES.md §9), a
 * counting pass-through in front of it (the emulator's stats count requests, not how it answered them, and
 * a throttle is an answer), the Ledgerlink server as a child process on a fresh SQLite database, and a
 * signed-in administrator whose workspace is connected through the real OAuth flow. Not a benchmark itself.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEmulator, type Emulator, type SeedOption, type StatsSnapshot } from '@ledgerlink/qbo-emulator'
import {
  createCrmService,
  createWorkspace,
  type Db,
  freePort,
  migrateToLatest,
  openDatabase,
} from '@ledgerlink/server'
import type { Kysely } from 'kysely'

/** The node flags `npm start` runs the server with (docs/decisions/005-server-heap-cap.md). */
export const SHIPPED_SERVER_NODE_ARGS = '--max-old-space-size=200'

/** Latency the emulator adds to every Accounting API request (the figure). */
export const LATENCY_MS = 100

/** The development app the server uses, and a second app for the node-quickbooks integration. */
const LEDGERLINK_APP = { clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret' }
export const OTHER_APP = { clientId: 'node-quickbooks-app', clientSecret: 'node-quickbooks-secret' }

const here = dirname(fileURLToPath(import.meta.url))

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
export const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0)
export const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  )

/** The machine line every result file carries (2 shared cores: the load average matters). */
export const machine = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: round(totalmem() / 1024 ** 3, 1),
  node: process.version,
  loadAverage1m: round(loadavg()[0] ?? 0),
})

/** Requests made to QBO between two stats snapshots (of one realm when given). */
export const callsBetween = (before: StatsSnapshot, after: StatsSnapshot, realmId?: string) => {
  const pick = (s: StatsSnapshot) => (realmId ? (s.byRealm[realmId]?.byEndpoint ?? {}) : s.byEndpoint)
  const a = pick(before)
  const b = pick(after)
  const byEndpoint: Record<string, number> = {}
  for (const [endpoint, count] of Object.entries(b)) {
    const delta = count - (a[endpoint] ?? 0)
    if (delta > 0) byEndpoint[endpoint] = delta
  }
  return { total: Object.values(byEndpoint).reduce((sum, n) => sum + n, 0), byEndpoint }
}

/** A pass-through to the emulator that counts how it answered (statuses), for throttles (429) in particular. */
type CountingProxy = {
  url: string
  statuses: Map<number, number>
  /** Milliseconds from each Accounting API request's arrival to the end of its answer. */
  durations: number[]
  /** When each Accounting API request arrived and its answer ended (performance.now() of this process). */
  spans: Array<{ start: number; end: number }>
  close: () => Promise<void>
}

const startCountingProxy = async (target: string): Promise<CountingProxy> => {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const statuses = new Map<number, number>()
  const durations: number[] = []
  const spans: Array<{ start: number; end: number }> = []
  const server: Server = createServer((req, res) => {
    const started = performance.now()
    if (req.url?.startsWith('/v3/'))
      res.once('finish', () => {
        const end = performance.now()
        durations.push(end - started)
        spans.push({ start: started, end })
      })
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        const status = answer.statusCode ?? 0
        if (req.url?.startsWith('/v3/')) statuses.set(status, (statuses.get(status) ?? 0) + 1)
        res.writeHead(status, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    durations,
    spans,
    close: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The server's resident memory in MB, from /proc (Linux). */
const rssMb = (pid: number): number => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? round(Number(match[1]) / 1024, 1) : 0
  } catch {
    return 0
  }
}

export type Session = { cookie: string; csrfToken: string }

/** What a setup callback gets: the database (before the server opens it), the workspace and the company. */
export type SetupContext = {
  db: Db
  ctx: { workspaceId: string; userId: string }
  crm: ReturnType<typeof createCrmService>
  emulator: Emulator
  realmId: string
}

export type QboBench = {
  emulator: Emulator
  realmId: string
  /** Where QBO clients should go: the counting pass-through in front of the emulator. */
  qboUrl: string
  /** Base URL of the Ledgerlink server. */
  serverUrl: string
  serverPid: number
  session: Session
  /** Statuses of the emulator's Accounting API answers, as the server saw them. */
  statuses: Map<number, number>
  /** How long each Accounting API request took at QBO (the emulator plus its latency), in ms. */
  qboDurations: number[]
  /** Start and end of each Accounting API request at QBO, on this process's performance clock. */
  qboSpans: Array<{ start: number; end: number }>
  /** A signed-in JSON request to the server; resolves to the status and parsed body. */
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>
  /** Samples the server's RSS every `everyMs` until the returned stop() (which gives the peak in MB). */
  sampleRss: (everyMs?: number) => () => number
  rssMb: () => number
  close: () => Promise<void>
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')

/** Submits the emulator's consent page (Connect to `realmId`) and returns the callback URL it redirects to. */
const answerConsent = async (authorizationUrl: string, realmId: string): Promise<URL> => {
  const page = await fetch(authorizationUrl)
  const html = await page.text()
  if (page.status !== 200) throw new Error(`consent page failed: ${page.status}`)
  const form = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.set(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''))
  form.set('decision', 'connect')
  form.set('realmId', realmId)
  const answer = await fetch(new URL('/connect/oauth2', authorizationUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const location = answer.headers.get('location')
  if (answer.status !== 302 || !location) throw new Error(`consent answer failed: ${answer.status}`)
  return new URL(location)
}

/**
 * Starts everything: the emulator (`seed`, latency off and limits on while the data is prepared), the
 * workspace and whatever `setup` writes into the database, the server, the sign-in and the connection. Ends
 * with the emulator at {@link LATENCY_MS} and its limiter and stats reset, so measurements start clean.
 */
export const startQboBench = async (options: {
  seed: SeedOption
  /** Which company to connect (default: the first). */
  realmId?: (emulator: Emulator) => string
  setup?: (context: SetupContext) => Promise<void>
  /** Extra environment of the server process. */
  env?: Record<string, string>
}): Promise<QboBench> => {
  const redirectUris: string[] = []
  const emulator = createEmulator({
    seed: options.seed,
    latencyMs: 0,
    rateLimits: true,
    logger: false,
    clients: [
      { ...LEDGERLINK_APP, redirectUris },
      { ...OTHER_APP, redirectUris: [] },
    ],
  })
  const emulatorUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
  const proxy = await startCountingProxy(emulatorUrl)
  const realmId = options.realmId?.(emulator) ?? emulator.companies()[0]?.realmId ?? ''
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerlink-qbo-bench-'))

  const password = randomBytes(12).toString('base64url')
  const email = 'bench-admin@example.test'
  const prepared = openDatabase({ sqliteFile: join(dataDir, 'ledgerlink.sqlite') })
  try {
    await migrateToLatest(prepared.db as unknown as Kysely<unknown>)
    const { workspace, admin } = await createWorkspace(prepared.db, {
      name: 'Bench',
      adminEmail: email,
      adminName: 'Bench Admin',
      password,
    })
    await options.setup?.({
      db: prepared.db,
      ctx: { workspaceId: workspace.id, userId: admin.id },
      crm: createCrmService(prepared.db),
      emulator,
      realmId,
    })
  } finally {
    await prepared.close()
  }

  const port = await freePort()
  redirectUris.push(
    `http://localhost:${port}/api/quickbooks/callback`,
    `http://127.0.0.1:${port}/api/quickbooks/callback`,
  )
  // SERVER_NODE_ARGS passes flags to the server's node (e.g. --cpu-prof to see where its time goes); by
  // default the server runs with the heap cap `npm start` gives it (packages/server/package.json).
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? SHIPPED_SERVER_NODE_ARGS).split(' ').filter(Boolean)
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(here, 'qbo-server.ts')],
    {
      cwd: here,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        LEDGERLINK_DATA_DIR: dataDir,
        LEDGERLINK_SEED_DEMO: 'false',
        LEDGERLINK_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
        QBO_EMULATOR_PORT: new URL(proxy.url).port,
        WEB_DIST_DIR: join(dataDir, 'no-web-app'),
        ...options.env,
      },
    },
  )
  // Never leave the server behind, whatever happens to this process.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const shutDown = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
    if (child.exitCode === null) child.kill('SIGKILL')
    await proxy.close()
    await emulator.close()
    rmSync(dataDir, { recursive: true, force: true })
    process.off('exit', killOnExit)
  }
  const started = async () => {
    const serverUrl = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        const match = /listening (\S+)/.exec(out)
        if (match) resolve(match[1] as string)
      })
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)))
    })
    const pid = child.pid ?? 0

    const signIn = await fetch(`${serverUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const { csrfToken } = (await signIn.json()) as { csrfToken: string }
    const session = { cookie, csrfToken }

    const api: QboBench['api'] = async (method, path, body) => {
      const response = await fetch(`${serverUrl}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
    }

    const connect = await api('POST', '/api/quickbooks/connect', {})
    if (connect.status !== 200) throw new Error(`connect failed: ${connect.status}`)
    const callback = await answerConsent(
      (connect.body as { authorizationUrl: string }).authorizationUrl,
      realmId,
    )
    const done = await fetch(`${serverUrl}${callback.pathname}${callback.search}`, {
      headers: { cookie },
      redirect: 'manual',
    })
    const location = done.headers.get('location') ?? ''
    if (!location.includes('quickbooks=connected')) throw new Error(`connection failed: ${location}`)

    emulator.configure({ latencyMs: LATENCY_MS, rateLimits: true })
    emulator.resetStats()
    proxy.statuses.clear()
    proxy.durations.length = 0
    proxy.spans.length = 0
    return { serverUrl, pid, session, api }
  }
  let ready: Awaited<ReturnType<typeof started>>
  try {
    ready = await started()
  } catch (error) {
    await shutDown()
    throw error
  }
  const { serverUrl, pid, session, api } = ready

  return {
    emulator,
    realmId,
    qboUrl: proxy.url,
    serverUrl,
    serverPid: pid,
    session,
    statuses: proxy.statuses,
    qboDurations: proxy.durations,
    qboSpans: proxy.spans,
    api,
    rssMb: () => rssMb(pid),
    sampleRss(everyMs = 100) {
      let peak = rssMb(pid)
      const timer = setInterval(() => {
        peak = Math.max(peak, rssMb(pid))
      }, everyMs)
      return () => {
        clearInterval(timer)
        return Math.max(peak, rssMb(pid))
      }
    },
    close: shutDown,
  }
}

/** Inserts customer links straight into the database (the bench's fixture; the route would read QBO each time). */
export const insertCustomerLinks = async (
  db: Db,
  workspaceId: string,
  realmId: string,
  links: ReadonlyArray<{ recordId: string; customerId: string; displayName: string }>,
) => {
  const linkedAt = new Date().toISOString()
  for (let start = 0; start < links.length; start += 200) {
    await db
      .insertInto('qbo_customer_links')
      .values(
        links.slice(start, start + 200).map((link) => ({
          workspace_id: workspaceId,
          record_id: link.recordId,
          realm_id: realmId,
          customer_id: link.customerId,
          display_name: link.displayName,
          linked_by: null,
          linked_at: linkedAt,
        })),
      )
      .execute()
  }
}

/** Writes a benchmark's JSON next to the others. */
export const resultPath = (name: string) => join(here, 'results', `${name}.json`)
