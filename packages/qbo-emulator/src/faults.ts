/**
 * Every QBO fault shape the emulator produces, in one place (STYLE.md §9).
 *
 * Shapes and texts come from API-NOTES.md §8 and the fault fixtures; where the notes call a
 * behaviour unverified, the choice made here is listed in the package README.
 */

/** The `type` of a QBO fault, as spelled by the service (API-NOTES.md §8). */
export type FaultType =
  | 'ValidationFault'
  | 'SystemFault'
  | 'AuthenticationFault'
  | 'AuthorizationFault'
  | 'AUTHENTICATION'
  | 'SERVICE'

/** One entry of `Fault.Error[]`. `code` is always a string; `element` names the offending field. */
export interface FaultError {
  Message: string
  Detail?: string
  code: string
  element?: string
}

/**
 * A QBO fault: thrown by the store and the routes, turned into the `{"Fault":…,"time":…}` envelope once,
 * by the route layer.
 *
 * @example
 * throw new QboFault(400, 'ValidationFault', [{ Message: 'Object Not Found', code: '610', element: '' }])
 */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly type: FaultType,
    readonly errors: FaultError[],
    /** Gateway faults (401) use lower-case keys (API-NOTES.md §8). */
    readonly lowerCaseKeys = false,
  ) {
    super(errors[0]?.Message ?? type)
    this.name = 'QboFault'
  }

  /** The first error's code, e.g. `'6240'`. */
  get code(): string {
    return this.errors[0]?.code ?? ''
  }

  /**
   * The JSON value of the `Fault` member (used as-is inside batch items).
   *
   * @example
   * objectNotFound().toFaultBody() // { Error: [{ Message: 'Object Not Found', … }], type: 'ValidationFault' }
   */
  toFaultBody(): Record<string, unknown> {
    if (this.lowerCaseKeys) {
      return {
        error: this.errors.map((e) => ({ message: e.Message, detail: e.Detail, code: e.code })),
        type: this.type,
      }
    }
    return { Error: this.errors, type: this.type }
  }

  /**
   * The whole response body, with the `time` member.
   *
   * @example
   * JSON.stringify(staleObject().toEnvelope('2026-11-24T08:15:00.000-08:00'))
   */
  toEnvelope(time: string): Record<string, unknown> {
    return this.lowerCaseKeys ? { fault: this.toFaultBody(), time } : { Fault: this.toFaultBody(), time }
  }
}

const validation = (code: string, Message: string, Detail: string, element = '', status = 400) =>
  new QboFault(status, 'ValidationFault', [{ Message, Detail, code, element }])

/**
 * 610 Object Not Found, HTTP 400 (fixture `fault-object-not-found.json`; the 400 status is unverified, §4).
 *
 * @example
 * objectNotFound().status // 400
 */
export function objectNotFound(): QboFault {
  return validation(
    '610',
    'Object Not Found',
    "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
  )
}

/**
 * 6240 Duplicate Name Exists Error (customer/vendor/employee wording of `batch-response.json`, newline as in
 * `fault-duplicate-name.json`).
 *
 * @example
 * duplicateName().code // '6240'
 */
export function duplicateName(): QboFault {
  return validation(
    '6240',
    'Duplicate Name Exists Error',
    'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
  )
}

/** The user named in 5010 details; the batch fixture shows the company's admin login. */
const STALE_USER = 'root'

/**
 * 5010 Stale Object Error (fixture `fault-stale-object.json`).
 *
 * @example
 * staleObject().code // '5010'
 */
export function staleObject(): QboFault {
  return validation(
    '5010',
    'Stale Object Error',
    `Stale Object Error : You and ${STALE_USER} were working on this at the same time. ${STALE_USER} finished before you did, so your work was not saved.`,
  )
}

/**
 * 2020 Required param missing, with `element` (fixture `fault-required-param-missing.json`).
 *
 * @example
 * requiredParam('CustomerRef').errors[0]?.element // 'CustomerRef'
 */
export function requiredParam(element: string): QboFault {
  return validation(
    '2020',
    'Required param missing, need to supply the required value for the API',
    `Required parameter ${element} is missing in the request`,
    element,
  )
}

/**
 * 2500 Invalid Reference Id; the Detail names the reference (API-NOTES.md §8).
 *
 * @example
 * invalidReference('CustomerRef', '999').code // '2500'
 */
export function invalidReference(element: string, id: string): QboFault {
  return validation(
    '2500',
    'Invalid Reference Id',
    `Invalid Reference Id : ${element} with Id ${id} does not exist`,
    element,
  )
}

/**
 * 2050 string too long (exact Message unverified).
 *
 * @example
 * stringTooLong('DisplayName', 500, 501).code // '2050'
 */
export function stringTooLong(element: string, max: number, length: number): QboFault {
  return validation(
    '2050',
    'String length specified does not match the supported length',
    `String length is either shorter or longer than supported by specification. Min:0 Max:${max} supported. Supplied length:${length}.`,
    element,
  )
}

/**
 * 2040 invalid characters: names may not contain `:`, tab or newline (§2.1; code choice unverified).
 *
 * @example
 * invalidCharacters('DisplayName').code // '2040'
 */
export function invalidCharacters(element: string): QboFault {
  return validation(
    '2040',
    'Invalid String',
    `Invalid String : ${element} cannot contain a colon (:), a tab or a newline.`,
    element,
  )
}

/**
 * 6080 No Name Provided: a name-list create without DisplayName or any name part (§2.1; code choice unverified).
 *
 * @example
 * noNameProvided().code // '6080'
 */
export function noNameProvided(): QboFault {
  return validation(
    '6080',
    'No Name Provided',
    'No Name Provided : Please provide a DisplayName or at least one of Title, GivenName, MiddleName, FamilyName or Suffix.',
    'DisplayName',
  )
}

/**
 * 6140 Duplicate Document Number Error (§2.3; message from a third-party probe).
 *
 * @example
 * duplicateDocNumber('1001').code // '6140'
 */
export function duplicateDocNumber(docNumber: string): QboFault {
  return validation(
    '6140',
    'Duplicate Document Number Error',
    `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber}`,
    'DocNumber',
  )
}

/**
 * 6000 business validation error; Detail carries the rule (exact Message unverified, §8).
 *
 * @example
 * businessRule('The payment applies more than the invoice balance.').code // '6000'
 */
export function businessRule(rule: string, element = ''): QboFault {
  return validation(
    '6000',
    'A business validation error has occurred while processing your request',
    `Business Validation Error: ${rule}`,
    element,
  )
}

/**
 * 2010 invalid or unsupported property — also used for a body that is not valid JSON (choice unverified).
 *
 * @example
 * invalidProperty('Unexpected token').code // '2010'
 */
export function invalidProperty(name: string, element = '', reason?: string): QboFault {
  return validation(
    '2010',
    'Request has invalid or unsupported property',
    `Property Name:${name} specified is unsupported or invalid${reason ? `: ${reason}` : ''}`,
    element,
  )
}

/**
 * 2000 unsupported object name: an entity the emulator does not hold (a batch item or a CDC `entities` value).
 *
 * @example
 * unsupportedEntity('SalesReceipt').code // '2000'
 */
export function unsupportedEntity(name: string): QboFault {
  return validation('2000', 'Unsupported object name', `Unsupported object name : ${name} is not supported`)
}

/**
 * 2130 Invalid Request Id Format: a `requestid` longer than 50 characters (36 in batch) or with spaces (§1).
 *
 * @example
 * invalidRequestId(50).code // '2130'
 */
export function invalidRequestId(max: number): QboFault {
  return validation(
    '2130',
    'Invalid Request Id Format',
    `Invalid Request Id Format : requestid must be 1 to ${max} printable characters without spaces`,
    'requestid',
  )
}

/**
 * 1040 batch size exceeds the 30-item limit (§5); HTTP 400 (status unverified).
 *
 * @example
 * batchTooLarge(31).code // '1040'
 */
export function batchTooLarge(items: number): QboFault {
  return validation(
    '1040',
    'Batch size exceeds limit',
    `Batch size exceeds limit : a batch request may hold at most 30 items; this one holds ${items}`,
  )
}

/**
 * 4000 Error parsing query (fixture `fault-query-parser-error.json`; that fixture has no `element`).
 *
 * @example
 * queryFault('4000', 'Error parsing query', 'QueryParserError: Encountered …').status // 400
 */
export function queryFault(code: '4000' | '4001', message: string, detail: string): QboFault {
  return new QboFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code }])
}

/**
 * 3200 authentication failure, HTTP 401. Intuit's gateway answers with lower-case keys and type
 * `AUTHENTICATION` (API-NOTES.md §8, partly verified); the emulator uses that shape.
 *
 * @example
 * authenticationFailed('Token expired').toEnvelope('…') // { fault: { error: [...], type: 'AUTHENTICATION' }, time }
 */
export function authenticationFailed(detail: string): QboFault {
  return new QboFault(
    401,
    'AUTHENTICATION',
    [
      {
        Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        Detail: detail,
        code: '3200',
      },
    ],
    true,
  )
}

/**
 * 3100 authorization failure, HTTP 403: the token is for another company, or the company does not exist
 * (full text partly verified, §8).
 *
 * @example
 * authorizationFailed().status // 403
 */
export function authorizationFailed(): QboFault {
  return new QboFault(403, 'AuthorizationFault', [
    {
      Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
      Detail: 'The application is not authorized to access this company',
      code: '3100',
    },
  ])
}

/**
 * 3001 ThrottleExceeded, HTTP 429, type `SERVICE` (quickbooks-ruby 2016 fixture, §8/§9).
 *
 * @example
 * throttled().status // 429
 */
export function throttled(): QboFault {
  return new QboFault(429, 'SERVICE', [
    {
      Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      Detail: 'The request limit was reached.  Try again later',
      code: '3001',
    },
  ])
}

/**
 * 10000 SystemFault with HTTP 500 or 503 (§8).
 *
 * @example
 * systemFault(503).status // 503
 */
export function systemFault(status: 500 | 503 = 500): QboFault {
  return new QboFault(status, 'SystemFault', [
    {
      Message: 'An application error has occurred while processing your request',
      Detail:
        status === 503 ? 'System Failure Error: Service temporarily unavailable' : 'System Failure Error',
      code: '10000',
    },
  ])
}

/**
 * Unknown URL under `/v3`: HTTP 404 (§8 "404 bad URL"; the body shape is unverified). With status 400,
 * an operation the entity does not support (void on an estimate).
 *
 * @example
 * unsupportedOperation('GET /v3/company/1/widget').status // 404
 */
export function unsupportedOperation(what: string, status: 400 | 404 = 404): QboFault {
  return new QboFault(status, 'ValidationFault', [
    { Message: 'Unsupported Operation', Detail: `Operation ${what} is not supported.`, code: '500' },
  ])
}
