import { describe, expect, it } from 'vitest'
import { analyzeName, foldText, normalizeDomain, normalizeEmail, phoneKey } from './matching-normalize'

describe('foldText', () => {
  it('lower-cases and removes accents, including letters NFKD keeps whole', () => {
    expect(foldText('Crème Brûlée')).toBe('creme brulee')
    expect(foldText('Søren Straße Łódź Æther')).toBe('soren strasse lodz aether')
    expect(foldText('ＡＣＭＥ')).toBe('acme')
  })
})

describe('analyzeName', () => {
  it.each([
    ['Acme Inc', 'Inc'],
    ['Acme, Inc.', 'Inc.'],
    ['Acme LLC', 'LLC'],
    ['Acme L.L.C.', 'L.L.C.'],
    ['Acme Ltd', 'Ltd'],
    ['Acme Limited', 'Limited'],
    ['Acme Corp', 'Corp'],
    ['Acme Corporation', 'Corporation'],
    ['Acme Co', 'Co'],
    ['Acme Company', 'Company'],
    ['Acme GmbH', 'GmbH'],
    ['Acme S.A.', 'S.A.'],
    ['Acme PLC', 'PLC'],
    ['Acme LLP', 'LLP'],
  ])('strips the legal suffix of %s', (name, suffix) => {
    const analysis = analyzeName(name)
    expect(analysis.coreTokens).toEqual(['acme'])
    expect(analysis.strippedWords).toEqual([suffix])
  })

  it('strips multi-word and stacked legal forms but never the whole name', () => {
    expect(analyzeName('Koala Coffee Pty Ltd').coreTokens).toEqual(['koala', 'coffee'])
    expect(analyzeName('Smith & Co., Ltd.').coreTokens).toEqual(['smith'])
    expect(analyzeName('Company').coreTokens).toEqual(['company'])
    expect(analyzeName('Limited Brands Inc').coreTokens).toEqual(['limited', 'brands'])
  })

  it('treats possessives, "&" and "and", punctuation and spacing alike', () => {
    expect(analyzeName("Bill's Windsurf Shop").coreTokens).toEqual(
      analyzeName('Bills  Windsurf-Shop').coreTokens,
    )
    expect(analyzeName('Smith&Sons').tokens).toEqual(['smith', 'and', 'sons'])
    expect(analyzeName('Smith and Sons').tokens).toEqual(['smith', 'and', 'sons'])
    expect(analyzeName('Cool Cars').joined).toBe(analyzeName('CoolCars').joined)
  })

  it('drops a leading "The" and handles empty input', () => {
    expect(analyzeName('The Garden Depot').coreTokens).toEqual(['garden', 'depot'])
    expect(analyzeName('The').coreTokens).toEqual(['the'])
    expect(analyzeName(undefined).tokens).toEqual([])
    expect(analyzeName(' .,- ').tokens).toEqual([])
  })
})

describe('normalizeEmail', () => {
  it('lower-cases and trims every address', () => {
    expect(normalizeEmail('  Amy@Birds.Example ')).toBe('amy@birds.example')
  })

  it('removes dots and +tags only for gmail.com and googlemail.com', () => {
    expect(normalizeEmail('A.Lauterbach+crm@googlemail.com')).toBe('alauterbach@gmail.com')
    expect(normalizeEmail('a.lauterbach@gmail.com')).toBe('alauterbach@gmail.com')
    expect(normalizeEmail('a.lauterbach+crm@outlook.com')).toBe('a.lauterbach+crm@outlook.com')
  })

  it('rejects what is not an address', () => {
    for (const value of [
      undefined,
      '',
      'amy',
      '@birds.example',
      'amy@',
      'amy@localhost',
      'a my@b.example',
      '+x@gmail.com',
    ]) {
      expect(normalizeEmail(value)).toBeUndefined()
    }
  })
})

describe('normalizeDomain and phoneKey', () => {
  it('reduces web addresses and bare domains to a host', () => {
    expect(normalizeDomain('https://WWW.Acme.com/contact?x=1')).toBe('acme.com')
    expect(normalizeDomain('acme.co.uk')).toBe('acme.co.uk')
    expect(normalizeDomain('@acme.com')).toBe('acme.com')
    expect(normalizeDomain('not a domain')).toBeUndefined()
    expect(normalizeDomain(undefined)).toBeUndefined()
  })

  it('compares phone numbers by their last ten digits', () => {
    expect(phoneKey('+1 (555) 010-2030')).toBe(phoneKey('555.010.2030'))
    expect(phoneKey('+44 20 7946 0958')).toBe(phoneKey('020 7946 0958'))
    expect(phoneKey('555-0100')).toBe('5550100')
    expect(phoneKey('123')).toBeUndefined()
    expect(phoneKey(undefined)).toBeUndefined()
  })
})
