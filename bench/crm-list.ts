/**
 * CRM list and search latency with 100,000 contacts in one workspace, SQLite (embedded, WAL) against
 * PostgreSQL 15 (a throw-away local cluster, or DATABASE_URL). Measures the service call the list route makes
 * (query + name lookups), p50/p99 over repeated runs. Writes bench/results/crm-list.json.
 *
 * Run: npm run bench:crm -w @ledgerlink/bench   (CONTACTS=20000 for a quicker run)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createCrmService,
  createWorkspace,
  type Db,
  type Dialect,
  migrateToLatest,
  openDatabase,
  startPostgresCluster,
} from '@ledgerlink/server'
import type { Kysely } from 'kysely'

const CONTACTS = Number(process.env.CONTACTS ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 200)
const CHUNK = 2_000

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'Wei',
  'Priya',
  'Carlos',
  'Aisha',
  'Kenji',
  'Olga',
  'Mateo',
  'Fatima',
  'Liam',
  'Sofia',
]
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Nguyen',
  'Patel',
  'Kim',
  'Andersson',
  'Okafor',
  'Rossi',
  'Müller',
  'Dubois',
  'Kowalski',
  'Tanaka',
]

/** A small deterministic PRNG so every run inserts the same data. */
const random = (() => {
  let state = 42
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff
    return state / 0x7fffffff
  }
})()
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

const measure = async (run: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 10; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await run(i)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

const benchDatabase = async (dialect: Dialect, db: Db) => {
  await migrateToLatest(db as unknown as Kysely<unknown>)
  const { workspace, admin } = await createWorkspace(db, {
    name: 'Bench',
    adminEmail: `bench-${dialect}@example.test`,
    adminName: 'Bench',
  })
  const ctx = { workspaceId: workspace.id, userId: admin.id }
  const crm = createCrmService(db)
  const insertStart = performance.now()
  for (let done = 0; done < CONTACTS; done += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, CONTACTS - done) }, (_, k) => {
      const firstName = pick(FIRST)
      const lastName = pick(LAST)
      const n = done + k
      return {
        firstName,
        lastName,
        email: `${firstName}.${lastName}.${n}@example.com`.toLowerCase(),
        phone: `(555) ${String(n % 1000).padStart(3, '0')}-${String(n % 10_000).padStart(4, '0')}`,
      }
    })
    await db.transaction().execute((trx) => crm.insertNew(trx, ctx, 'contact', rows, 'import'))
  }
  const insertSeconds = (performance.now() - insertStart) / 1000

  const cursors: (string | undefined)[] = [undefined]
  for (let i = 0; i < RUNS + 10; i++) {
    const page = await crm.listRecords(ctx, 'contact', { sort: 'name', limit: 25, cursor: cursors.at(-1) })
    cursors.push(page.nextCursor ?? undefined)
  }
  const results = {
    'list first page (name)': await measure(() =>
      crm.listRecords(ctx, 'contact', { sort: 'name', limit: 25 }),
    ),
    'list next page (cursor)': await measure((i) =>
      crm.listRecords(ctx, 'contact', { sort: 'name', limit: 25, cursor: cursors[i + 1] }),
    ),
    'list newest first (-updatedAt)': await measure(() =>
      crm.listRecords(ctx, 'contact', { sort: '-updatedAt', limit: 25 }),
    ),
    'search name ("ander")': await measure(() =>
      crm.listRecords(ctx, 'contact', { q: 'ander', sort: 'name', limit: 25 }),
    ),
    'search email (one match)': await measure((i) =>
      crm.listRecords(ctx, 'contact', { q: `.${(i * 397) % CONTACTS}@example`, sort: 'name', limit: 25 }),
    ),
    'search with no match': await measure(() =>
      crm.listRecords(ctx, 'contact', { q: 'zzqqxx', sort: 'name', limit: 25 }),
    ),
  }
  return { insertSeconds, results }
}

const main = async () => {
  const report: Record<string, Awaited<ReturnType<typeof benchDatabase>>> = {}

  const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-bench-'))
  const sqlite = openDatabase({ sqliteFile: join(dir, 'bench.sqlite') })
  try {
    report.sqlite = await benchDatabase('sqlite', sqlite.db)
  } finally {
    await sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  }

  const cluster = process.env.DATABASE_URL ? undefined : await startPostgresCluster()
  const postgres = openDatabase({ databaseUrl: process.env.DATABASE_URL ?? cluster?.url })
  try {
    report.postgres = await benchDatabase('postgres', postgres.db)
  } finally {
    await postgres.close()
    cluster?.stop()
  }

  const operations = Object.keys(report.sqlite?.results ?? {})
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`
  const lines = [
    `CRM list/search, ${CONTACTS.toLocaleString('en-US')} contacts, ${RUNS} runs each (ms)`,
    row(['operation', 'SQLite p50', 'SQLite p99', 'PostgreSQL p50', 'PostgreSQL p99', 'PG/SQLite p50']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
  ]
  for (const operation of operations) {
    const s = report.sqlite?.results[operation as keyof typeof report.sqlite.results]
    const p = report.postgres?.results[operation as keyof typeof report.postgres.results]
    if (!s || !p) continue
    lines.push(
      row([
        operation,
        s.p50.toFixed(2),
        s.p99.toFixed(2),
        p.p50.toFixed(2),
        p.p99.toFixed(2),
        `${(p.p50 / s.p50).toFixed(1)}×`,
      ]),
    )
  }
  lines.push(
    `insert ${CONTACTS.toLocaleString('en-US')} contacts with history: SQLite ${report.sqlite?.insertSeconds.toFixed(1)} s, PostgreSQL ${report.postgres?.insertSeconds.toFixed(1)} s`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)

  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'crm-list.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), contacts: CONTACTS, runs: RUNS, machine: { cpus: cpus().length, loadavg: loadavg() }, ...report }, null, 2)}\n`,
  )
}

await main()
