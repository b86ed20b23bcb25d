import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Command, Option } from 'commander'
import {
  createWorkspaceCommand,
  importCsvCommand,
  migrateCommand,
  resetPasswordCommand,
  rotateEncryptionKeyCommand,
  seedDemoCommand,
} from './cli-commands'
import { ConfigError, loadConfig } from './config'
import { ENCRYPTION_KEY_FILE, ensureEncryptionKey } from './config-encryption-key'
import { openConfiguredDatabase } from './db'
import { isAppError } from './errors'

const print = (line: string) => process.stdout.write(`${line}\n`)

/** Opens the configured database (migrated), runs one command, and closes it. */
const withDatabase = async (
  run: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['db']) => Promise<unknown>,
) => {
  const config = loadConfig()
  const handle = await openConfiguredDatabase(config)
  try {
    await run(handle.db)
  } finally {
    await handle.close()
  }
}

/** The config, with the development key file's keyring when LEDGERLINK_ENCRYPTION_KEY is unset (never creating one). */
const configWithKeyFile = () => {
  const config = loadConfig()
  if (config.encryptionKey || !existsSync(join(config.dataDir, ENCRYPTION_KEY_FILE))) return config
  return ensureEncryptionKey(config, () => undefined)
}

const program = new Command('ledgerlink').description('Ledgerlink administration')

program
  .command('create-workspace')
  .description('create a workspace and its first administrator')
  .requiredOption('--name <name>', 'workspace name')
  .requiredOption('--admin-email <email>', 'administrator email')
  .requiredOption('--admin-name <name>', 'administrator name')
  .option('--password <password>', 'administrator password (generated and printed when omitted)')
  .action((options: { name: string; adminEmail: string; adminName: string; password?: string }) =>
    withDatabase((db) => createWorkspaceCommand(db, options, print)),
  )

program
  .command('reset-password')
  .description("set a user's password (generated and printed when omitted) and end their sessions")
  .requiredOption('--email <email>', 'the user')
  .option('--password <password>', 'the new password')
  .action((options: { email: string; password?: string }) =>
    withDatabase((db) => resetPasswordCommand(db, options, print)),
  )

program
  .command('import-csv')
  .description('import organizations or contacts from a CSV file, mapping columns by their headers')
  .requiredOption('--workspace <workspace>', 'workspace name or id')
  .addOption(
    new Option('--type <type>', 'record type').choices(['organization', 'contact']).makeOptionMandatory(),
  )
  .requiredOption('--file <file>', 'CSV file')
  .action((options: { workspace: string; type: 'organization' | 'contact'; file: string }) =>
    withDatabase((db) => importCsvCommand(db, options, print)),
  )

program
  .command('seed-demo')
  .description('create the demo workspace, or give its administrator a new password; prints the credentials')
  .action(() => withDatabase((db) => seedDemoCommand(db, loadConfig(), print)))

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => withDatabase((db) => migrateCommand(db, print)))

program
  .command('rotate-encryption-key')
  .description('re-encrypt every stored QuickBooks token under the first key of LEDGERLINK_ENCRYPTION_KEY')
  .action(() => withDatabase((db) => rotateEncryptionKeyCommand(db, configWithKeyFile(), print)))

try {
  await program.parseAsync()
} catch (error) {
  const message =
    error instanceof ConfigError || isAppError(error)
      ? error.message
      : String((error as Error)?.stack ?? error)
  process.stderr.write(`${message}\n`)
  process.exitCode = 1
}
