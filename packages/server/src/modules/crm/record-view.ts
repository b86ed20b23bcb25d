import type { Db } from '../../db'
import { findUserNames } from '../workspaces'
import { findRecordSummaries, type StoredRecord } from './record-repository'

export type RecordView = Record<string, unknown> & {
  id: string
  createdAt: string
  updatedAt: string
  createdBy: { id: string; name: string } | null
}

/** Records as the API shows them, with the names of their organization, owner and creator filled in. */
export const toRecordViews = async (
  db: Db,
  workspaceId: string,
  records: StoredRecord[],
): Promise<RecordView[]> => {
  const organizationIds = [...new Set(records.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))]
  const userIds = [
    ...new Set(records.flatMap((r) => [r.ownerId, r.createdBy].filter((id): id is string => id !== null))),
  ]
  const [organizations, users] = await Promise.all([
    findRecordSummaries(db, workspaceId, organizationIds),
    findUserNames(db, workspaceId, userIds),
  ])
  const userRef = (id: string | null) => {
    const name = id ? users.get(id) : undefined
    return id && name !== undefined ? { id, name } : null
  }
  return records.map((record) => {
    const view: RecordView = {
      id: record.id,
      ...record.data,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      createdBy: userRef(record.createdBy),
    }
    if (record.type === 'contact') {
      const organization = record.organizationId ? organizations.get(record.organizationId) : undefined
      view.organization =
        record.organizationId && organization ? { id: record.organizationId, name: organization.name } : null
    }
    if (record.type === 'opportunity' || record.type === 'project') view.owner = userRef(record.ownerId)
    return view
  })
}
