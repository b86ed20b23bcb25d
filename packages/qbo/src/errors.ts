/**
 * Errors raised by the QBO client. They describe what happened at Intuit (or on the way there),
 * not what a user should do; translating them into product messages is the caller's job.
 */

/**
 * One entry of a QBO fault's `Error` array, with keys normalised (QBO mixes `Message`/`message`).
 * @example
 * const d: QboFaultDetail = { code: '2020', message: 'Required param missing', element: 'Line' }
 */
export interface QboFaultDetail {
  /** The fault code as QBO sends it: a string, possibly zero-padded (`"003200"`); see API-NOTES §8. */
  code: string
  message: string
  detail?: string
  element?: string
}

/**
 * Base class of every error this library throws.
 *
 * @example
 * try {
 *   throw new QboError('boom')
 * } catch (err) {
 *   if (isQboError(err)) console.log(err.name, err.message)
 * }
 */
export class QboError extends Error {
  /** `intuit_tid` response header of the failed call, when Intuit sent one (quote it to Intuit support). */
  readonly intuitTid: string | undefined
  /** HTTP status of the failed call, when there was a response. */
  readonly httpStatus: number | undefined

  constructor(message: string, options: { cause?: unknown; intuitTid?: string; httpStatus?: number } = {}) {
    super(message, { cause: options.cause })
    this.name = 'QboError'
    this.intuitTid = options.intuitTid
    this.httpStatus = options.httpStatus
  }
}

/**
 * A QBO `Fault`: validation (e.g. 6240 duplicate name, 5010 stale SyncToken, 610 not found),
 * query (4000/4001) or system faults. Raised for faults in any HTTP status, including 200 (API-NOTES §4).
 *
 * @example
 * const err = new QboFaultError({ type: 'ValidationFault', errors: [{ code: '6240', message: 'Duplicate Name Exists Error' }], httpStatus: 400 })
 * err.code // '6240'
 */
export class QboFaultError extends QboError {
  /** Fault type (`ValidationFault`, `SystemFault`, `AuthenticationFault`, `SERVICE`, …). */
  readonly type: string
  /** Code of the first error, as sent (string, maybe zero-padded). */
  readonly code: string
  /** Detail of the first error. */
  readonly detail: string | undefined
  /** Field named by the first error (`element`), when QBO named one. */
  readonly element: string | undefined
  /** Every error of the fault, in order. */
  readonly errors: QboFaultDetail[]

  constructor(fault: {
    type: string
    errors: QboFaultDetail[]
    httpStatus?: number
    intuitTid?: string
    cause?: unknown
  }) {
    const first = fault.errors[0]
    super(first ? `${first.message} (code ${first.code})` : `QBO fault ${fault.type}`, fault)
    this.name = 'QboFaultError'
    this.type = fault.type
    this.code = first?.code ?? ''
    this.detail = first?.detail
    this.element = first?.element
    this.errors = fault.errors
  }

  /**
   * True when any error of the fault has `code` (compared numerically, so `"003200"` matches `"3200"`).
   *
   * @example
   * new QboFaultError({ type: 'ValidationFault', errors: [{ code: '5010', message: 'Stale Object Error' }] }).hasCode('5010') // true
   */
  hasCode(code: string | number): boolean {
    const wanted = Number(code)
    return this.errors.some((e) => Number(e.code) === wanted)
  }
}

/**
 * Authentication or authorization failed (HTTP 401/403 after a refresh-and-replay, or an OAuth endpoint refused
 * the client or request, e.g. `invalid_client`).
 *
 * @example
 * const err = new QboAuthError('access token rejected', { httpStatus: 401, oauthError: 'invalid_token' })
 * isQboAuthError(err) // true
 */
export class QboAuthError extends QboError {
  /** OAuth `error` value when the failure came from an OAuth endpoint (`invalid_client`, …). */
  readonly oauthError: string | undefined
  constructor(
    message: string,
    options: { cause?: unknown; intuitTid?: string; httpStatus?: number; oauthError?: string } = {},
  ) {
    super(message, options)
    this.name = 'QboAuthError'
    this.oauthError = options.oauthError
  }
}

/**
 * The company must be connected again: the refresh token was rejected with `invalid_grant` (expired, revoked,
 * superseded, or the user disconnected the app), or no tokens are stored for the realm.
 *
 * @example
 * const err = new QboReconnectRequiredError('9130357766900456', 'refresh token rejected')
 * err.realmId // '9130357766900456'
 */
export class QboReconnectRequiredError extends QboAuthError {
  readonly realmId: string
  constructor(
    realmId: string,
    message: string,
    options: { cause?: unknown; intuitTid?: string; httpStatus?: number; oauthError?: string } = {},
  ) {
    super(message, options)
    this.name = 'QboReconnectRequiredError'
    this.realmId = realmId
  }
}

/**
 * QBO throttled the call (HTTP 429 / fault 3001) and the retry budget ran out.
 *
 * @example
 * const err = new QboRateLimitError('throttled', { retryAfterMs: 60_000, httpStatus: 429 })
 * err.retryAfterMs // 60000
 */
export class QboRateLimitError extends QboError {
  /** How long Intuit (or the default guidance) says to wait before trying again. */
  readonly retryAfterMs: number | undefined
  constructor(
    message: string,
    options: { cause?: unknown; intuitTid?: string; httpStatus?: number; retryAfterMs?: number } = {},
  ) {
    super(message, options)
    this.name = 'QboRateLimitError'
    this.retryAfterMs = options.retryAfterMs
  }
}

/**
 * The request never got a usable answer: connection refused or reset, DNS failure, an unreadable body, or an
 * HTTP 5xx without a fault body that kept failing after retries (then `httpStatus` is set; a 5xx that carries
 * a `SystemFault` is raised as {@link QboFaultError} with its status).
 *
 * @example
 * const err = new QboNetworkError('socket hang up', { cause: new Error('ECONNRESET') })
 * isQboNetworkError(err) // true
 */
export class QboNetworkError extends QboError {
  constructor(message: string, options: { cause?: unknown; intuitTid?: string; httpStatus?: number } = {}) {
    super(message, options)
    this.name = 'QboNetworkError'
  }
}

/**
 * A request exceeded its timeout (`timeouts.requestMs`) or the retry loop exceeded its total budget.
 *
 * @example
 * const err = new QboTimeoutError('GET customer timed out after 30000 ms', { timeoutMs: 30_000 })
 * err.timeoutMs // 30000
 */
export class QboTimeoutError extends QboError {
  readonly timeoutMs: number | undefined
  constructor(message: string, options: { cause?: unknown; timeoutMs?: number } = {}) {
    super(message, options)
    this.name = 'QboTimeoutError'
    this.timeoutMs = options.timeoutMs
  }
}

/**
 * A query could not be built (unknown entity, property not filterable or sortable, bad paging), or an
 * argument was invalid before any request was sent.
 *
 * @example
 * const err = new QboQueryBuildError("property 'Notes' of Customer is not filterable")
 * isQboQueryBuildError(err) // true
 */
export class QboQueryBuildError extends QboError {
  constructor(message: string) {
    super(message)
    this.name = 'QboQueryBuildError'
  }
}

/**
 * Type guard for {@link QboError}.
 * @example
 * isQboError(new QboTimeoutError('slow')) // true
 */
export const isQboError = (err: unknown): err is QboError => err instanceof QboError
/**
 * Type guard for {@link QboFaultError}; pass `code` to also match the fault code.
 * @example
 * const e: unknown = new QboFaultError({ type: 'ValidationFault', errors: [{ code: '6240', message: 'Duplicate Name Exists Error' }] })
 * isQboFaultError(e, '6240') // true
 */
export const isQboFaultError = (err: unknown, code?: string | number): err is QboFaultError =>
  err instanceof QboFaultError && (code === undefined || err.hasCode(code))
/**
 * Type guard for {@link QboAuthError} (also true for {@link QboReconnectRequiredError}).
 * @example
 * isQboAuthError(new QboAuthError('denied')) // true
 */
export const isQboAuthError = (err: unknown): err is QboAuthError => err instanceof QboAuthError
/**
 * Type guard for {@link QboReconnectRequiredError}.
 * @example
 * isQboReconnectRequiredError(new QboReconnectRequiredError('1', 'invalid_grant')) // true
 */
export const isQboReconnectRequiredError = (err: unknown): err is QboReconnectRequiredError =>
  err instanceof QboReconnectRequiredError
/**
 * Type guard for {@link QboRateLimitError}.
 * @example
 * isQboRateLimitError(new QboRateLimitError('throttled')) // true
 */
export const isQboRateLimitError = (err: unknown): err is QboRateLimitError =>
  err instanceof QboRateLimitError
/**
 * Type guard for {@link QboNetworkError}.
 * @example
 * isQboNetworkError(new QboNetworkError('reset')) // true
 */
export const isQboNetworkError = (err: unknown): err is QboNetworkError => err instanceof QboNetworkError
/**
 * Type guard for {@link QboTimeoutError}.
 * @example
 * isQboTimeoutError(new QboTimeoutError('slow')) // true
 */
export const isQboTimeoutError = (err: unknown): err is QboTimeoutError => err instanceof QboTimeoutError
/**
 * Type guard for {@link QboQueryBuildError}.
 * @example
 * isQboQueryBuildError(new QboQueryBuildError('bad field')) // true
 */
export const isQboQueryBuildError = (err: unknown): err is QboQueryBuildError =>
  err instanceof QboQueryBuildError
