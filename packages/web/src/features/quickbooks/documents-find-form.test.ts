import { describe, expect, it } from 'vitest'
import { emptyFindDraft, toFindQuery, viaText } from './documents-find-form'

describe('the Find form', () => {
  it('sends a number alone, trimmed', () => {
    expect(toFindQuery('invoice', { ...emptyFindDraft, number: ' 1037 ' })).toEqual({
      query: { kind: 'invoice', number: '1037' },
    })
  })

  it('sends a date range alone, or with a number', () => {
    expect(toFindQuery('payment', { number: '', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      query: { kind: 'payment', from: '2026-01-01', to: '2026-01-31' },
    })
    expect(toFindQuery('estimate', { number: 'E-7', from: '2026-01-01', to: '' })).toEqual({
      query: { kind: 'estimate', number: 'E-7', from: '2026-01-01' },
    })
  })

  it('asks for a number or a date when everything is empty', () => {
    expect(toFindQuery('invoice', { number: '  ', from: '', to: '' })).toEqual({
      problems: { form: 'Enter a number, a date range, or both.' },
    })
  })

  it('refuses a range that ends before it starts, and a number QuickBooks cannot hold', () => {
    expect(toFindQuery('invoice', { number: '', from: '2026-02-01', to: '2026-01-01' })).toEqual({
      problems: { to: 'The end date must be on or after the start date.' },
    })
    expect(toFindQuery('invoice', { number: '9'.repeat(22), from: '', to: '' })).toEqual({
      problems: { number: 'A QuickBooks number has at most 21 characters.' },
    })
  })
})

describe('via labels', () => {
  it('names one, two or more records', () => {
    expect(viaText([])).toBe('')
    expect(viaText(['Acme Corp'])).toBe('via Acme Corp')
    expect(viaText(['Acme Corp', 'Dora Docs'])).toBe('via Acme Corp and Dora Docs')
    expect(viaText(['A', 'B', 'C'])).toBe('via A, B and C')
  })
})
