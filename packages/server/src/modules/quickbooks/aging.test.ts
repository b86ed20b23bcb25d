import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  agingBucketOf,
  buildAging,
  dayNumberOf,
  daysPastDue,
  decimalOf,
  isoDateOf,
  sumAmounts,
  toCurrencyScale,
} from './aging'

describe('days past due and buckets', () => {
  it.each([
    [0, 'current'],
    [1, 'days1To30'],
    [30, 'days1To30'],
    [31, 'days31To60'],
    [60, 'days31To60'],
    [61, 'days61To90'],
    [90, 'days61To90'],
    [91, 'over90'],
    [4000, 'over90'],
  ] as const)('puts an item %i days past due in %s', (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket)
  })

  it('counts an item due today as 0 days past due', () => {
    expect(daysPastDue('2026-03-10', '2026-03-10')).toBe(0)
  })

  it('counts an item not yet due and one without a due date as 0 days past due', () => {
    expect(daysPastDue('2026-04-01', '2026-03-10')).toBe(0)
    expect(daysPastDue(null, '2026-03-10')).toBe(0)
  })

  it('counts calendar days across a leap day and a year end', () => {
    expect(daysPastDue('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysPastDue('2025-12-31', '2026-01-31')).toBe(31)
  })

  it('rejects a date that is not a real calendar date', () => {
    expect(() => dayNumberOf('2026-02-30')).toThrow(TypeError)
    expect(() => dayNumberOf('yesterday')).toThrow(/not a date/)
  })

  it('reads a QBO date with an offset suffix and ignores non-dates', () => {
    expect(isoDateOf('2014-09-19-07:00')).toBe('2014-09-19')
    expect(isoDateOf(undefined)).toBeNull()
    expect(isoDateOf('19/09/2014')).toBeNull()
  })

  it('moves by months, clamping to the end of a shorter month', () => {
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
  })
})

describe('amounts', () => {
  it('sums decimal strings exactly where floats would drift', () => {
    expect(sumAmounts(['0.1', '0.2'], 'USD')).toBe('0.30')
    expect(
      sumAmounts(
        Array.from({ length: 1000 }, () => '0.01'),
        'USD',
      ),
    ).toBe('10.00')
  })

  it('pads to the currency minor units without ever rounding', () => {
    expect(toCurrencyScale('85', 'USD')).toBe('85.00')
    expect(toCurrencyScale('1500', 'JPY')).toBe('1500')
    expect(toCurrencyScale('1.5', 'BHD')).toBe('1.500')
    expect(toCurrencyScale('12.345', 'USD')).toBe('12.345')
  })

  it('reads amounts given as strings or JSON numbers, and absent ones as zero', () => {
    expect(decimalOf('362.07')).toBe('362.07')
    expect(decimalOf(362.07)).toBe('362.07')
    expect(decimalOf(1e-7)).toBe('0.0000001')
    expect(decimalOf(undefined)).toBe('0')
    expect(decimalOf('abc')).toBe('0')
  })

  it('gives zero for an empty list', () => {
    expect(sumAmounts([], 'EUR')).toBe('0.00')
  })
})

describe('buildAging', () => {
  const today = '2026-06-30'

  it('puts each open balance into the bucket of its due date at the boundaries', () => {
    const days = [0, 1, 30, 31, 60, 61, 90, 91]
    const aging = buildAging(
      days.map((d, i) => ({ dueDate: addDays(today, -d), balance: String(10 ** i) })),
      'USD',
      today,
    )
    expect(aging.buckets.map((b) => [b.bucket, b.amount])).toEqual([
      ['current', '1.00'],
      ['days1To30', '110.00'],
      ['days31To60', '11000.00'],
      ['days61To90', '1100000.00'],
      ['over90', '10000000.00'],
    ])
    expect(aging.total).toBe('11111111.00')
    expect(aging.currency).toBe('USD')
  })

  it('gives five zero buckets with labels for no open items', () => {
    const aging = buildAging([], 'GBP', today)
    expect(aging.buckets).toHaveLength(5)
    expect(aging.buckets.every((b) => b.amount === '0.00')).toBe(true)
    expect(aging.buckets.map((b) => b.label)).toEqual([
      'Current',
      '1–30 days',
      '31–60 days',
      '61–90 days',
      'Over 90 days',
    ])
  })

  it('treats an item with no due date as current', () => {
    const aging = buildAging([{ dueDate: null, balance: '5.5' }], 'USD', today)
    expect(aging.buckets[0]?.amount).toBe('5.50')
  })
})
