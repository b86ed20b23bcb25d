import type { Db } from '../../db'
import { countCustomerLinksOutside, deleteCustomerLinksOutside } from './customer-links-repository'
import { countDocumentLinksOutside, deleteDocumentLinksOutside } from './document-links-repository'

/**
 * Links into QuickBooks companies. When a workspace switches to another company, the links into the old one
 * point at customers and documents that do not exist in the new one, so they are counted for the confirmation
 * and cleared once the administrator confirms.
 */
export type CompanyLinks = {
  countOutside(db: Db, workspaceId: string, realmId: string): Promise<number>
  deleteOutside(db: Db, workspaceId: string, realmId: string): Promise<number>
}

export const COMPANY_LINKS: CompanyLinks[] = [
  { countOutside: countCustomerLinksOutside, deleteOutside: deleteCustomerLinksOutside },
  { countOutside: countDocumentLinksOutside, deleteOutside: deleteDocumentLinksOutside },
]

export const countLinksOutside = async (db: Db, workspaceId: string, realmId: string): Promise<number> => {
  let total = 0
  for (const links of COMPANY_LINKS) total += await links.countOutside(db, workspaceId, realmId)
  return total
}

export const deleteLinksOutside = async (db: Db, workspaceId: string, realmId: string): Promise<void> => {
  for (const links of COMPANY_LINKS) await links.deleteOutside(db, workspaceId, realmId)
}
