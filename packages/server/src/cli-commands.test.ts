import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, signIn, type TestApp, testConfig, testDatabases } from '../test/helpers'
import {
  createWorkspaceCommand,
  importCsvCommand,
  migrateCommand,
  resetPasswordCommand,
  seedDemoCommand,
} from './cli-commands'

const run = promisify(execFile)

for (const dialect of testDatabases()) {
  describe(`CLI commands on ${dialect}`, () => {
    let t: TestApp
    let dir: string
    const lines: string[] = []
    const print = (line: string) => lines.push(line)

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      dir = mkdtempSync(join(tmpdir(), 'ledgerlink-cli-'))
    })
    afterAll(async () => {
      await t?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('creates a workspace and prints a generated password that signs in', async () => {
      lines.length = 0
      const result = await createWorkspaceCommand(
        t.db,
        { name: 'CLI Co', adminEmail: 'cli@example.test', adminName: 'Cli Admin' },
        print,
      )
      const printed = lines.find((line) => line.startsWith('Password: '))?.slice('Password: '.length)
      expect(printed).toBe(result.password)
      expect(printed).toMatch(/^[A-Za-z0-9]{20}$/)
      await expect(signIn(t.app, 'cli@example.test', printed ?? '')).resolves.toMatchObject({
        workspaceId: result.workspace.id,
      })
    })

    it('resets a password, generated when not given, and refuses an unknown email', async () => {
      lines.length = 0
      const { password } = await resetPasswordCommand(t.db, { email: 'CLI@example.test' }, print)
      expect(lines.join('\n')).toContain(password)
      await expect(signIn(t.app, 'cli@example.test', password)).resolves.toBeDefined()
      await resetPasswordCommand(t.db, { email: 'cli@example.test', password: 'chosen-password' }, print)
      await expect(signIn(t.app, 'cli@example.test', 'chosen-password')).resolves.toBeDefined()
      await expect(resetPasswordCommand(t.db, { email: 'nobody@example.test' }, print)).rejects.toMatchObject(
        { code: 'USER_NOT_FOUND' },
      )
    })

    it('imports a CSV file into a workspace named on the command line', async () => {
      const file = join(dir, 'contacts.csv')
      writeFileSync(file, 'First name,Last name,Email\nAda,Lovelace,ada@example.test\nBad,Email,nope\n')
      lines.length = 0
      const status = await importCsvCommand(t.db, { workspace: 'CLI Co', type: 'contact', file }, print)
      expect(status).toMatchObject({ status: 'completed', created: 1, failed: 1 })
      expect(lines[0]).toBe('Imported 1 of 2 rows (1 failed).')
      await expect(
        importCsvCommand(t.db, { workspace: 'No Such Co', type: 'contact', file }, print),
      ).rejects.toMatchObject({
        code: 'WORKSPACE_NOT_FOUND',
      })
    })

    it('seeds the demo workspace once, and gives its administrator a new password when run again', async () => {
      const config = testConfig({ LEDGERLINK_ADMIN_EMAIL: `demo-${dialect}@example.test` })
      const first = await seedDemoCommand(t.db, config, print)
      expect(first.isNew).toBe(true)
      const second = await seedDemoCommand(t.db, config, print)
      expect(second.isNew).toBe(false)
      expect(second.password).not.toBe(first.password)
      const session = await signIn(t.app, first.email, second.password)
      const organizations = await t.app.inject({
        method: 'GET',
        url: '/api/organizations?limit=100',
        headers: { cookie: session.cookie },
      })
      const names = organizations.json().items.map((item: { name: string }) => item.name)
      expect(names).toEqual(
        expect.arrayContaining(["Amy's Bird Sanctuary", 'COOL CARS LLC', 'Red Rock Diner, Ltd.']),
      )
      expect(names.length).toBeGreaterThan(20)
    })

    it('reports the database as up to date after migrating', async () => {
      lines.length = 0
      expect(await migrateCommand(t.db, print)).toEqual([])
      expect(lines).toEqual(['The database is up to date.'])
    })
  })
}

describe('the ledgerlink bin', () => {
  it('runs a command from a fresh data folder and prints the generated password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-bin-'))
    try {
      const bin = fileURLToPath(new URL('../bin/ledgerlink.js', import.meta.url))
      const { stdout } = await run(
        process.execPath,
        [
          bin,
          'create-workspace',
          '--name',
          'Bin Co',
          '--admin-email',
          'bin@example.test',
          '--admin-name',
          'Bin Admin',
        ],
        { env: { ...process.env, LEDGERLINK_DATA_DIR: dir, DATABASE_URL: '' } },
      )
      expect(stdout).toContain('Created workspace "Bin Co"')
      expect(stdout).toMatch(/Password: [A-Za-z0-9]{20}/)
      const failed = await run(process.execPath, [bin, 'reset-password', '--email', 'nobody@example.test'], {
        env: { ...process.env, LEDGERLINK_DATA_DIR: dir, DATABASE_URL: '' },
      }).catch((error: { code: number; stderr: string }) => error)
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('No user has the email') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
