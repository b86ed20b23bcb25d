import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  RECORD_NOT_FOUND: 'not_found',
  LINK_NOT_FOUND: 'not_found',
  CHANGE_NOT_FOUND: 'not_found',
  LINK_EXISTS: 'conflict',
  UNDO_CONFLICT: 'conflict',
  EDIT_CONFLICT: 'conflict',
  BAD_CURSOR: 'bad_input',
  BAD_LINK: 'bad_input',
} as const satisfies Record<string, ErrorCategory>

export type CrmErrorCode = keyof typeof CATEGORY
export const crmError = (code: CrmErrorCode, message: string, cause?: unknown) =>
  new AppError(code, CATEGORY[code], message, { cause })
