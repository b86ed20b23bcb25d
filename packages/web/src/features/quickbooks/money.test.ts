import { describe, expect, it } from 'vitest'
import type { Aging } from '../../api'
import { agingBars, formatMoney, isPositive } from './money'

const aging = (amounts: string[]): Aging => ({
  currency: 'USD',
  buckets: (['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const).map((bucket, i) => ({
    bucket,
    label: bucket,
    amount: amounts[i] ?? '0.00',
  })),
  total: '0.00',
})

describe('showing money', () => {
  it('writes a decimal string in its currency with grouping and the currency symbol', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50')
    expect(formatMoney('-20.00', 'USD')).toBe('-$20.00')
    expect(formatMoney('1000', 'JPY')).toBe('¥1,000')
    expect(formatMoney('99.99', 'EUR')).toBe('€99.99')
  })

  it('keeps every digit of an amount too large for a float', () => {
    expect(formatMoney('12345678901234567.89', 'USD')).toBe('$12,345,678,901,234,567.89')
  })

  it('shows a dash for no amount and passes through what is not an amount or not a currency', () => {
    expect(formatMoney(null, 'USD')).toBe('—')
    expect(formatMoney('', 'USD')).toBe('—')
    expect(formatMoney('12,50', 'USD')).toBe('12,50 USD')
    expect(formatMoney('10.00', 'not-a-currency')).toBe('10.00 not-a-currency')
  })

  it('tells amounts above zero from zero and credits', () => {
    expect(isPositive('0.01')).toBe(true)
    expect(isPositive('0.00')).toBe(false)
    expect(isPositive('-5.00')).toBe(false)
    expect(isPositive(null)).toBe(false)
    expect(isPositive('abc')).toBe(false)
  })
})

describe('the aging chart', () => {
  it('sizes each bar against the largest bucket and writes its amount', () => {
    const bars = agingBars(aging(['100.00', '50.00', '0.00', '25.00', '0.00']))
    expect(bars.map((bar) => bar.percent)).toEqual([100, 50, 0, 25, 0])
    expect(bars[1]?.text).toBe('$50.00')
    expect(bars.map((bar) => bar.bucket)).toEqual([
      'current',
      'days1To30',
      'days31To60',
      'days61To90',
      'over90',
    ])
  })

  it('draws no bar for credits and nothing at all when every bucket is empty', () => {
    expect(agingBars(aging(['-30.00', '10.00'])).map((bar) => bar.percent)).toEqual([0, 100, 0, 0, 0])
    expect(agingBars(aging([])).every((bar) => bar.percent === 0)).toBe(true)
  })
})
