import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { freePort } from '../packages/server/src/free-port'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const webDir = join(root, 'packages/web')

/** Debian's Chromium (CI installs it; Playwright's own browser download is not used). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)
export const screenshotDir = join(root, 'test-results/screenshots')

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export type Harness = {
  baseUrl: string
  browser: Browser
  admin: { email: string; password: string }
  /** A fresh browser context (own cookies) at the given viewport. */
  newPage: (viewport?: { width: number; height: number }) => Promise<{ context: BrowserContext; page: Page }>
  signIn: (page: Page, credentials?: { email: string; password: string }) => Promise<void>
  screenshot: (page: Page, name: string) => Promise<string>
  /** The last lines the server printed (empty against an external server). */
  serverLog: () => string
  close: () => Promise<void>
}

/**
 * Runs one step of a story and, when it fails, says where the page was and what it showed, with the end of the
 * server's log: a CI failure is then readable without the screenshots.
 */
export const step = async <T>(
  harness: Harness,
  page: Page,
  label: string,
  action: () => Promise<T>,
): Promise<T> => {
  try {
    return await action()
  } catch (error) {
    const text = await page
      .locator('body')
      .textContent({ timeout: 2_000 })
      .catch(() => null)
    const shown = (text ?? '(no page text)').replace(/\s+/g, ' ').slice(0, 600)
    const log = harness.serverLog().split('\n').slice(-15).join('\n')
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new Error(
      `${label} failed: ${reason}\n  page: ${page.url()}\n  shows: ${shown}\n  server log:\n${log}`,
      {
        cause: error,
      },
    )
  }
}

const newestChange = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))))
}

/** The server serves packages/web/dist; build it when it is missing or older than the web app's sources. */
export const ensureWebBuilt = (): void => {
  const builtIndex = join(webDir, 'dist/index.html')
  const sources = ['src', 'public', 'index.html', 'vite.config.ts']
    .map((name) => join(webDir, name))
    .filter(existsSync)
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...sources.map(newestChange))) return
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: webDir,
    stdio: 'pipe',
  })
}

const waitForHealth = async (baseUrl: string, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + 45_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/api/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`The server did not answer /api/health within 45 s:\n${output()}`)
}

/**
 * Starts the real server as a child process on a free loopback port with a throw-away data directory and the
 * built web app, and launches Chromium.
 */
export const startHarness = async (): Promise<Harness> => {
  const external = process.env.E2E_BASE_URL
  if (external) return connectHarness(external)
  ensureWebBuilt()
  mkdirSync(screenshotDir, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerlink-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const admin = { email: 'admin@e2e.test', password: 'e2e-admin-password' }
  let log = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: root,
    env: {
      // The embedded SQLite database in the temporary folder, whatever the developer's shell points at.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL')),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LEDGERLINK_DATA_DIR: dataDir,
      LEDGERLINK_ADMIN_EMAIL: admin.email,
      LEDGERLINK_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
      // Production mode insists on a key for the stored QuickBooks tokens; a throw-away one per run.
      LEDGERLINK_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
      // The built-in QuickBooks emulator takes a free port of its own when it starts (0), so neither a
      // developer's running server nor another test can take it first.
      QBO_EMULATOR_PORT: '0',
      WEB_DIST_DIR: join(webDir, 'dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const stopServer = async () => {
    if (child.exitCode !== null) return
    child.kill('SIGTERM')
    await new Promise((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        r(undefined)
      }, 5_000)
      child.once('exit', () => {
        clearTimeout(timer)
        r(undefined)
      })
    })
  }

  let browser: Browser
  try {
    await waitForHealth(baseUrl, child, () => log)
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  } catch (error) {
    await stopServer()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }

  return browserHarness(
    baseUrl,
    browser,
    admin,
    () => log,
    async () => {
      await stopServer()
      rmSync(dataDir, { recursive: true, force: true })
    },
  )
}

/** Runs against a server that is already running (a dev server, for example): E2E_BASE_URL, E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD. */
const connectHarness = async (baseUrl: string): Promise<Harness> => {
  const admin = {
    email: process.env.E2E_ADMIN_EMAIL ?? 'admin@example.com',
    password: process.env.E2E_ADMIN_PASSWORD ?? '',
  }
  mkdirSync(screenshotDir, { recursive: true })
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  return browserHarness(
    baseUrl,
    browser,
    admin,
    () => '',
    async () => undefined,
  )
}

const browserHarness = (
  baseUrl: string,
  browser: Browser,
  admin: { email: string; password: string },
  serverLog: () => string,
  stop: () => Promise<void>,
): Harness => ({
  baseUrl,
  browser,
  admin,
  serverLog,
  newPage: async (viewport = { width: 1280, height: 800 }) => {
    const context = await browser.newContext({ viewport, baseURL: baseUrl })
    context.setDefaultTimeout(10_000)
    return { context, page: await context.newPage() }
  },
  signIn: async (page, credentials = admin) => {
    await page.goto('/sign-in')
    await page.getByLabel('Email').fill(credentials.email)
    await page.getByLabel('Password').fill(credentials.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: /^Account menu/ }).waitFor()
  },
  screenshot: async (page, name) => {
    const path = join(screenshotDir, `${name}.png`)
    await page.screenshot({ path, fullPage: true })
    return path
  },
  close: async () => {
    await browser.close().catch(() => undefined)
    await stop()
  },
})
