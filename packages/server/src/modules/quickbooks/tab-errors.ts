/**
 * The errors of the QuickBooks tab of organizations and contacts. Some carry extra facts for the page (who
 * holds a taken name, the fresh preview after a conflicting change); {@link sendTabError} puts them beside
 * `code` and `message` in the error body.
 */
import type { FastifyReply } from 'fastify'
import { AppError, type ErrorCategory } from '../../errors'

const CATEGORY = {
  already_linked: 'conflict',
  not_linked: 'not_found',
  customer_not_found: 'not_found',
  display_name_taken: 'conflict',
  changed_meanwhile: 'conflict',
} as const satisfies Record<string, ErrorCategory>

export type TabErrorCode = keyof typeof CATEGORY

const STATUS: Record<(typeof CATEGORY)[TabErrorCode], number> = { conflict: 409, not_found: 404 }

/** A tab error with optional extra fields for the error body. */
export class TabError extends AppError {
  constructor(
    code: TabErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code, CATEGORY[code], message)
  }

  get status(): number {
    return STATUS[CATEGORY[this.code as TabErrorCode]]
  }
}

export const tabError = (code: TabErrorCode, message: string, details?: Record<string, unknown>) =>
  new TabError(code, message, details)

/**
 * Sends a tab error with its extra fields (`{"error":{"code","message",…details}}`); any other error goes on
 * to the app's error handler.
 */
export function sendTabError(error: unknown, reply: FastifyReply): FastifyReply {
  if (!(error instanceof TabError)) throw error
  return reply
    .code(error.status)
    .type('application/json')
    .send({ error: { ...error.details, code: error.code, message: error.message } })
}
