import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addMoney, compareMoney, formatMoney, isZeroMoney, money, moneyOf, sumMoney } from './money'
import { parseQboJson, stringifyQboJson } from './transport/json'

describe('Money', () => {
  it('adds exactly where floats would not', () => {
    expect(addMoney(money('0.1', 'USD'), money('0.2', 'USD'))).toEqual({ amount: '0.3', currency: 'USD' })
    expect(addMoney(money('-5', 'USD'), money('2.25', 'USD')).amount).toBe('-2.75')
    expect(addMoney(money('-0.5', 'USD'), money('0.25', 'USD')).amount).toBe('-0.25')
  })

  it('sums a list and starts from zero for an empty one', () => {
    expect(sumMoney([money('1.10', 'EUR'), money('2', 'EUR')], 'EUR')).toEqual({
      amount: '3.10',
      currency: 'EUR',
    })
    expect(sumMoney([], 'EUR')).toEqual({ amount: '0', currency: 'EUR' })
  })

  it('compares regardless of trailing zeros', () => {
    expect(compareMoney(money('85.0', 'USD'), money('85', 'USD'))).toBe(0)
    expect(compareMoney(money('85.01', 'USD'), money('85.1', 'USD'))).toBe(-1)
    expect(compareMoney(money('100', 'USD'), money('99.999', 'USD'))).toBe(1)
    expect(isZeroMoney(money('0.000', 'USD'))).toBe(true)
  })

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money('1', 'USD'), money('1', 'EUR'))).toThrow(/cannot combine USD with EUR/)
    expect(() => compareMoney(money('1', 'USD'), money('1', 'EUR'))).toThrow(TypeError)
  })

  it('refuses floats in disguise and bad currency codes', () => {
    expect(() => money('1e3', 'USD')).toThrow(TypeError)
    expect(() => money('12.5', 'usd')).toThrow(TypeError)
  })

  it('formats with the currency symbol without going through a float', () => {
    expect(formatMoney(money('1234.5', 'USD'))).toBe('$1,234.50')
    expect(formatMoney(money('12345678901234567.125', 'USD'))).toBe('$12,345,678,901,234,567.13')
  })

  it('takes the currency of an entity from CurrencyRef, else the home currency', () => {
    expect(moneyOf({ TotalAmt: '362.07', CurrencyRef: { value: 'EUR' } }, 'TotalAmt', 'USD')).toEqual({
      amount: '362.07',
      currency: 'EUR',
    })
    expect(moneyOf({ Balance: '5' }, 'Balance', 'USD')).toEqual({ amount: '5', currency: 'USD' })
    expect(moneyOf({ Balance: undefined as string | undefined }, 'Balance', 'USD')).toBeUndefined()
  })
})

describe('Money properties', () => {
  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
    .map(([units, scale]) => {
      const negative = units < 0n
      const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
      const int = digits.slice(0, digits.length - scale)
      const frac = digits.slice(digits.length - scale)
      return { units, scale, text: `${negative ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}` }
    })

  it('adds exactly, for any amounts at any scale', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const scale = Math.max(a.scale, b.scale)
        const expected = a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale)
        const sum = addMoney(money(a.text, 'USD'), money(b.text, 'USD'))
        const back = BigInt(sum.amount.replace('.', ''))
        expect(back).toBe(expected)
        expect(compareMoney(sum, addMoney(money(b.text, 'USD'), money(a.text, 'USD')))).toBe(0)
      }),
    )
  })

  it('survives the JSON boundary digit for digit', () => {
    fc.assert(
      fc.property(decimal, (a) => {
        const json = stringifyQboJson({ Amount: a.text })
        expect(parseQboJson(json)).toEqual({ Amount: a.text })
      }),
    )
  })
})
