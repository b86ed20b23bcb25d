import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../src/app'
import { type Config, loadConfig } from '../src/config'
import { type Db, type Dialect, migrateToLatest, openDatabase } from '../src/db'
import { createWorkspace } from '../src/modules/workspaces'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string
    testDatabases: string
  }
}

/** The databases to run database tests on, as resolved by the global setup (test/global-setup.ts). */
export const testDatabases = (): Dialect[] =>
  (inject('testDatabases') || process.env.TEST_DATABASES || 'sqlite')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is Dialect => name === 'sqlite' || name === 'postgres')

/** A fresh, migrated database for one suite: in-memory SQLite, or a new database in the test cluster. */
export const createTestDatabase = async (
  dialect: Dialect,
): Promise<{ db: Db; url?: string; close: () => Promise<void> }> => {
  if (dialect === 'sqlite') {
    const handle = openDatabase({})
    await migrateToLatest(handle.db as unknown as Kysely<unknown>)
    return { db: handle.db, close: handle.close }
  }
  const adminUrl = process.env.TEST_DATABASE_URL || inject('testDatabaseUrl')
  if (!adminUrl) throw new Error('TEST_DATABASES includes postgres but no test cluster URL was provided')
  const name = `ll_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = openDatabase({ databaseUrl: url.toString() })
  await migrateToLatest(handle.db as unknown as Kysely<unknown>)
  return {
    db: handle.db,
    url: url.toString(),
    close: async () => {
      await handle.close()
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LEDGERLINK_SEED_DEMO: 'false',
    WEB_DIST_DIR: '/nonexistent',
    ...env,
  })

export type TestApp = { app: FastifyInstance; db: Db; config: Config; close: () => Promise<void> }

/** The real app on a fresh database of the given dialect; no port is opened (use app.inject). */
export const buildTestApp = async (dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> => {
  const database = await createTestDatabase(dialect)
  const config = testConfig(env)
  const app = await buildApp(config, { db: database.db })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

export type SignedIn = {
  userId: string
  workspaceId: string
  email: string
  password: string
  csrfToken: string
  cookie: string
  /** Headers for a state-changing request: the session cookie and the CSRF token. */
  headers: Record<string, string>
}

export const sessionCookieOf = (response: LightMyRequestResponse): string => {
  const cookie = response.cookies.find((candidate) => candidate.name === 'll_session')
  if (!cookie) throw new Error(`no session cookie in the response (${response.statusCode} ${response.body})`)
  return `ll_session=${cookie.value}`
}

export const signIn = async (app: FastifyInstance, email: string, password: string): Promise<SignedIn> => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  })
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`)
  const body = response.json() as { user: { id: string }; workspace: { id: string }; csrfToken: string }
  const cookie = sessionCookieOf(response)
  return {
    userId: body.user.id,
    workspaceId: body.workspace.id,
    email,
    password,
    csrfToken: body.csrfToken,
    cookie,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
  }
}

let counter = 0
const uniqueEmail = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.test`

/** A new workspace with a signed-in administrator and a signed-in member. */
export const createSignedInWorkspace = async (
  testApp: TestApp,
  name = 'Test workspace',
): Promise<{ admin: SignedIn; member: SignedIn }> => {
  const adminEmail = uniqueEmail('admin')
  const { password } = await createWorkspace(testApp.db, {
    name,
    adminEmail,
    adminName: 'Ada Admin',
    password: 'admin-password-1',
  })
  const admin = await signIn(testApp.app, adminEmail, password)
  const memberEmail = uniqueEmail('member')
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin.headers,
    payload: { email: memberEmail, name: 'Max Member', role: 'member', password: 'member-password-1' },
  })
  if (created.statusCode !== 201) throw new Error(`member creation failed: ${created.body}`)
  const member = await signIn(testApp.app, memberEmail, 'member-password-1')
  return { admin, member }
}
