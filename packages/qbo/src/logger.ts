/**
 * Logger accepted by the client: pino's shape (`logger.info(obj, msg)`), so a pino logger can be passed
 * directly. The client logs `intuit_tid`, realm ids, paths and statuses — never tokens, secrets or bodies.
 *
 * @example
 * const logger: QboLogger = { debug() {}, info: console.info, warn: console.warn, error: console.error }
 */
export interface QboLogger {
  debug(obj: Record<string, unknown>, msg: string): void
  info(obj: Record<string, unknown>, msg: string): void
  warn(obj: Record<string, unknown>, msg: string): void
  error(obj: Record<string, unknown>, msg: string): void
}

/**
 * A logger that drops everything (the default).
 * @example
 * silentLogger.info({ intuitTid: 'x' }, 'ignored')
 */
export const silentLogger: QboLogger = { debug() {}, info() {}, warn() {}, error() {} }
