import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { newId } from '../../ids'
import { crmError } from './errors'
import * as repo from './link-repository'
import { findContactIdsOfOrganization, findRecord, findRecordSummaries } from './record-repository'
import type { CrmService } from './record-service'
import type { RecordType } from './record-types'

export type LinkView = {
  id: string
  recordType: RecordType
  recordId: string
  name: string
  role: string | null
  createdAt: string
}

const isDealType = (type: RecordType): type is 'opportunity' | 'project' =>
  type === 'opportunity' || type === 'project'

/** Every link of a record, seen from that record: the other side's type, id and name. */
export const listLinks = async (
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: RecordType,
  id: string,
) => {
  const record = await crm.findOrThrow(db, ctx, type, id)
  const links = await repo.listLinksOf(db, ctx.workspaceId, id)
  const contactIds =
    type === 'organization' ? await findContactIdsOfOrganization(db, ctx.workspaceId, id) : []
  const otherIds = links.map((link) => (link.fromId === id ? link.toId : link.fromId))
  const names = await findRecordSummaries(db, ctx.workspaceId, [...otherIds, ...contactIds])
  const items: LinkView[] = []
  for (const contactId of contactIds) {
    const contact = names.get(contactId)
    if (contact) {
      items.push({
        id: `contact:${contactId}`,
        recordType: 'contact',
        recordId: contactId,
        name: contact.name,
        role: 'member',
        createdAt: record.createdAt,
      })
    }
  }
  for (const link of links) {
    const otherId = link.fromId === id ? link.toId : link.fromId
    const other = names.get(otherId)
    if (!other) continue
    items.push({
      id: link.id,
      recordType: other.type,
      recordId: otherId,
      name: other.name,
      role: link.role,
      createdAt: link.createdAt,
    })
  }
  return { items }
}

/** Links an opportunity or project to a contact or organization; accepted from either side. */
export const createLink = async (
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: RecordType,
  id: string,
  input: { recordType: RecordType; recordId: string; role?: string | null | undefined },
): Promise<LinkView> => {
  await crm.findOrThrow(db, ctx, type, id)
  if (isDealType(type) === isDealType(input.recordType)) {
    throw crmError(
      'BAD_LINK',
      'Links join an opportunity or project to a contact or organization. Use the contact’s organization field for a contact’s organization.',
    )
  }
  const other = await findRecord(db, ctx.workspaceId, input.recordType, input.recordId)
  if (!other) throw crmError('BAD_LINK', `No such ${input.recordType} in this workspace.`)
  const [fromType, fromId, toType, toId] = isDealType(type)
    ? [type, id, input.recordType as 'organization' | 'contact', input.recordId]
    : [input.recordType as 'opportunity' | 'project', input.recordId, type as 'organization' | 'contact', id]
  if (await repo.findLinkBetween(db, ctx.workspaceId, fromId, toId)) {
    throw crmError('LINK_EXISTS', 'These records are already linked.')
  }
  const link = {
    id: newId(),
    fromType,
    fromId,
    toType,
    toId,
    role: input.role ?? null,
    createdAt: new Date().toISOString(),
  }
  try {
    await repo.insertLink(db, ctx.workspaceId, link)
  } catch (error) {
    throw crmError('LINK_EXISTS', 'These records are already linked.', error)
  }
  return {
    id: link.id,
    recordType: input.recordType,
    recordId: input.recordId,
    name: other.name,
    role: link.role,
    createdAt: link.createdAt,
  }
}

export const deleteLink = async (
  db: Db,
  crm: CrmService,
  ctx: ServiceContext,
  type: RecordType,
  id: string,
  linkId: string,
) => {
  await crm.findOrThrow(db, ctx, type, id)
  const link = await repo.findLinkOf(db, ctx.workspaceId, id, linkId)
  if (!link) throw crmError('LINK_NOT_FOUND', 'This link does not exist, or it was already removed.')
  await repo.deleteLink(db, ctx.workspaceId, linkId)
}
