import { describe, expect, it } from 'vitest'
import { isQboError, isQboFaultError, QboFaultError } from '../errors'
import { faultFromBody, isAuthenticationFault, isThrottleFault } from './faults'

describe('faultFromBody', () => {
  it('reads the gateway 401 shape with lower-case keys and a zero-padded code', () => {
    const fault = faultFromBody(
      {
        fault: {
          error: [
            {
              message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
              detail: 'Token expired',
              code: '003200',
            },
          ],
          type: 'AUTHENTICATION',
        },
        time: '2024-01-01T00:00:00.000-08:00',
      },
      { httpStatus: 401, intuitTid: 'tid-1' },
    )
    expect(fault).toBeInstanceOf(QboFaultError)
    expect(fault?.code).toBe('003200')
    expect(fault?.hasCode(3200)).toBe(true)
    expect(fault?.detail).toBe('Token expired')
    expect(fault?.intuitTid).toBe('tid-1')
    expect(fault?.httpStatus).toBe(401)
    expect(isAuthenticationFault(fault!)).toBe(true)
  })

  it('keeps every error of the array, and element when present', () => {
    const fault = faultFromBody({
      Fault: {
        type: 'ValidationFault',
        Error: [
          {
            Message: 'Required param missing',
            Detail: 'Required parameter Line is missing',
            code: '2020',
            element: 'Line',
          },
          { Message: 'Second', code: '2050' },
        ],
      },
    })
    expect(fault?.errors).toEqual([
      {
        code: '2020',
        message: 'Required param missing',
        detail: 'Required parameter Line is missing',
        element: 'Line',
      },
      { code: '2050', message: 'Second' },
    ])
    expect(fault?.element).toBe('Line')
    expect(fault?.name).toBe('QboFaultError')
    expect(isQboFaultError(fault, '2050')).toBe(true)
    expect(isQboFaultError(fault, 610)).toBe(false)
    expect(isQboError(fault)).toBe(true)
  })

  it('recognises every throttle form QBO has used', () => {
    const throttle = (Message: string, code: string) =>
      faultFromBody({ Fault: { type: 'SERVICE', Error: [{ Message, code }] } })!
    expect(
      isThrottleFault(throttle('message=ThrottleExceeded; errorCode=003001; statusCode=429', '003001')),
    ).toBe(true)
    expect(
      isThrottleFault(throttle('message=ThrottleExceeded; errorCode=003001; statusCode=403', '3001')),
    ).toBe(true)
    expect(isThrottleFault(throttle('source=throttling policy', '0'))).toBe(true)
    expect(isThrottleFault(throttle('Stale Object Error', '5010'))).toBe(false)
  })

  it('returns undefined for bodies without a fault', () => {
    expect(faultFromBody({ Customer: { Id: '1' } })).toBeUndefined()
    expect(faultFromBody('text')).toBeUndefined()
    expect(faultFromBody(undefined)).toBeUndefined()
  })
})
