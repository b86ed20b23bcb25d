import { request } from './client'
import type { Member, Role, User } from './types'

export const listMembers = (): Promise<{ items: Member[] }> => request('GET', '/workspace/members')

export const listUsers = (): Promise<{ items: User[] }> => request('GET', '/users')

export type NewUser = { email: string; name: string; role: Role; password: string }

export const createUser = (user: NewUser): Promise<User> => request('POST', '/users', { body: user })

export const updateUser = (id: string, changes: { name?: string; role?: Role }): Promise<User> =>
  request('PATCH', `/users/${encodeURIComponent(id)}`, { body: changes })

export const deleteUser = (id: string): Promise<void> => request('DELETE', `/users/${encodeURIComponent(id)}`)
