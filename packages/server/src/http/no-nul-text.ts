import type { FastifyInstance } from 'fastify'
import { AppError } from '../errors'

const NUL = '\u0000'

/** True when a parsed JSON value or query holds the NUL character in a string or a key. */
const holdsNul = (value: unknown, depth = 0): boolean => {
  if (typeof value === 'string') return value.includes(NUL)
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1))
  return Object.entries(value).some(([key, item]) => key.includes(NUL) || holdsNul(item, depth + 1))
}

/**
 * Refuses text holding the NUL character, in the JSON body, the query string or the path, with 400 before any
 * route runs. PostgreSQL cannot store it in a text column (the insert fails, which would be a 500) and SQLite
 * would store it; no name, address or search a person types contains it, so both databases answer alike.
 */
export const registerNoNulText = (app: FastifyInstance): void => {
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.body) || holdsNul(request.query) || holdsNul(request.params)) {
      throw new AppError('BAD_INPUT', 'bad_input', 'Text cannot contain the NUL character (\\u0000).')
    }
  })
}
