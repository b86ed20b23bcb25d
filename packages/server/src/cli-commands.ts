import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Config } from './config'
import { type Db, migrateToLatest } from './db'
import { seedDemo } from './demo'
import { AppError } from './errors'
import { createCrmService } from './modules/crm'
import { createImportRunner, getImportStatus, previewImport, runImport } from './modules/imports'
import { createTokenCipher, parseKeyring } from './modules/quickbooks/token-crypto'
import { reEncryptStoredTokens } from './modules/quickbooks/token-rekey'
import {
  createWorkspace,
  findWorkspace,
  findWorkspaceByName,
  listUsers,
  resetPassword,
} from './modules/workspaces'

export type Print = (line: string) => void

/** `create-workspace`: a workspace and its first administrator; prints a generated password when none is given. */
export const createWorkspaceCommand = async (
  db: Db,
  options: { name: string; adminEmail: string; adminName: string; password?: string | undefined },
  print: Print,
) => {
  const result = await createWorkspace(db, options)
  print(`Created workspace "${result.workspace.name}" (${result.workspace.id}).`)
  print(`Administrator: ${result.admin.email}`)
  if (!options.password) print(`Password: ${result.password}`)
  return result
}

export const resetPasswordCommand = async (
  db: Db,
  options: { email: string; password?: string | undefined },
  print: Print,
) => {
  const result = await resetPassword(db, options.email, options.password)
  print(`Password changed for ${result.user.email}; their sessions were ended.`)
  if (!options.password) print(`New password: ${result.password}`)
  return result
}

/** `import-csv`: imports a file into a workspace (by id or name) as its first administrator, and waits. */
export const importCsvCommand = async (
  db: Db,
  options: { workspace: string; type: 'organization' | 'contact'; file: string },
  print: Print,
) => {
  const workspace =
    (await findWorkspaceByName(db, options.workspace)) ?? (await findWorkspace(db, options.workspace))
  if (!workspace)
    throw new AppError(
      'WORKSPACE_NOT_FOUND',
      'not_found',
      `No workspace is named or has the id "${options.workspace}".`,
    )
  const users = await listUsers(db, { workspaceId: workspace.id, userId: null })
  const admin = users.find((user) => user.role === 'admin')
  const ctx = { workspaceId: workspace.id, userId: admin?.id ?? null }
  const content = await readFile(options.file, 'utf8')
  const preview = await previewImport(db, ctx, options.type, content)
  const crm = createCrmService(db)
  const runner = createImportRunner(db, crm, {
    error: (...args: unknown[]) => print(`import error: ${JSON.stringify(args[0])}`),
  })
  await runImport(db, runner, ctx, preview.id, preview.suggestedMapping)
  await runner.waitForIdle()
  const status = await getImportStatus(db, ctx, preview.id)
  print(`Imported ${status.created} of ${status.total} rows (${status.failed} failed).`)
  for (const error of status.errors.slice(0, 20)) print(`  row ${error.row}: ${error.message}`)
  return status
}

export const seedDemoCommand = async (db: Db, config: Config, print: Print) => {
  const result = await seedDemo(db, {
    adminEmail: config.demo.adminEmail,
    adminPassword: config.demo.adminPassword,
  })
  print(
    result.isNew
      ? 'Created the demo workspace.'
      : 'The demo workspace exists; its administrator has a new password.',
  )
  print(`  email:    ${result.email}`)
  print(`  password: ${result.password}`)
  return result
}

export const migrateCommand = async (db: Db, print: Print) => {
  const applied = await migrateToLatest(db as unknown as Kysely<unknown>)
  print(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
  return applied
}

/**
 * `rotate-encryption-key`: re-encrypts every stored QuickBooks token under the first key of
 * LEDGERLINK_ENCRYPTION_KEY. Rotation: put the new key first (`k2:…,k1:…`), restart the servers, run this, then
 * drop the old key. Prints counts and workspace ids only, never a key or a token.
 */
export const rotateEncryptionKeyCommand = async (
  db: Db,
  config: Pick<Config, 'encryptionKey'>,
  print: Print,
) => {
  if (!config.encryptionKey)
    throw new AppError(
      'ENCRYPTION_KEY_MISSING',
      'bad_input',
      'Set LEDGERLINK_ENCRYPTION_KEY to the keyring (new key first, then the old ones) before rotating.',
    )
  const keyring = parseKeyring(config.encryptionKey)
  const result = await reEncryptStoredTokens(db, createTokenCipher(keyring))
  print(
    `Re-encrypted ${result.reEncrypted} stored QuickBooks token set(s) under key "${keyring.activeKeyId}"; ` +
      `${result.current} already used it.`,
  )
  for (const row of result.unreadable)
    print(
      `  cannot decrypt the tokens of workspace ${row.workspaceId} (${row.table}): it must reconnect QuickBooks.`,
    )
  if (result.changedMeanwhile > 0)
    print(`  ${result.changedMeanwhile} changed while this ran; run the command again.`)
  if (result.unreadable.length === 0 && result.changedMeanwhile === 0 && keyring.keys.length > 1)
    print('Every token uses the new key: the old keys can now be removed from LEDGERLINK_ENCRYPTION_KEY.')
  return result
}
