import type { Config } from '../../config'
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import { findUserNames } from '../workspaces'
import { countLinksOutside } from './connection-links'
import * as repo from './connection-repository'

export type ConnectionState = {
  connection: null | {
    status: 'connected' | 'needs_reconnect' | 'disconnected'
    realmId: string
    companyName: string
    connectedAt: string
    connectedBy: { id: string; name: string } | null
    lastSuccessAt: string | null
    environment: 'emulator' | 'sandbox' | 'production'
  }
  canManage: boolean
  pending: null | { companyName: string; realmId: string; linksToClear: number }
}

/**
 * What the settings page shows: the workspace's connection (any member), and the company waiting for
 * confirmation with the number of links it would clear (administrators only).
 */
export const connectionState = async (
  deps: { db: Db; environment: Config['qbo']['environment']; now: () => number },
  ctx: ServiceContext,
  canManage: boolean,
): Promise<ConnectionState> => {
  const { db } = deps
  const stamp = () => new Date(deps.now()).toISOString()
  const row = await repo.findConnection(db, ctx.workspaceId)
  const pending = await repo.findPending(db, ctx.workspaceId, stamp())
  const names = await findUserNames(db, ctx.workspaceId, row?.connectedBy ? [row.connectedBy] : [])
  const connectedByName = row?.connectedBy ? names.get(row.connectedBy) : undefined
  return {
    connection: row
      ? {
          // A row without tokens cannot call QBO, whatever its status says.
          status: row.status !== 'disconnected' && !row.hasTokens ? 'disconnected' : row.status,
          realmId: row.realmId,
          companyName: row.companyName,
          connectedAt: row.connectedAt,
          connectedBy:
            row.connectedBy && connectedByName ? { id: row.connectedBy, name: connectedByName } : null,
          lastSuccessAt: row.lastSuccessAt,
          environment: deps.environment,
        }
      : null,
    canManage,
    pending:
      pending && canManage
        ? {
            companyName: pending.companyName,
            realmId: pending.realmId,
            linksToClear: await countLinksOutside(db, ctx.workspaceId, pending.realmId),
          }
        : null,
  }
}
