import { QboAuthError, QboError, type QboFaultError, QboNetworkError, QboRateLimitError } from '../errors'
import { isAuthenticationFault, isThrottleFault } from './faults'
import type { QboResponse } from './request'
import { parseRetryAfter } from './retry'

/** What one attempt came to, and so what the retry loop does next. */
export type Outcome =
  | { kind: 'ok'; response: QboResponse }
  | { kind: 'unauthorized'; error: QboError }
  | { kind: 'retryable'; error: QboError; throttled: boolean; retryAfterMs: number | undefined }
  | { kind: 'fatal'; error: unknown }

/**
 * Sorts an answer: 401 (or an authentication fault) → refresh and replay; 429 or a throttle fault → wait and
 * retry; 5xx → retry; 403 → auth error; any other fault, in any status including 200 → the fault
 * (API-NOTES §4, §8).
 */
export function classify(
  req: { method: string; path: string },
  r: {
    httpStatus: number
    intuitTid: string | undefined
    parsed: unknown
    isParsed: boolean
    fault: QboFaultError | undefined
    retryAfter: string | null
  },
  ctx: { now: () => number; throttleDelayMs: number },
): Outcome {
  const { httpStatus, intuitTid, fault } = r
  if (httpStatus === 401 || (fault && httpStatus < 300 && isAuthenticationFault(fault))) {
    const error = new QboAuthError(`QBO rejected the access token (HTTP ${httpStatus})`, {
      cause: fault,
      httpStatus,
      intuitTid,
    })
    return { kind: 'unauthorized', error }
  }
  if (httpStatus === 429 || (fault && isThrottleFault(fault))) {
    const retryAfterMs = parseRetryAfter(r.retryAfter, ctx.now())
    const error = new QboRateLimitError(`QBO throttled ${req.method} ${req.path} (HTTP ${httpStatus})`, {
      cause: fault,
      httpStatus,
      intuitTid,
      retryAfterMs: retryAfterMs ?? ctx.throttleDelayMs,
    })
    return { kind: 'retryable', error, throttled: true, retryAfterMs }
  }
  if (httpStatus >= 500) {
    const error = fault ?? new QboNetworkError(`QBO answered HTTP ${httpStatus}`, { httpStatus, intuitTid })
    return { kind: 'retryable', error, throttled: false, retryAfterMs: undefined }
  }
  if (httpStatus === 403) {
    return {
      kind: 'fatal',
      error: new QboAuthError(`QBO refused ${req.method} ${req.path}: ${fault?.message ?? 'forbidden'}`, {
        cause: fault,
        httpStatus,
        intuitTid,
      }),
    }
  }
  // QBO: a Fault can arrive in any status, including 200 (API-NOTES §4).
  if (fault) return { kind: 'fatal', error: fault }
  if (httpStatus < 200 || httpStatus >= 300) {
    return {
      kind: 'fatal',
      error: new QboError(`QBO answered HTTP ${httpStatus}`, { httpStatus, intuitTid }),
    }
  }
  if (!r.isParsed) {
    const error = new QboNetworkError(`QBO answered HTTP ${httpStatus} with a body that is not JSON`, {
      httpStatus,
      intuitTid,
    })
    return { kind: 'retryable', error, throttled: false, retryAfterMs: undefined }
  }
  return { kind: 'ok', response: { body: r.parsed, intuitTid, httpStatus } }
}
