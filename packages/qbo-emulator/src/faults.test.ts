import { describe, expect, it } from 'vitest'
import {
  authenticationFailed,
  authorizationFailed,
  batchTooLarge,
  businessRule,
  duplicateDocNumber,
  duplicateName,
  invalidCharacters,
  invalidProperty,
  invalidReference,
  invalidRequestId,
  noNameProvided,
  objectNotFound,
  type QboFault,
  queryFault,
  requiredParam,
  staleObject,
  stringTooLong,
  systemFault,
  throttled,
  unsupportedEntity,
  unsupportedOperation,
} from './faults'

const TIME = '2026-11-24T08:15:00.000-08:00'

describe('fault shapes', () => {
  it.each<[string, QboFault, number, string, string]>([
    ['object not found', objectNotFound(), 400, 'ValidationFault', '610'],
    ['duplicate name', duplicateName(), 400, 'ValidationFault', '6240'],
    ['stale object', staleObject(), 400, 'ValidationFault', '5010'],
    ['required param', requiredParam('Line'), 400, 'ValidationFault', '2020'],
    ['invalid reference', invalidReference('CustomerRef', '9'), 400, 'ValidationFault', '2500'],
    ['string too long', stringTooLong('Title', 16, 17), 400, 'ValidationFault', '2050'],
    ['invalid characters', invalidCharacters('DisplayName'), 400, 'ValidationFault', '2040'],
    ['no name', noNameProvided(), 400, 'ValidationFault', '6080'],
    ['duplicate doc number', duplicateDocNumber('1001'), 400, 'ValidationFault', '6140'],
    ['business rule', businessRule('x'), 400, 'ValidationFault', '6000'],
    ['invalid property', invalidProperty('Foo'), 400, 'ValidationFault', '2010'],
    ['unsupported entity', unsupportedEntity('TaxRate'), 400, 'ValidationFault', '2000'],
    ['request id', invalidRequestId(50), 400, 'ValidationFault', '2130'],
    ['batch too large', batchTooLarge(31), 400, 'ValidationFault', '1040'],
    [
      'query syntax',
      queryFault('4000', 'Error parsing query', 'QueryParserError: x'),
      400,
      'ValidationFault',
      '4000',
    ],
    [
      'query semantics',
      queryFault('4001', 'Invalid query', 'QueryValidationError: x'),
      400,
      'ValidationFault',
      '4001',
    ],
    ['authorization', authorizationFailed(), 403, 'AuthorizationFault', '3100'],
    ['throttle', throttled(), 429, 'SERVICE', '3001'],
    ['system 500', systemFault(500), 500, 'SystemFault', '10000'],
    ['system 503', systemFault(503), 503, 'SystemFault', '10000'],
    ['unknown URL', unsupportedOperation('GET /x'), 404, 'ValidationFault', '500'],
  ])('%s: HTTP status, type and string code in the Fault envelope', (_name, fault, status, type, code) => {
    expect(fault.status).toBe(status)
    expect(fault.code).toBe(code)
    const envelope = fault.toEnvelope(TIME) as {
      Fault: { Error: Array<Record<string, unknown>>; type: string }
      time: string
    }
    expect(Object.keys(envelope)).toEqual(['Fault', 'time'])
    expect(envelope.time).toBe(TIME)
    expect(envelope.Fault.type).toBe(type)
    expect(envelope.Fault.Error).toHaveLength(1)
    expect(envelope.Fault.Error[0]).toMatchObject({
      code,
      Message: expect.any(String),
      Detail: expect.any(String),
    })
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope)
  })

  it('names the offending element', () => {
    expect(requiredParam('CustomerRef').errors[0]).toMatchObject({
      element: 'CustomerRef',
      Detail: 'Required parameter CustomerRef is missing in the request',
    })
    expect(stringTooLong('Title', 16, 17).errors[0]?.element).toBe('Title')
  })

  it('writes 401 authentication faults in the gateway shape with lower-case keys', () => {
    const fault = authenticationFailed('Token expired')
    expect(fault.status).toBe(401)
    expect(fault.toEnvelope(TIME)).toEqual({
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired',
            code: '3200',
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: TIME,
    })
  })

  it('writes the throttle fault exactly as the 2016 capture', () => {
    expect(throttled().errors[0]).toEqual({
      Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      Detail: 'The request limit was reached.  Try again later',
      code: '3001',
    })
  })
})
