import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Config } from './config'
import { type Db, migrateToLatest } from './db'
import { seedDemo } from './demo'
import { AppError } from './errors'
import { createCrmService } from './modules/crm'
import { createImportRunner, getImportStatus, previewImport, runImport } from './modules/imports'
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
