import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  IMPORT_NOT_FOUND: 'not_found',
  BAD_CSV: 'bad_input',
  BAD_MAPPING: 'bad_input',
  IMPORT_ALREADY_STARTED: 'conflict',
} as const satisfies Record<string, ErrorCategory>

export type ImportErrorCode = keyof typeof CATEGORY
export const importError = (code: ImportErrorCode, message: string, cause?: unknown) =>
  new AppError(code, CATEGORY[code], message, { cause })
