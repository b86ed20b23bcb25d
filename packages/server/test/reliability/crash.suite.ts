import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, DEMO_REALM_ID, type Emulator } from '@ledgerlink/qbo-emulator'
import { describe, type ExpectStatic, it } from 'vitest'
import type { Dialect } from '../../src/db'
import { createTestDatabase, testDatabases } from '../helpers'
import { answerConsent } from '../quickbooks-helpers'
import { tally } from './figures'
import { freePort, type ServerProcess, serverProcess } from './server-process'
import { LONG, sized } from './sizes'

type State = { customerId: string | null; phone: string | null; website: string | null }
type Op =
  | { kind: 'link'; customerId: string }
  | { kind: 'unlink' }
  | { kind: 'copy'; phone: string; website: string }
type Session = { cookie: string; headers: Record<string, string> }

const sameState = (a: State, b: State) =>
  a.customerId === b.customerId && a.phone === b.phone && a.website === b.website

const outcomeOf = (before: State, op: Op): State =>
  op.kind === 'link'
    ? { ...before, customerId: op.customerId }
    : op.kind === 'unlink'
      ? { ...before, customerId: null }
      : { ...before, phone: op.phone, website: op.website }

const show = (state: State) => JSON.stringify(state)

/** The answers that refuse an operation whole when QuickBooks throttles or fails: 429 busy, 503 unavailable. */
const REFUSALS = /"code":"quickbooks_(busy|unavailable)"/

type Rig = { emulator: Emulator; server: ServerProcess; close: () => Promise<void> }

/**
 * QuickBooks lives outside the server process, as Intuit does: it survives every kill. The server finds it on
 * QBO_EMULATOR_PORT (its own embedded emulator cannot take the busy port and steps aside).
 */
const startRig = async (dialect: Dialect): Promise<Rig> => {
  const port = await freePort()
  const callbacks = [`http://127.0.0.1:${port}`, `http://localhost:${port}`].map(
    (origin) => `${origin}/api/quickbooks/callback`,
  )
  const emulator = createEmulator({
    testMode: true,
    seed: 'demo',
    clients: [{ clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret', redirectUris: callbacks }],
  })
  // Port 0: the emulator takes a free port itself, which no other test can take first.
  const emulatorPort = new URL(await emulator.listen({ port: 0, host: '127.0.0.1' })).port
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerlink-crash-'))
  const database = dialect === 'postgres' ? await createTestDatabase('postgres') : undefined
  const server = serverProcess({
    port,
    env: {
      NODE_ENV: 'production',
      LEDGERLINK_DATA_DIR: dataDir,
      LEDGERLINK_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
      LEDGERLINK_ADMIN_EMAIL: 'crash@example.test',
      LEDGERLINK_ADMIN_PASSWORD: 'crash-admin-password',
      QBO_EMULATOR_PORT: emulatorPort,
      QBO_CDC_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'error',
      WEB_DIST_DIR: '/nonexistent',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    },
  })
  const close = async () => {
    await server.stop()
    await emulator.close()
    await database?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await server.start()
  } catch (error) {
    await close()
    throw error
  }
  return { emulator, server, close }
}

const crashRun = async (dialect: Dialect, { emulator, server }: Rig, expect: ExpectStatic) => {
  const totalOps = sized(60, 1_000)
  const kills = sized(2, 12)
  const score = tally(`4 SIGKILL during link/unlink/copy (${dialect})`)
  const url = (path: string) => `${server.baseUrl}${path}`
  const signIn = async (): Promise<Session> => {
    const response = await fetch(url('/api/auth/sign-in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'crash@example.test', password: 'crash-admin-password' }),
    })
    expect(response.status).toBe(200)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const { csrfToken } = (await response.json()) as { csrfToken: string }
    return {
      cookie,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    }
  }
  const session = await signIn()
  const call = (method: string, path: string, body?: unknown) =>
    fetch(url(path), {
      method,
      signal: AbortSignal.timeout(30_000),
      headers:
        body === undefined
          ? { cookie: session.cookie, 'x-csrf-token': session.headers['x-csrf-token'] ?? '' }
          : session.headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  // Connect through the real consent flow.
  const started = await call('POST', '/api/quickbooks/connect')
  expect(started.status).toBe(200)
  const { authorizationUrl } = (await started.json()) as { authorizationUrl: string }
  const callback = await answerConsent(authorizationUrl, { realmId: DEMO_REALM_ID })
  const landed = await fetch(url(`${callback.pathname}${callback.search}`), {
    headers: { cookie: session.cookie },
    redirect: 'manual',
  })
  expect(landed.headers.get('location')).toContain('quickbooks=connected')

  const company = emulator.store.get(DEMO_REALM_ID)
  if (!company) throw new Error('no demo company')
  const customers = [...company.list('Customer')]
    .filter((customer) => customer.Active !== false)
    .map((customer) => String(customer.Id))
  const count = Math.min(8, customers.length)
  const records: string[] = []
  for (let index = 0; index < count; index++) {
    const created = await call('POST', '/api/organizations', { name: `Crash Test ${dialect} ${index}` })
    expect(created.status).toBe(201)
    records.push(((await created.json()) as { id: string }).id)
  }
  const believed: State[] = records.map(() => ({ customerId: null, phone: null, website: null }))
  const pending = new Map<number, { before: State; after: State }>()
  let serial = 0
  let done = 0
  const problems: string[] = []

  const readState = async (index: number): Promise<State> => {
    const id = records[index]
    const record = (await (await call('GET', `/api/organizations/${id}`)).json()) as {
      phone?: string | null
      website?: string | null
    }
    const link = (await (await call('GET', `/api/organizations/${id}/quickbooks/link`)).json()) as {
      link: { customerId: string } | null
    }
    return {
      customerId: link.link?.customerId ?? null,
      phone: record.phone ?? null,
      website: record.website ?? null,
    }
  }

  const nextOp = (index: number): Op => {
    const state = believed[index] as State
    if (state.customerId === null) return { kind: 'link', customerId: customers[index] as string }
    if (Math.random() < 0.6) {
      const n = ++serial
      return {
        kind: 'copy',
        phone: `(555) ${String(n % 1000).padStart(3, '0')}-${String(n).padStart(4, '0').slice(-4)}`,
        website: `https://crash-${dialect}-${n}.example.com`,
      }
    }
    return { kind: 'unlink' }
  }

  const send = async (index: number, op: Op): Promise<Response> => {
    const id = records[index]
    if (op.kind === 'link')
      return call('PUT', `/api/organizations/${id}/quickbooks/link`, { customerId: op.customerId })
    if (op.kind === 'unlink') return call('DELETE', `/api/organizations/${id}/quickbooks/link`)
    const customerId = (believed[index] as State).customerId as string
    const current = company.read('Customer', customerId)
    company.update(
      'Customer',
      {
        Id: customerId,
        SyncToken: String(current?.SyncToken ?? '0'),
        PrimaryPhone: { FreeFormNumber: op.phone },
        WebAddr: { URI: op.website },
      },
      { sparse: true },
    )
    return call('POST', `/api/organizations/${id}/quickbooks/copy`, {
      direction: 'from_quickbooks',
      fields: ['phone', 'website'],
    })
  }

  const worker = async (index: number, alive: () => boolean) => {
    while (alive() && done < totalOps) {
      const op = nextOp(index)
      const before = believed[index] as State
      done++
      let response: Response
      let body = ''
      try {
        response = await send(index, op)
        body = await response.text()
      } catch (error) {
        if (!killing) {
          problems.push(`${op.kind} on record ${index} failed with the server up: ${String(error)}`)
          return
        }
        // The server died with this request in flight: it may or may not have been applied, but wholly.
        pending.set(index, { before, after: outcomeOf(before, op) })
        return
      }
      if (response.status >= 200 && response.status < 300) {
        believed[index] = outcomeOf(before, op)
        score.ok()
      } else if (REFUSALS.test(body)) {
        // "QuickBooks is busy / unavailable": refused whole, so the record must be as it was (verified below).
        refused++
        await new Promise((r) => setTimeout(r, 250))
      } else {
        score.fail()
        problems.push(`${op.kind} on record ${index} answered ${response.status}: ${body.slice(0, 300)}`)
        return
      }
    }
  }

  const verify = async () => {
    for (let index = 0; index < records.length; index++) {
      const actual = await readState(index)
      const expected = believed[index] as State
      const inFlight = pending.get(index)
      if (inFlight) {
        if (!sameState(actual, inFlight.before) && !sameState(actual, inFlight.after)) {
          problems.push(
            `record ${index}: half-done ${show(actual)}, expected ${show(inFlight.before)} or ${show(inFlight.after)}`,
          )
        }
        believed[index] = actual
      } else if (!sameState(actual, expected)) {
        problems.push(`record ${index}: lost an acknowledged change: ${show(actual)} ≠ ${show(expected)}`)
      }
    }
    pending.clear()
  }

  let killed = 0
  let refused = 0
  let killing = false
  let inFlightAtKill = 0
  const perRound = Math.ceil(totalOps / (kills + 1))
  while (done < totalOps && problems.length === 0) {
    const target = Math.min(totalOps, done + perRound)
    const crash = killed < kills
    let alive = true
    let working = records.length
    const workers = records.map((_, index) =>
      worker(index, () => alive && done < target).finally(() => {
        working--
      }),
    )
    if (crash) {
      // Kill at a random moment once a good part of this round's operations is under way (or at once when
      // every worker has stopped, say on an unexpected answer, so the problem is reported, not waited on).
      const startedAt = done
      const killAt = startedAt + Math.floor(perRound * (0.3 + Math.random() * 0.6))
      while (done < killAt && done < target && working > 0) {
        await new Promise((r) => setTimeout(r, 2))
      }
      killing = true
      await server.kill()
      alive = false
      killed++
      await Promise.all(workers)
      inFlightAtKill += pending.size
      await server.start()
      killing = false
    } else {
      await Promise.all(workers)
    }
    await verify()
  }
  expect(problems).toEqual([])
  expect(killed).toBe(kills)
  score.record(
    `${done} operations, ${killed} SIGKILLs (${inFlightAtKill} in flight, ${refused} refused as busy): 0 lost, 0 half-done`,
  )
}

// Both databases at once: the run is paced by QuickBooks' per-company allowance far more than by the CPU, and
// each has its own emulator company, server and data.
describe('crashes', () => {
  for (const dialect of testDatabases()) {
    it.concurrent(
      `loses no acknowledged link, unlink or copy and leaves none half-done when killed with SIGKILL, on ${dialect}`,
      async ({ expect }) => {
        const rig = await startRig(dialect)
        try {
          await crashRun(dialect, rig, expect)
        } finally {
          await rig.close()
        }
      },
      LONG ? 480_000 : 120_000,
    )
  }
})
