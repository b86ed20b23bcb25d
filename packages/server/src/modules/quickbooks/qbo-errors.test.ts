import {
  QboAuthError,
  QboError,
  QboFaultError,
  QboNetworkError,
  QboQueryBuildError,
  QboRateLimitError,
  QboReconnectRequiredError,
  QboTimeoutError,
} from '@ledgerlink/qbo'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import { toAppError } from './qbo-errors'
import { TokenCryptoError } from './token-crypto'

const capture = () => {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = []
  return {
    lines,
    logger: {
      warn: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', obj, msg }),
      error: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'error', obj, msg }),
    },
  }
}

const fault = (
  code: string,
  options: { type?: string; httpStatus?: number; detail?: string; message?: string } = {},
) =>
  new QboFaultError({
    type: options.type ?? 'ValidationFault',
    errors: [{ code, message: options.message ?? 'Business Validation Error', detail: options.detail }],
    httpStatus: options.httpStatus ?? 400,
    intuitTid: 'tid-123',
  })

describe('toAppError, the QuickBooks error seam', () => {
  it.each([
    [
      new QboReconnectRequiredError('1', 'invalid_grant', { intuitTid: 'tid-123' }),
      'quickbooks_needs_reconnect',
      'conflict',
    ],
    [
      new QboAuthError('forbidden', { httpStatus: 403, intuitTid: 'tid-123' }),
      'quickbooks_needs_reconnect',
      'conflict',
    ],
    [new TokenCryptoError('decryption_failed', 'x'), 'quickbooks_needs_reconnect', 'conflict'],
    [
      new QboRateLimitError('throttled', { httpStatus: 429, intuitTid: 'tid-123' }),
      'quickbooks_busy',
      'rate_limited',
    ],
    [fault('3001', { type: 'SERVICE', httpStatus: 429 }), 'quickbooks_busy', 'rate_limited'],
    [
      new QboNetworkError('OAuth endpoint answered HTTP 429', { httpStatus: 429, intuitTid: 'tid-123' }),
      'quickbooks_busy',
      'rate_limited',
    ],
    [
      new QboNetworkError('reset', { intuitTid: 'tid-123' }),
      'quickbooks_unavailable',
      'upstream_unavailable',
    ],
    [new QboTimeoutError('slow'), 'quickbooks_unavailable', 'upstream_unavailable'],
    [
      fault('10000', { type: 'SystemFault', httpStatus: 500 }),
      'quickbooks_unavailable',
      'upstream_unavailable',
    ],
    [fault('6000'), 'quickbooks_rejected', 'bad_input'],
    [new QboQueryBuildError("property 'Notes' is not filterable"), 'quickbooks_rejected', 'bad_input'],
    [new QboError('a batch answer without item 3'), 'quickbooks_unavailable', 'upstream_unavailable'],
    [new Error('boom'), 'INTERNAL', 'internal'],
  ])('maps %s to %s', (error, code, category) => {
    const { logger } = capture()
    expect(toAppError(error, logger)).toMatchObject({ code, category })
  })

  it('tells the user what to do in plain words', () => {
    const { logger } = capture()
    expect(toAppError(new QboRateLimitError('throttled'), logger).message).toBe(
      'QuickBooks is busy; try again in a minute.',
    )
    expect(toAppError(new QboReconnectRequiredError('1', 'invalid_grant'), logger).message).toMatch(
      /administrator needs to reconnect QuickBooks/,
    )
    expect(toAppError(new QboNetworkError('ECONNRESET'), logger).message).not.toContain('ECONNRESET')
  })

  it("passes on QBO's own explanation of a validation fault, without the repeated title", () => {
    const { logger } = capture()
    const error = fault('6000', {
      message: 'A business validation error has occurred while processing your request',
      detail: 'Business Validation Error : You must select a customer for this transaction.',
    })
    expect(toAppError(error, logger).message).toBe(
      'QuickBooks did not accept this: You must select a customer for this transaction.',
    )
  })

  it('logs the intuit_tid for support, and never the raw error text to the user', () => {
    const { lines, logger } = capture()
    const result = toAppError(new QboRateLimitError('throttled', { intuitTid: 'tid-abc' }), logger)
    expect(lines).toHaveLength(1)
    expect(lines[0]?.obj.intuitTid).toBe('tid-abc')
    expect(result.message).not.toContain('tid-abc')
    const unexpected = capture()
    toAppError(new Error('boom'), unexpected.logger)
    expect(unexpected.lines[0]?.level).toBe('error')
  })

  it('leaves domain errors as they are', () => {
    const { lines, logger } = capture()
    const domain = new AppError('customer_not_found', 'not_found', 'No such customer.')
    expect(toAppError(domain, logger)).toBe(domain)
    expect(lines).toEqual([])
  })
})
