import { describe, expect, it } from 'vitest'
import { addressLines, formatDate, formatHistoryValue } from './format-value'

describe('showing values in words', () => {
  it('writes an address as envelope lines, keeping a multi-line street and skipping empty parts', () => {
    expect(
      addressLines({
        street: '1 Main St\nSuite 200',
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: null,
      }),
    ).toEqual(['1 Main St', 'Suite 200', 'Springfield, IL 62701'])
    expect(addressLines(null)).toEqual([])
  })

  it('shows history values by their option label, as lists, and says when a value was empty', () => {
    expect(formatHistoryValue('opportunities', 'stage', 'negotiation')).toBe('Negotiation')
    expect(formatHistoryValue('projects', 'status', 'on_hold')).toBe('On hold')
    expect(formatHistoryValue('organizations', 'emailDomains', ['a.example', 'b.example'])).toBe(
      'a.example, b.example',
    )
    expect(formatHistoryValue('organizations', 'phone', null)).toBe('(empty)')
    expect(formatHistoryValue('opportunities', 'probability', 40)).toBe('40%')
    expect(formatHistoryValue('opportunities', 'owner', { id: 'u1', name: 'Ada' })).toBe('Ada')
  })

  it('keeps a calendar date on its day whatever the time zone, and passes through what is not a date', () => {
    expect(formatDate('2026-01-31')).toMatch(/31/)
    expect(formatDate('soon')).toBe('soon')
    expect(formatDate(null)).toBe('')
  })
})
