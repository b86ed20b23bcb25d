import { describe, expect, it } from 'vitest'
import {
  addressFromQbo,
  addressToQbo,
  CONTACT_COPY_FIELDS,
  checkForCrm,
  checkForQuickbooks,
  copyFieldSpec,
  isSameCopyValue,
  ORGANIZATION_COPY_FIELDS,
  readCustomerValue,
} from './copy-fields'

const spec = (field: string) => {
  const found = copyFieldSpec(field)
  if (!found) throw new Error(`no spec for ${field}`)
  return found
}

describe('the field mapping', () => {
  it('maps organization fields to their QBO counterparts and leaves email domains out', () => {
    expect(ORGANIZATION_COPY_FIELDS.map((s) => [s.field, s.qboField])).toEqual([
      ['billingAddress', 'BillAddr'],
      ['shippingAddress', 'ShipAddr'],
      ['phone', 'PrimaryPhone'],
      ['otherPhone', 'AlternatePhone'],
      ['fax', 'Fax'],
      ['website', 'WebAddr'],
    ])
  })

  it('maps contact fields to their QBO counterparts', () => {
    expect(CONTACT_COPY_FIELDS.map((s) => [s.field, s.qboField])).toEqual([
      ['mailingAddress', 'BillAddr'],
      ['otherAddress', 'ShipAddr'],
      ['phone', 'PrimaryPhone'],
      ['mobilePhone', 'Mobile'],
      ['fax', 'Fax'],
      ['email', 'PrimaryEmailAddr'],
      ['website', 'WebAddr'],
    ])
  })

  it('knows no spec for a field that is not copyable', () => {
    expect(copyFieldSpec('emailDomains')).toBeUndefined()
    expect(copyFieldSpec('name')).toBeUndefined()
  })
})

describe('address conversion', () => {
  it('turns QBO lines into a multi-line street and the subdivision into the region', () => {
    expect(
      addressFromQbo({
        Id: '3',
        Line1: '12 Ocean Dr.',
        Line2: '  ',
        Line3: 'Suite 5',
        City: 'Half Moon Bay',
        CountrySubDivisionCode: 'CA',
        PostalCode: '94213',
        Lat: '37.43',
      }),
    ).toEqual({
      street: '12 Ocean Dr.\nSuite 5',
      city: 'Half Moon Bay',
      region: 'CA',
      postalCode: '94213',
      country: null,
    })
  })

  it('gives null for an absent or empty QBO address', () => {
    expect(addressFromQbo(undefined)).toBeNull()
    expect(addressFromQbo({ Id: '4', Lat: 'INVALID' })).toBeNull()
  })

  it('turns a multi-line street into Line1 to LineN with only the parts that have a value', () => {
    expect(
      addressToQbo({
        street: 'Unit 4\r\n\n 9 High St ',
        city: 'Leeds',
        region: null,
        postalCode: 'LS1 1AA',
        country: 'UK',
      }),
    ).toEqual({ Line1: 'Unit 4', Line2: '9 High St', City: 'Leeds', PostalCode: 'LS1 1AA', Country: 'UK' })
    expect(addressToQbo(null)).toEqual({})
  })

  it('round-trips an address through QBO unchanged', () => {
    const address = { street: 'a\nb\nc\nd\ne', city: 'X', region: 'Y', postalCode: 'Z', country: 'W' }
    expect(addressFromQbo(addressToQbo(address))).toEqual(address)
  })
})

describe('value comparison', () => {
  it('ignores surrounding spaces and treats empty as absent', () => {
    expect(isSameCopyValue('phone', ' 555 ', '555')).toBe(true)
    expect(isSameCopyValue('phone', '', null)).toBe(true)
    expect(isSameCopyValue('phone', '555', null)).toBe(false)
  })

  it('ignores case in emails only', () => {
    expect(isSameCopyValue('email', 'A@B.com', 'a@b.COM')).toBe(true)
    expect(isSameCopyValue('website', 'https://a.com/X', 'https://a.com/x')).toBe(false)
  })

  it('compares addresses part by part after normalising', () => {
    const a = { street: '1 Main St\n', city: 'Oslo', region: null, postalCode: null, country: null }
    const b = { street: ' 1 Main St', city: 'Oslo ', region: '', postalCode: null, country: null }
    expect(isSameCopyValue('address', a, b)).toBe(true)
    expect(isSameCopyValue('address', a, { ...b, city: 'Bergen' })).toBe(false)
  })

  it('reads a customer with missing fields as empty values', () => {
    expect(readCustomerValue({ Id: '1' }, spec('phone'))).toBeNull()
    expect(readCustomerValue({ Id: '1', PrimaryEmailAddr: {} }, spec('email'))).toBeNull()
    expect(readCustomerValue({ Id: '1', WebAddr: { URI: 'https://x.io' } }, spec('website'))).toBe(
      'https://x.io',
    )
  })
})

describe('QuickBooks limits', () => {
  const address = { street: 'x', city: null, region: null, postalCode: null, country: null }

  it('accepts values at the limit and reports one character over', () => {
    expect(checkForQuickbooks(spec('phone'), '1'.repeat(30))).toBeUndefined()
    expect(checkForQuickbooks(spec('phone'), '1'.repeat(31))).toMatchObject({ code: 'too_long' })
    expect(checkForQuickbooks(spec('website'), 'w'.repeat(1001))?.message).toContain('at most 1000')
    expect(
      checkForQuickbooks(spec('billingAddress'), { ...address, postalCode: '9'.repeat(31) })?.message,
    ).toBe('The postal code has 31 characters; QuickBooks allows at most 30.')
    expect(checkForQuickbooks(spec('billingAddress'), { ...address, city: 'c'.repeat(256) })).toMatchObject({
      code: 'too_long',
    })
  })

  it('reports a street line over 500 characters and more than five lines', () => {
    expect(
      checkForQuickbooks(spec('billingAddress'), { ...address, street: `ok\n${'l'.repeat(501)}` })?.message,
    ).toBe('Street line 2 has 501 characters; QuickBooks allows at most 500.')
    expect(
      checkForQuickbooks(spec('billingAddress'), { ...address, street: '1\n2\n3\n4\n5\n6' }),
    ).toMatchObject({
      code: 'too_many_lines',
    })
  })

  it('reports an email without "@" or "." and one over 100 characters', () => {
    expect(checkForQuickbooks(spec('email'), 'someone@example')).toMatchObject({ code: 'invalid_email' })
    expect(checkForQuickbooks(spec('email'), 'someone.example.com')).toMatchObject({ code: 'invalid_email' })
    expect(checkForQuickbooks(spec('email'), `${'a'.repeat(90)}@example.com`)).toMatchObject({
      code: 'too_long',
    })
    expect(checkForQuickbooks(spec('email'), 'a@b.co')).toBeUndefined()
  })

  it('counts characters, not UTF-16 units', () => {
    expect(checkForQuickbooks(spec('phone'), '📞'.repeat(30))).toBeUndefined()
  })
})

describe('CRM limits', () => {
  it('reports values too long for the CRM and emails it cannot store', () => {
    expect(checkForCrm(spec('phone'), '1'.repeat(51))).toMatchObject({ code: 'too_long' })
    expect(checkForCrm(spec('website'), 'w'.repeat(501))?.message).toContain('Ledgerlink allows at most 500')
    expect(checkForCrm(spec('email'), 'not an email')).toMatchObject({ code: 'invalid_email' })
    expect(
      checkForCrm(spec('mailingAddress'), {
        street: null,
        city: 'c'.repeat(201),
        region: null,
        postalCode: null,
        country: null,
      }),
    ).toMatchObject({ code: 'too_long' })
    expect(checkForCrm(spec('phone'), null)).toBeUndefined()
  })
})
