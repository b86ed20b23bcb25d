import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  EMAIL_TAKEN: 'conflict',
  USER_NOT_FOUND: 'not_found',
  LAST_ADMIN: 'conflict',
  CANNOT_DELETE_SELF: 'conflict',
  WORKSPACE_NOT_FOUND: 'not_found',
} as const satisfies Record<string, ErrorCategory>

export type WorkspaceErrorCode = keyof typeof CATEGORY
export const workspaceError = (code: WorkspaceErrorCode, message: string, cause?: unknown) =>
  new AppError(code, CATEGORY[code], message, { cause })
