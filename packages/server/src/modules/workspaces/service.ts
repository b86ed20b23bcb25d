import type { Role, ServiceContext } from '../../context'
import type { Db } from '../../db'
import { newId } from '../../ids'
import { generatePassword, hashPassword } from '../auth/passwords'
import { workspaceError } from './errors'
import * as repo from './repository'

export type { User } from './repository'

const publicUser = (user: repo.UserWithHash): repo.User => ({
  id: user.id,
  workspaceId: user.workspaceId,
  email: user.email,
  name: user.name,
  role: user.role,
  createdAt: user.createdAt,
})

const isUniqueViolation = (error: unknown): boolean => {
  const text =
    String((error as { code?: string; message?: string })?.code ?? '') + String((error as Error)?.message)
  return /23505|UNIQUE|unique/.test(text)
}

export type NewUser = { email: string; name: string; role: Role; password: string }

const insertNewUser = async (db: Db, workspaceId: string, input: NewUser): Promise<repo.User> => {
  const email = input.email.trim().toLowerCase()
  if (await repo.findUserByEmail(db, email)) {
    throw workspaceError('EMAIL_TAKEN', 'A user with this email already exists. Use a different email.')
  }
  const user = {
    id: newId(),
    workspaceId,
    email,
    name: input.name.trim(),
    role: input.role,
    createdAt: new Date().toISOString(),
    passwordHash: await hashPassword(input.password),
  }
  try {
    await repo.insertUser(db, user)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw workspaceError(
        'EMAIL_TAKEN',
        'A user with this email already exists. Use a different email.',
        error,
      )
    }
    throw error
  }
  return publicUser(user)
}

/** Creates a workspace and its first administrator; generates a password when none is given. */
export const createWorkspace = async (
  db: Db,
  input: { name: string; adminEmail: string; adminName: string; password?: string | undefined },
) => {
  const password = input.password ?? generatePassword()
  const workspace = { id: newId(), name: input.name.trim(), createdAt: new Date().toISOString() }
  if (await repo.findUserByEmail(db, input.adminEmail.trim().toLowerCase())) {
    throw workspaceError('EMAIL_TAKEN', 'A user with this email already exists. Use a different email.')
  }
  await repo.insertWorkspace(db, workspace)
  const admin = await insertNewUser(db, workspace.id, {
    email: input.adminEmail,
    name: input.adminName,
    role: 'admin',
    password,
  })
  return { workspace: { id: workspace.id, name: workspace.name }, admin, password }
}

export const createUser = (db: Db, ctx: ServiceContext, input: NewUser) =>
  insertNewUser(db, ctx.workspaceId, input)

export const listUsers = async (db: Db, ctx: ServiceContext) =>
  (await repo.listUsers(db, ctx.workspaceId)).map(publicUser)

const findUserOrThrow = async (db: Db, ctx: ServiceContext, userId: string) => {
  const user = await repo.findUser(db, ctx.workspaceId, userId)
  if (!user) throw workspaceError('USER_NOT_FOUND', 'This user does not exist in your workspace.')
  return user
}

export const updateUser = async (
  db: Db,
  ctx: ServiceContext,
  userId: string,
  changes: { name?: string | undefined; role?: Role | undefined },
) => {
  const user = await findUserOrThrow(db, ctx, userId)
  if (
    changes.role === 'member' &&
    user.role === 'admin' &&
    (await repo.countAdmins(db, ctx.workspaceId)) <= 1
  ) {
    throw workspaceError(
      'LAST_ADMIN',
      'This is the last administrator; make someone else an administrator first.',
    )
  }
  const clean = {
    ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
    ...(changes.role === undefined ? {} : { role: changes.role }),
  }
  await repo.updateUser(db, ctx.workspaceId, userId, clean, new Date().toISOString())
  return publicUser({ ...user, ...clean })
}

export const deleteUser = async (db: Db, ctx: ServiceContext, userId: string) => {
  if (userId === ctx.userId) {
    throw workspaceError('CANNOT_DELETE_SELF', 'You cannot delete your own account.')
  }
  await findUserOrThrow(db, ctx, userId)
  await repo.deleteUser(db, ctx.workspaceId, userId)
}

/** Sets a new password for the user with this email (CLI); generates one when none is given. */
export const resetPassword = async (db: Db, email: string, password?: string) => {
  const user = await repo.findUserByEmail(db, email.trim().toLowerCase())
  if (!user) throw workspaceError('USER_NOT_FOUND', `No user has the email ${email}.`)
  const newPassword = password ?? generatePassword()
  await repo.updateUser(
    db,
    user.workspaceId,
    user.id,
    { passwordHash: await hashPassword(newPassword) },
    new Date().toISOString(),
  )
  await repo.deleteUserSessions(db, user.workspaceId, user.id)
  return { user: publicUser(user), password: newPassword }
}
