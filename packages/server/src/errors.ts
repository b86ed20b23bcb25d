/** What kind of failure an error is; the HTTP status follows from it in one place (http/error-handler.ts). */
export type ErrorCategory =
  | 'bad_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'internal'

export type FieldProblem = { path: string; message: string }

/** A domain error: a stable code, a category and a message for the user (what happened, what to do). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    options?: { cause?: unknown; fields?: FieldProblem[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.fields = options?.fields
  }

  readonly fields: FieldProblem[] | undefined
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError

/** A validation failure outside a request schema (a service rule such as "due date before start date"). */
export const badInput = (message: string, fields?: FieldProblem[]) =>
  new AppError('BAD_INPUT', 'bad_input', message, fields ? { fields } : undefined)
