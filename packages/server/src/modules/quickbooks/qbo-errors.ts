import {
  isQboAuthError,
  isQboError,
  isQboFaultError,
  isQboNetworkError,
  isQboQueryBuildError,
  isQboRateLimitError,
  isQboTimeoutError,
  type QboError,
} from '@ledgerlink/qbo'
import { AppError, type ErrorCategory, isAppError } from '../../errors'
import { isTokenCryptoError } from './token-crypto'

const CATEGORY = {
  quickbooks_not_connected: 'conflict',
  quickbooks_needs_reconnect: 'conflict',
  quickbooks_busy: 'rate_limited',
  quickbooks_unavailable: 'upstream_unavailable',
  quickbooks_rejected: 'bad_input',
  no_pending_connection: 'not_found',
} as const satisfies Record<string, ErrorCategory>

export type QuickbooksErrorCode = keyof typeof CATEGORY

export const quickbooksError = (code: QuickbooksErrorCode, message: string, cause?: unknown) =>
  new AppError(code, CATEGORY[code], message, { cause })

export const MESSAGES = {
  notConnected:
    'This workspace is not connected to QuickBooks. An administrator can connect it in Settings → Integrations.',
  needsReconnect:
    'QuickBooks no longer accepts this workspace’s connection. An administrator needs to reconnect QuickBooks in ' +
    'Settings → Integrations.',
  busy: 'QuickBooks is busy; try again in a minute.',
  unavailable: 'QuickBooks is not answering right now. Try again in a few minutes.',
} as const

export type ErrorLogger = {
  warn: (obj: Record<string, unknown>, msg: string) => void
  error: (obj: Record<string, unknown>, msg: string) => void
}

/** QBO's explanation of a validation fault in one sentence: the detail when it says more than the title. */
const faultText = (error: {
  message: string
  detail?: string | undefined
  errors: { message: string }[]
}) => {
  const title = error.errors[0]?.message ?? error.message
  const detail = error.detail?.trim()
  const text = detail && detail.length > 0 ? detail : title
  // Details often repeat the title as a prefix ("Object Not Found : Something you're trying …").
  const plain = text.replace(/^[^:]{1,60} : /, '').trim()
  return plain.length > 300 ? `${plain.slice(0, 297)}…` : plain
}

const isRetryableFault = (error: { httpStatus: number | undefined; type: string }) =>
  (error.httpStatus !== undefined && error.httpStatus >= 500) || /^(SystemFault|SERVICE)$/i.test(error.type)

/**
 * THE translation of QuickBooks failures into domain errors with plain words. Route handlers wrap every QBO
 * call with it. Rejected or revoked tokens → reconnect (409); throttling → busy (429, API-NOTES §9: wait a
 * minute); network, timeout and 5xx → unavailable (503); validation faults → bad input carrying QBO's own
 * explanation. QBO's `intuit_tid` goes to the log (for Intuit support), never to the user; tokens never appear.
 * @example
 * try { await company.customers.read(id) } catch (error) { throw toAppError(error, request.log) }
 */
export const toAppError = (error: unknown, logger: ErrorLogger): AppError => {
  if (isAppError(error)) return error
  const qbo = error as Partial<QboError>
  const context = {
    intuitTid: qbo.intuitTid,
    httpStatus: qbo.httpStatus,
    errorName: (error as Error)?.name,
    ...(isQboFaultError(error)
      ? { faultType: error.type, faultCode: error.code, element: error.element }
      : {}),
  }
  if (isQboAuthError(error) || isTokenCryptoError(error)) {
    logger.warn(context, 'QuickBooks refused the connection')
    return quickbooksError('quickbooks_needs_reconnect', MESSAGES.needsReconnect, error)
  }
  // A throttled token refresh arrives as a network-class error with HTTP 429 (it is retried like a 5xx).
  const isThrottledRefresh = isQboNetworkError(error) && error.httpStatus === 429
  if (isQboRateLimitError(error) || isQboFaultError(error, '3001') || isThrottledRefresh) {
    logger.warn(context, 'QuickBooks throttled a request')
    return quickbooksError('quickbooks_busy', MESSAGES.busy, error)
  }
  if (isQboNetworkError(error) || isQboTimeoutError(error)) {
    logger.warn(context, 'QuickBooks could not be reached')
    return quickbooksError('quickbooks_unavailable', MESSAGES.unavailable, error)
  }
  if (isQboFaultError(error)) {
    if (isRetryableFault(error)) {
      logger.warn(context, 'QuickBooks failed to process a request')
      return quickbooksError('quickbooks_unavailable', MESSAGES.unavailable, error)
    }
    logger.warn(context, 'QuickBooks rejected a request')
    return quickbooksError(
      'quickbooks_rejected',
      `QuickBooks did not accept this: ${faultText(error)}`,
      error,
    )
  }
  if (isQboQueryBuildError(error)) {
    logger.warn(context, 'a QuickBooks query could not be built')
    return quickbooksError(
      'quickbooks_rejected',
      'This search cannot be sent to QuickBooks. Check the search terms.',
    )
  }
  if (isQboError(error)) {
    // Any other client error is an answer QBO should not have given (an HTML error page, a batch answer
    // missing an item): the user can only wait and retry, so it reads as QuickBooks being unavailable.
    logger.error({ ...context, err: error }, 'QuickBooks gave an answer that could not be used')
    return quickbooksError('quickbooks_unavailable', MESSAGES.unavailable, error)
  }
  logger.error({ ...context, err: error }, 'unexpected error while talking to QuickBooks')
  return new AppError('INTERNAL', 'internal', 'Something went wrong on our side. Please try again.', {
    cause: error,
  })
}
