import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../src/free-port'

export { freePort }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')

export type ServerProcess = {
  /** Where the server listens now (a restart may move it: see `start`). */
  readonly baseUrl: string
  /**
   * Starts the server (again) and waits for /api/health. Should another program have taken the port while the
   * server was down, it starts on a new free port instead.
   */
  start: () => Promise<void>
  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  kill: () => Promise<void>
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>
  output: () => string
}

/**
 * The real server (`node --import tsx packages/server/src/main.ts`) as a child process that can be killed and
 * started again on the same port, data folder and database.
 */
export const serverProcess = (options: { port: number; env: Record<string, string> }): ServerProcess => {
  let port = options.port
  const baseUrl = () => `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  let log = ''
  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((done) => process.once('exit', () => done()))

  const startOnce = async (): Promise<'started' | 'port taken'> => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('QBO_')),
    ) as Record<string, string>
    const started = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    const collect = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000)
    }
    started.stdout?.on('data', collect)
    started.stderr?.on('data', collect)
    const deadline = Date.now() + 45_000
    while (Date.now() < deadline) {
      if (started.exitCode !== null) {
        if (log.includes('EADDRINUSE')) return 'port taken'
        throw new Error(`the server exited (${started.exitCode}):\n${log}`)
      }
      try {
        if ((await fetch(`${baseUrl()}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok)
          return 'started'
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`the server did not start within 45 s:\n${log}`)
  }

  const start = async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      if ((await startOnce()) === 'started') return
      port = await freePort()
    }
    throw new Error(`the server found no free port in 3 attempts:\n${log}`)
  }

  const kill = async () => {
    if (!child) return
    const running = child
    running.kill('SIGKILL')
    await exited(running)
  }

  const stop = async () => {
    if (!child) return
    const running = child
    running.kill('SIGTERM')
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000)
    await exited(running)
    clearTimeout(timer)
  }

  return {
    get baseUrl() {
      return baseUrl()
    },
    start,
    kill,
    stop,
    output: () => log,
  }
}
