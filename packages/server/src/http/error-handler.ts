import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError, type ErrorCategory, type FieldProblem, isAppError } from '../errors'

/** The one table from error category to HTTP status. */
const STATUS = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorCategory, number>

/** Fastify's own client errors (bad JSON, wrong content type, body too large) in plain words. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted here. Send JSON (application/json).',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON object.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
}

const fieldPath = (instancePath: string, context: string | undefined): string => {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (context === 'body' || !context) return path || '(body)'
  return path ? path : context
}

/** Turns any thrown value into an AppError; the translation seam from everything else to the domain. */
const toAppError = (error: FastifyError | Error): AppError => {
  if (isAppError(error)) return error
  const fastifyError = error as FastifyError
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const fields: FieldProblem[] = fastifyError.validation.map((problem) => ({
      path: fieldPath(problem.instancePath, fastifyError.validationContext),
      message: problem.message ?? 'Invalid value',
    }))
    const first = fields[0]
    const message = first ? `Please check ${first.path}: ${first.message}` : 'The request is not valid.'
    return new AppError('BAD_INPUT', 'bad_input', message, { fields, cause: error })
  }
  const status = fastifyError.statusCode ?? 500
  if (status >= 400 && status < 500) {
    if (status === 429)
      return new AppError('TOO_MANY_REQUESTS', 'rate_limited', 'Too many requests; wait a moment.')
    const message =
      FASTIFY_MESSAGES[fastifyError.code] ??
      'The request could not be understood. Check its format and try again.'
    return new AppError('BAD_INPUT', 'bad_input', message, { cause: error })
  }
  return new AppError('INTERNAL', 'internal', 'Something went wrong on our side. Please try again.', {
    cause: error,
  })
}

export const registerErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error)
    if (appError.category === 'internal') request.log.error({ err: error }, 'unexpected error')
    const body: { code: string; message: string; fields?: FieldProblem[] } = {
      code: appError.code,
      message: appError.message,
    }
    if (appError.fields) body.fields = appError.fields
    return reply.code(STATUS[appError.category]).type('application/json').send({ error: body })
  })
}
