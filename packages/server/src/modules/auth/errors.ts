import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  UNAUTHENTICATED: 'unauthenticated',
  INVALID_CREDENTIALS: 'unauthenticated',
  TOO_MANY_ATTEMPTS: 'rate_limited',
  CSRF_TOKEN_INVALID: 'forbidden',
  FORBIDDEN: 'forbidden',
  WRONG_PASSWORD: 'bad_input',
} as const satisfies Record<string, ErrorCategory>

export type AuthErrorCode = keyof typeof CATEGORY
export const authError = (code: AuthErrorCode, message: string, cause?: unknown) =>
  new AppError(code, CATEGORY[code], message, { cause })
