import type { Db } from '../../db'
import { findUser, findUserByEmail, findWorkspace, updateUserRow } from '../workspaces'
import { authError } from './errors'
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords'
import { endOtherSessions, type Session, startSession } from './session-service'
import type { SignInLimiter } from './sign-in-limiter'

export type SessionView = {
  user: { id: string; email: string; name: string; role: 'admin' | 'member' }
  workspace: { id: string; name: string }
  csrfToken: string
}

export const sessionView = (session: Session): SessionView => ({
  user: { id: session.userId, email: session.user.email, name: session.user.name, role: session.user.role },
  workspace: { id: session.workspaceId, name: session.workspace.name },
  csrfToken: session.csrfToken,
})

/** Checks email + password (rate-limited per IP + email) and starts a session. */
export const signIn = async (
  deps: { db: Db; limiter: SignInLimiter; sessionIdleMs: number },
  input: { email: string; password: string; ip: string },
) => {
  const email = input.email.trim().toLowerCase()
  if (!(await deps.limiter.canTry(input.ip, email))) {
    throw authError(
      'TOO_MANY_ATTEMPTS',
      'Too many failed sign-in attempts. Wait a few minutes and try again.',
    )
  }
  const user = await findUserByEmail(deps.db, email)
  // Verify against a dummy hash for unknown emails so timing does not reveal which emails exist.
  const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password)
  if (!user || !isValid) {
    await deps.limiter.recordFailure(input.ip, email)
    throw authError('INVALID_CREDENTIALS', 'The email or password is not correct.')
  }
  await deps.limiter.reset(input.ip, email)
  const { sessionId, csrfToken } = await startSession(deps.db, user, deps.sessionIdleMs)
  const workspace = await findWorkspace(deps.db, user.workspaceId)
  if (!workspace) throw authError('INVALID_CREDENTIALS', 'The email or password is not correct.')
  const view: SessionView = {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    workspace,
    csrfToken,
  }
  return { sessionId, view }
}

/** Changes the signed-in user's password and ends their other sessions. */
export const changePassword = async (
  db: Db,
  session: Session,
  input: { currentPassword: string; newPassword: string },
) => {
  const user = await findUser(db, session.workspaceId, session.userId)
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw authError('WRONG_PASSWORD', 'The current password is not correct.')
  }
  await updateUserRow(
    db,
    session.workspaceId,
    session.userId,
    { passwordHash: await hashPassword(input.newPassword) },
    new Date().toISOString(),
  )
  await endOtherSessions(db, session)
}
