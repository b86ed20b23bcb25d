import { type QboFaultDetail, QboFaultError } from '../errors'

/** Reads `key` from an object regardless of case: gateway faults use `fault`/`error`/`message` (API-NOTES §8). */
function pick(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined
  const record = obj as Record<string, unknown>
  if (Object.hasOwn(record, key)) return record[key]
  const lower = key.toLowerCase()
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k]
  return undefined
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined

/**
 * Extracts the fault from a QBO response body (`Fault` or `fault`, in any status — a 200 can carry one),
 * or returns `undefined` when the body holds none.
 *
 * @example
 * const err = faultFromBody({ fault: { error: [{ message: 'AuthenticationFailed', code: '003200' }], type: 'AUTHENTICATION' } }, { httpStatus: 401 })
 * err?.hasCode(3200) // true
 */
export function faultFromBody(
  body: unknown,
  context: { httpStatus?: number; intuitTid?: string } = {},
): QboFaultError | undefined {
  const fault = pick(body, 'Fault')
  if (fault === undefined || fault === null || typeof fault !== 'object') return undefined
  return faultFromObject(fault, context)
}

/**
 * Builds a {@link QboFaultError} from a `Fault` object (as found at top level or inside a batch item).
 *
 * @example
 * faultFromObject({ type: 'ValidationFault', Error: [{ Message: 'Object Not Found', code: '610' }] }).code // '610'
 */
export function faultFromObject(
  fault: object,
  context: { httpStatus?: number; intuitTid?: string } = {},
): QboFaultError {
  const rawErrors = pick(fault, 'Error')
  const list = Array.isArray(rawErrors) ? rawErrors : rawErrors === undefined ? [] : [rawErrors]
  const errors: QboFaultDetail[] = list.map((e) => {
    const detail: QboFaultDetail = {
      code: asText(pick(e, 'code')) ?? '',
      message: asText(pick(e, 'Message')) ?? '',
    }
    const d = asText(pick(e, 'Detail'))
    if (d !== undefined) detail.detail = d
    const element = asText(pick(e, 'element'))
    if (element !== undefined) detail.element = element
    return detail
  })
  return new QboFaultError({ type: asText(pick(fault, 'type')) ?? 'Unknown', errors, ...context })
}

/**
 * True when a fault is a throttle (code 3001, `ThrottleExceeded` or "throttling policy" in the message;
 * QBO has sent these with 429 and with 403, API-NOTES §8).
 *
 * @example
 * isThrottleFault(faultFromObject({ type: 'SERVICE', Error: [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', code: '3001' }] })) // true
 */
export function isThrottleFault(fault: QboFaultError): boolean {
  return fault.errors.some(
    (e) =>
      Number(e.code) === 3001 || /ThrottleExceeded|throttling policy/i.test(`${e.message} ${e.detail ?? ''}`),
  )
}

/**
 * True when a fault says the access token was not accepted (code 3200 / `AuthenticationFailed`).
 *
 * @example
 * isAuthenticationFault(faultFromObject({ type: 'AUTHENTICATION', Error: [{ Message: 'AuthenticationFailed', code: '3200' }] })) // true
 */
export function isAuthenticationFault(fault: QboFaultError): boolean {
  return (
    /^AUTHENTICATION/i.test(fault.type) ||
    fault.errors.some((e) => Number(e.code) === 3200 || /AuthenticationFailed/i.test(e.message))
  )
}
