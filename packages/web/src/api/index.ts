export { changePassword, getSession, signIn, signOut } from './auth'
export { ApiError, type FieldError, isApiError, setUnauthenticatedHandler } from './client'
export { getImport, runImport, uploadImport } from './imports'
export {
  addLink,
  createRecord,
  deleteRecord,
  getRecord,
  type ListQuery,
  listHistory,
  listLinks,
  listRecords,
  type RecordInput,
  removeLink,
  undoChange,
  updateRecord,
} from './records'
export type * from './types'
export { createUser, deleteUser, listMembers, listUsers, type NewUser, updateUser } from './users'
