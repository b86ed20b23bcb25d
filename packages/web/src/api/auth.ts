import { request, setCsrfToken } from './client'
import type { Session } from './types'

const remember = (session: Session): Session => {
  setCsrfToken(session.csrfToken)
  return session
}

export const getSession = async (): Promise<Session> =>
  remember(await request<Session>('GET', '/auth/session'))

export const signIn = async (email: string, password: string): Promise<Session> =>
  remember(await request<Session>('POST', '/auth/sign-in', { body: { email, password } }))

export const signOut = async (): Promise<void> => {
  await request<void>('POST', '/auth/sign-out')
  setCsrfToken(null)
}

export const changePassword = (currentPassword: string, newPassword: string): Promise<void> =>
  request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } })
