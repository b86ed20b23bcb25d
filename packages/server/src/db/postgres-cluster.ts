import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../free-port'

/** Where Debian installs PostgreSQL 15's server binaries. */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin'
const BIN = POSTGRES_BIN

export type PostgresCluster = { url: string; stop: () => void }

const postgresUid = (): number | undefined => {
  try {
    return Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  } catch {
    return undefined
  }
}

/**
 * Starts a throw-away PostgreSQL 15 cluster on a free loopback port (for tests and benchmarks). As root the
 * server must run as the `postgres` user, in a folder that user owns. `fsync=off` trades durability for speed.
 */
export const startPostgresCluster = async (options: { fsync?: boolean } = {}): Promise<PostgresCluster> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-pg-'))
  const isRoot = process.getuid?.() === 0
  const uid = isRoot ? postgresUid() : undefined
  if (isRoot && uid !== undefined) chownSync(dir, uid, uid)
  const run = (binary: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args], { stdio: 'pipe' })
      : execFileSync(join(BIN, binary), args, { stdio: 'pipe' })
  const port = await freePort()
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}${options.fsync === false ? ' -c fsync=off' : ''}`
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', 'start', '-o', serverOptions])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
