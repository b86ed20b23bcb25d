import type { Config } from '../config'
import type { Db } from '../db'
import { createCrmService, createLink, type RecordData } from '../modules/crm'
import { createWorkspace, findUserByEmail, hasAnyWorkspace, resetPassword } from '../modules/workspaces'
import { DEMO_CONTACTS, DEMO_OPPORTUNITIES, DEMO_ORGANIZATIONS, DEMO_PROJECTS } from './demo-data'

export const DEMO_WORKSPACE_NAME = 'Demo workspace'
export const DEFAULT_DEMO_ADMIN_EMAIL = 'admin@example.com'

type DemoOptions = { adminEmail?: string | undefined; adminPassword?: string | undefined }

/** Fills a workspace with the demo organizations, contacts, opportunities, projects and links. */
const seedRecords = async (db: Db, ctx: { workspaceId: string; userId: string }) => {
  const crm = createCrmService(db)
  const ids = new Map<string, { type: 'organization' | 'contact'; id: string }>()
  for (const { key, ...organization } of DEMO_ORGANIZATIONS) {
    const record = await crm.createRecord(ctx, 'organization', organization as RecordData)
    ids.set(key, { type: 'organization', id: record.id })
  }
  for (const { organization, ...contact } of DEMO_CONTACTS) {
    const organizationId = organization ? (ids.get(organization)?.id ?? null) : null
    const record = await crm.createRecord(ctx, 'contact', { ...contact, organizationId } as RecordData)
    ids.set(`${contact.firstName} ${contact.lastName}`, { type: 'contact', id: record.id })
  }
  const deals = [
    ...DEMO_OPPORTUNITIES.map(({ links, ...fields }) => ({ type: 'opportunity' as const, links, fields })),
    ...DEMO_PROJECTS.map(({ links, ...fields }) => ({ type: 'project' as const, links, fields })),
  ]
  for (const deal of deals) {
    const record = await crm.createRecord(ctx, deal.type, {
      ...deal.fields,
      ownerId: ctx.userId,
    } as RecordData)
    for (const link of deal.links) {
      const target = ids.get(link.key)
      if (target) {
        await createLink(db, crm, ctx, deal.type, record.id, {
          recordType: target.type,
          recordId: target.id,
          role: link.role ?? null,
        })
      }
    }
  }
}

/**
 * Creates the demo workspace and its administrator, or, when it exists, sets a new administrator password.
 * Returns the credentials to print.
 */
export const seedDemo = async (db: Db, options: DemoOptions = {}) => {
  const email = options.adminEmail ?? DEFAULT_DEMO_ADMIN_EMAIL
  if (await findUserByEmail(db, email)) {
    const { password } = await resetPassword(db, email, options.adminPassword)
    return { email, password, isNew: false }
  }
  const { workspace, admin, password } = await createWorkspace(db, {
    name: DEMO_WORKSPACE_NAME,
    adminEmail: email,
    adminName: 'Demo Admin',
    password: options.adminPassword,
  })
  await seedRecords(db, { workspaceId: workspace.id, userId: admin.id })
  return { email: admin.email, password, isNew: true }
}

/** On the first start (an empty database) creates the demo workspace and prints how to sign in. */
export const seedDemoOnFirstStart = async (db: Db, config: Config, print: (line: string) => void) => {
  if (await hasAnyWorkspace(db)) {
    print(
      'Sign in with your account. `npx ledgerlink seed-demo` prints a new password for the demo administrator.',
    )
    return
  }
  const credentials = await seedDemo(db, {
    adminEmail: config.demo.adminEmail,
    adminPassword: config.demo.adminPassword,
  })
  print('Created the demo workspace. Sign in as the administrator:')
  print(`  email:    ${credentials.email}`)
  print(
    `  password: ${config.demo.adminPassword ? '(the one in LEDGERLINK_ADMIN_PASSWORD)' : credentials.password}`,
  )
}
