import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  already_linked: 'conflict',
  document_not_found: 'not_found',
  not_linked: 'not_found',
} as const satisfies Record<string, ErrorCategory>

/** Errors of the opportunity and project document links. */
export type DocumentErrorCode = keyof typeof CATEGORY

/**
 * A domain error of the document links (409 already_linked, 404 document_not_found or not_linked).
 * @example throw documentError('not_linked', 'This invoice is not linked to this opportunity.')
 */
export const documentError = (code: DocumentErrorCode, message: string) =>
  new AppError(code, CATEGORY[code], message)
