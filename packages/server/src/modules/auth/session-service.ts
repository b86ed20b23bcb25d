import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db'
import * as repo from './session-repository'

export type Session = repo.SessionRow

/** Only a hash of the session id is stored, so a leaked database does not hand out live sessions. */
export const hashSessionId = (sessionId: string): string =>
  createHash('sha256').update(sessionId).digest('hex')

/** Starts a session: a random 256-bit id (for the cookie) and a per-session CSRF token. */
export const startSession = async (db: Db, user: { id: string; workspaceId: string }, idleMs: number) => {
  const sessionId = randomBytes(32).toString('base64url')
  const now = Date.now()
  const csrfToken = randomBytes(32).toString('base64url')
  await repo.insertSession(db, {
    idHash: hashSessionId(sessionId),
    workspaceId: user.workspaceId,
    userId: user.id,
    csrfToken,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + idleMs).toISOString(),
  })
  return { sessionId, csrfToken }
}

/**
 * The live session for a cookie value, or undefined. Expiry slides: a session used after a tenth of its idle
 * time has passed is extended, so an active user stays signed in without a write on every request.
 */
export const resolveSession = async (
  db: Db,
  sessionId: string,
  idleMs: number,
): Promise<Session | undefined> => {
  if (sessionId.length === 0 || sessionId.length > 100) return undefined
  const idHash = hashSessionId(sessionId)
  const session = await repo.findSession(db, idHash)
  if (!session) return undefined
  const now = Date.now()
  const expiresAtMs = Date.parse(session.expiresAt)
  if (expiresAtMs <= now) {
    await repo.deleteSession(db, idHash)
    return undefined
  }
  if (expiresAtMs - now < idleMs * 0.9) {
    const expiresAt = new Date(now + idleMs).toISOString()
    await repo.extendSession(db, idHash, expiresAt)
    return { ...session, expiresAt }
  }
  return session
}

export const endSession = (db: Db, sessionId: string) => repo.deleteSession(db, hashSessionId(sessionId))

export const endOtherSessions = (db: Db, session: Session) =>
  repo.deleteOtherSessions(db, session.workspaceId, session.userId, session.idHash)

export const removeExpiredSessions = (db: Db) => repo.deleteExpiredSessions(db, new Date().toISOString())
