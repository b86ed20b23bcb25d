import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { POSTGRES_BIN, startPostgresCluster } from '../packages/server/src/db/postgres-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string
    testDatabases: string
  }
}

/**
 * Database tests run on SQLite and, when this machine has PostgreSQL 15's binaries, on PostgreSQL too
 * (TEST_DATABASES=sqlite|postgres|sqlite,postgres overrides). Unless TEST_DATABASE_URL names a server, a
 * throw-away cluster is started for the whole run; test suites create their own database in it.
 */
export default async function setup(project: TestProject) {
  const fallback = existsSync(`${POSTGRES_BIN}/initdb`) ? 'sqlite,postgres' : 'sqlite'
  const list = process.env.TEST_DATABASES ?? fallback
  project.provide('testDatabases', list)
  const databases = list.split(',').map((name) => name.trim())
  if (!databases.includes('postgres') || process.env.TEST_DATABASE_URL) {
    project.provide('testDatabaseUrl', process.env.TEST_DATABASE_URL ?? '')
    return
  }
  const cluster = await startPostgresCluster({ fsync: false })
  project.provide('testDatabaseUrl', cluster.url)
  return () => cluster.stop()
}
