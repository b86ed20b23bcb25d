import type { Db } from '../../db'

/** A CRM record's link to a QuickBooks customer, in one company (realm). */
export type CustomerLink = {
  recordId: string
  realmId: string
  customerId: string
  displayName: string
  linkedBy: string | null
  linkedAt: string
}

type LinkRow = {
  record_id: string
  realm_id: string
  customer_id: string
  display_name: string
  linked_by: string | null
  linked_at: string
}

const COLUMNS = ['record_id', 'realm_id', 'customer_id', 'display_name', 'linked_by', 'linked_at'] as const

const toLink = (row: LinkRow): CustomerLink => ({
  recordId: row.record_id,
  realmId: row.realm_id,
  customerId: row.customer_id,
  displayName: row.display_name,
  linkedBy: row.linked_by,
  linkedAt: row.linked_at,
})

/** IN-lists stay well under every database's parameter limit. */
const BATCH = 500

/**
 * The record's link in `realmId`, or undefined. A link made in another company (before the workspace switched
 * companies, or while disconnected from it) is not returned, and comes back if the workspace reconnects to it.
 * @example const link = await findCustomerLink(db, ctx.workspaceId, recordId, realmId)
 */
export const findCustomerLink = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  realmId: string,
): Promise<CustomerLink | undefined> => {
  const row = await db
    .selectFrom('qbo_customer_links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('realm_id', '=', realmId)
    .executeTakeFirst()
  return row ? toLink(row) : undefined
}

/**
 * The links of several records in `realmId`, by record id (records without one are absent).
 * @example const links = await findCustomerLinks(db, workspaceId, ['01j…', '01k…'], realmId)
 */
export const findCustomerLinks = async (
  db: Db,
  workspaceId: string,
  recordIds: readonly string[],
  realmId: string,
): Promise<Map<string, CustomerLink>> => {
  const links = new Map<string, CustomerLink>()
  const unique = [...new Set(recordIds)]
  for (let start = 0; start < unique.length; start += BATCH) {
    const rows = await db
      .selectFrom('qbo_customer_links')
      .select(COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('realm_id', '=', realmId)
      .where('record_id', 'in', unique.slice(start, start + BATCH))
      .execute()
    for (const row of rows) links.set(row.record_id, toLink(row))
  }
  return links
}

/**
 * Every record of the workspace linked to a customer in `realmId`.
 * @example const records = await findRecordsLinkedToCustomer(db, workspaceId, realmId, '58')
 */
export const findRecordsLinkedToCustomer = async (
  db: Db,
  workspaceId: string,
  realmId: string,
  customerId: string,
): Promise<CustomerLink[]> => {
  const rows = await db
    .selectFrom('qbo_customer_links')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '=', realmId)
    .where('customer_id', '=', customerId)
    .orderBy('linked_at')
    .execute()
  return rows.map(toLink)
}

/**
 * Links the record (one customer per record: an existing link, in any company, is replaced). Check first with
 * {@link findCustomerLink} when replacing must be refused.
 * @example await saveCustomerLink(db, workspaceId, { recordId, realmId, customerId: '58', displayName: 'Acme', linkedBy: userId, linkedAt })
 */
export const saveCustomerLink = async (db: Db, workspaceId: string, link: CustomerLink): Promise<void> => {
  const values = {
    realm_id: link.realmId,
    customer_id: link.customerId,
    display_name: link.displayName,
    linked_by: link.linkedBy,
    linked_at: link.linkedAt,
  }
  await db
    .insertInto('qbo_customer_links')
    .values({ workspace_id: workspaceId, record_id: link.recordId, ...values })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'record_id']).doUpdateSet(values))
    .execute()
}

/**
 * Removes the record's link in `realmId`; false when there was none.
 * @example if (!(await deleteCustomerLink(db, workspaceId, recordId, realmId))) throw notLinked()
 */
export const deleteCustomerLink = async (
  db: Db,
  workspaceId: string,
  recordId: string,
  realmId: string,
): Promise<boolean> => {
  const result = await db
    .deleteFrom('qbo_customer_links')
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('realm_id', '=', realmId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/**
 * How many links point into companies other than `realmId` (what switching to `realmId` would clear).
 * @example const n = await countCustomerLinksOutside(db, workspaceId, newRealmId)
 */
export const countCustomerLinksOutside = async (
  db: Db,
  workspaceId: string,
  realmId: string,
): Promise<number> => {
  const row = await db
    .selectFrom('qbo_customer_links')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '<>', realmId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * Deletes every link into a company other than `realmId` (the workspace switched companies).
 * @example await deleteCustomerLinksOutside(trx, workspaceId, newRealmId)
 */
export const deleteCustomerLinksOutside = async (
  db: Db,
  workspaceId: string,
  realmId: string,
): Promise<number> => {
  const result = await db
    .deleteFrom('qbo_customer_links')
    .where('workspace_id', '=', workspaceId)
    .where('realm_id', '<>', realmId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
