import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api'
import {
  addressLines,
  documentStatusLabel,
  formatAsOf,
  formatQuickbooksDate,
  matchReasonText,
  quickbooksErrorMessage,
  scorePercent,
} from './quickbooks-words'

describe('QuickBooks words', () => {
  it('says how fresh the figures are in minutes, then as a date', () => {
    const now = new Date('2026-03-10T12:00:00Z')
    expect(formatAsOf('2026-03-10T11:59:40Z', now)).toBe('just now')
    expect(formatAsOf('2026-03-10T11:59:00Z', now)).toBe('1 minute ago')
    expect(formatAsOf('2026-03-10T11:35:00Z', now)).toBe('25 minutes ago')
    expect(formatAsOf('2026-03-09T08:00:00Z', now)).toMatch(/Mar 9, 2026|Mar 8, 2026/)
    expect(formatAsOf('not a time', now)).toBe('not a time')
  })

  it('keeps a QuickBooks calendar date on its day and shows a dash for none', () => {
    expect(formatQuickbooksDate('2026-01-31')).toBe('Jan 31, 2026')
    expect(formatQuickbooksDate(null)).toBe('—')
  })

  it('names document statuses, including ones QuickBooks may add later', () => {
    expect(documentStatusLabel('partially_paid')).toBe('Partially paid')
    expect(documentStatusLabel('deleted')).toBe('Deleted in QuickBooks')
    expect(documentStatusLabel('on_hold')).toBe('On hold')
  })

  it('explains why a candidate matched and shows its score as a percentage', () => {
    expect(matchReasonText(['name'])).toBe('Matched on name')
    expect(matchReasonText(['name', 'email', 'phone'])).toBe('Matched on name, email and phone')
    expect(matchReasonText(['name-fuzzy', 'name-exact', 'email-exact'])).toBe('Matched on name and email')
    expect(matchReasonText([])).toBe('')
    expect(scorePercent(0.873)).toBe(87)
    expect(scorePercent(92)).toBe(92)
  })

  it('writes an address as envelope lines, keeping a multi-line street', () => {
    expect(
      addressLines({
        street: '1 Main St\nSuite 2',
        city: 'Bayshore',
        region: 'CA',
        postalCode: '94326',
        country: null,
      }),
    ).toEqual(['1 Main St', 'Suite 2', 'Bayshore, CA 94326'])
    expect(addressLines(null)).toEqual([])
  })

  it('puts QuickBooks failures in plain words and keeps the server message for the rest', () => {
    expect(quickbooksErrorMessage(new ApiError(429, 'quickbooks_busy', 'x'), 'fallback')).toBe(
      'QuickBooks is busy; try again in a minute.',
    )
    expect(quickbooksErrorMessage(new ApiError(409, 'QUICKBOOKS_NEEDS_RECONNECT', 'x'), 'fallback')).toMatch(
      /reconnect/,
    )
    expect(
      quickbooksErrorMessage(new ApiError(404, 'not_linked', 'This record is not linked.'), 'fallback'),
    ).toBe('This record is not linked.')
    expect(quickbooksErrorMessage(new Error('boom'), 'Could not load.')).toBe('Could not load.')
  })
})
