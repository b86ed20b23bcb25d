export type { User, UserWithHash } from './repository'
export {
  findUser,
  findUserByEmail,
  findUserNames,
  findWorkspace,
  findWorkspaceByName,
  hasAnyWorkspace,
  updateUser as updateUserRow,
} from './repository'
export { workspaceRoutes } from './routes'
export { createUser, createWorkspace, listUsers, resetPassword } from './service'
