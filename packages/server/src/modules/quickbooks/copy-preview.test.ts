import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Customer } from '@ledgerlink/qbo'
import { parseQboJson } from '@ledgerlink/qbo'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import type { ContactCopySource, OrganizationCopySource } from './copy-fields'
import {
  buildCopyPreview,
  buildNewCustomer,
  buildRecordChanges,
  buildSparseUpdate,
  rediffAfterStale,
} from './copy-preview'

const customer: Customer = {
  Id: '58',
  SyncToken: '3',
  DisplayName: 'Acme',
  PrimaryPhone: { FreeFormNumber: '(415) 444-6538' },
  PrimaryEmailAddr: { Address: 'AP@Acme.com' },
  BillAddr: {
    Id: '9',
    Line1: '12 Ocean Dr.',
    City: 'Half Moon Bay',
    CountrySubDivisionCode: 'CA',
    PostalCode: '94213',
  },
}

const organization: OrganizationCopySource = {
  recordType: 'organization',
  name: 'Acme',
  phone: '(415) 444-6538',
  otherPhone: '555 0101',
  fax: null,
  emailDomains: ['acme.com'],
  website: 'https://acme.example',
  billingAddress: {
    street: '1 Main St\nFloor 2',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'USA',
  },
  shippingAddress: null,
}

const contact: ContactCopySource = {
  recordType: 'contact',
  firstName: 'Jane',
  lastName: 'Doe',
  title: 'Ms.',
  organization: { id: 'o1', name: 'Acme' },
  email: 'jane@acme.com',
  phone: null,
  mobilePhone: '555 0199',
  fax: null,
  website: null,
  mailingAddress: null,
  otherAddress: null,
}

const expectBadInput = (action: () => unknown, fieldPaths: string[]) => {
  let caught: unknown
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AppError)
  expect(caught).toMatchObject({ code: 'BAD_INPUT', category: 'bad_input' })
  expect((caught as AppError).fields?.map((f) => f.path)).toEqual(fieldPaths)
}

describe('buildCopyPreview', () => {
  it('shows each organization field with the QBO value as current when copying to QuickBooks', () => {
    const preview = buildCopyPreview('to_quickbooks', organization, customer)
    expect(preview.map((e) => e.field)).toEqual([
      'billingAddress',
      'shippingAddress',
      'phone',
      'otherPhone',
      'fax',
      'website',
    ])
    expect(preview.find((e) => e.field === 'phone')).toEqual({
      field: 'phone',
      label: 'Phone',
      current: '(415) 444-6538',
      proposed: '(415) 444-6538',
      isDifferent: false,
    })
    expect(preview.find((e) => e.field === 'billingAddress')).toMatchObject({
      current: {
        street: '12 Ocean Dr.',
        city: 'Half Moon Bay',
        region: 'CA',
        postalCode: '94213',
        country: null,
      },
      proposed: organization.billingAddress,
      isDifferent: true,
    })
    expect(preview.find((e) => e.field === 'fax')).toMatchObject({
      current: null,
      proposed: null,
      isDifferent: false,
    })
  })

  it('flags an empty CRM value that would clear a QBO field as not copyable', () => {
    const preview = buildCopyPreview('to_quickbooks', { ...organization, phone: null }, customer)
    expect(preview.find((e) => e.field === 'phone')).toMatchObject({
      isDifferent: true,
      problem: { code: 'empty_value' },
    })
  })

  it('reports a value too long for QuickBooks instead of truncating it', () => {
    const preview = buildCopyPreview(
      'to_quickbooks',
      { ...organization, otherPhone: '1'.repeat(31) },
      customer,
    )
    expect(preview.find((e) => e.field === 'otherPhone')).toMatchObject({
      proposed: '1'.repeat(31),
      problem: { code: 'too_long' },
    })
  })

  it('shows the QBO value as proposed when copying from QuickBooks, and allows clearing a CRM field', () => {
    const preview = buildCopyPreview('from_quickbooks', contact, customer)
    expect(preview.map((e) => e.field)).toEqual([
      'mailingAddress',
      'otherAddress',
      'phone',
      'mobilePhone',
      'fax',
      'email',
      'website',
    ])
    expect(preview.find((e) => e.field === 'email')).toMatchObject({
      current: 'jane@acme.com',
      proposed: 'AP@Acme.com',
      isDifferent: true,
    })
    const mobile = preview.find((e) => e.field === 'mobilePhone')
    expect(mobile).toMatchObject({ current: '555 0199', proposed: null, isDifferent: true })
    expect(mobile?.problem).toBeUndefined()
  })

  it('treats a customer with no contact fields as all empty', () => {
    const preview = buildCopyPreview('from_quickbooks', contact, { Id: '1', SyncToken: '0' })
    expect(preview.every((e) => e.proposed === null)).toBe(true)
  })
})

describe('buildSparseUpdate', () => {
  it('writes only the selected fields that differ, in QBO form', () => {
    expect(buildSparseUpdate(customer, organization, ['billingAddress', 'phone', 'website'])).toEqual({
      Id: '58',
      SyncToken: '3',
      sparse: true,
      BillAddr: {
        Line1: '1 Main St',
        Line2: 'Floor 2',
        City: 'Springfield',
        CountrySubDivisionCode: 'IL',
        PostalCode: '62701',
        Country: 'USA',
      },
      WebAddr: { URI: 'https://acme.example' },
    })
  })

  it('writes contact email and mobile into their QBO fields', () => {
    expect(buildSparseUpdate(customer, contact, ['email', 'mobilePhone'])).toEqual({
      Id: '58',
      SyncToken: '3',
      sparse: true,
      PrimaryEmailAddr: { Address: 'jane@acme.com' },
      Mobile: { FreeFormNumber: '555 0199' },
    })
  })

  it('gives a body with nothing to change when no fields are selected', () => {
    expect(buildSparseUpdate(customer, organization, [])).toEqual({ Id: '58', SyncToken: '3', sparse: true })
  })

  it('rejects a field that is not copyable for the record type', () => {
    expectBadInput(
      () => buildSparseUpdate(customer, organization, ['email', 'name']),
      ['fields.email', 'fields.name'],
    )
  })

  it('rejects a selected field whose value QuickBooks would refuse', () => {
    expectBadInput(
      () => buildSparseUpdate(customer, { ...contact, email: 'jane@localhost' }, ['email', 'mobilePhone']),
      ['fields.email'],
    )
  })

  it('needs the customer as read from QBO', () => {
    expect(() => buildSparseUpdate({ Id: '58' }, organization, ['phone'])).toThrow(TypeError)
  })
})

describe('buildRecordChanges', () => {
  it('gives the CRM changes with old and new values, emails lower-cased', () => {
    expect(buildRecordChanges(contact, customer, ['email', 'phone', 'mobilePhone', 'fax'])).toEqual([
      { field: 'phone', oldValue: null, newValue: '(415) 444-6538' },
      { field: 'mobilePhone', oldValue: '555 0199', newValue: null },
      { field: 'email', oldValue: 'jane@acme.com', newValue: 'ap@acme.com' },
    ])
  })

  it('converts a QBO address into a CRM address', () => {
    expect(buildRecordChanges(contact, customer, ['mailingAddress'])).toEqual([
      {
        field: 'mailingAddress',
        oldValue: null,
        newValue: {
          street: '12 Ocean Dr.',
          city: 'Half Moon Bay',
          region: 'CA',
          postalCode: '94213',
          country: null,
        },
      },
    ])
  })

  it('rejects a QBO value the CRM cannot hold', () => {
    const long = { ...customer, WebAddr: { URI: `https://${'w'.repeat(600)}.com` } }
    expectBadInput(() => buildRecordChanges(contact, long, ['website']), ['fields.website'])
  })

  it('rejects an unknown field', () => {
    expectBadInput(() => buildRecordChanges(organization, customer, ['mobilePhone']), ['fields.mobilePhone'])
  })
})

describe('rediffAfterStale', () => {
  it('finds nothing when only unselected fields changed in QBO', () => {
    const fresh = { ...customer, SyncToken: '4', Fax: { FreeFormNumber: '555 0000' }, Notes: 'edited' }
    expect(rediffAfterStale(customer, fresh, ['phone', 'billingAddress'])).toEqual([])
  })

  it('lists the selected fields that changed in QBO meanwhile', () => {
    const fresh = {
      ...customer,
      SyncToken: '4',
      PrimaryPhone: { FreeFormNumber: '555 1234' },
      BillAddr: undefined,
    }
    expect(rediffAfterStale(customer, fresh, ['phone', 'billingAddress', 'website', 'nonsense'])).toEqual([
      { field: 'phone', label: 'Phone', previous: '(415) 444-6538', current: '555 1234' },
      {
        field: 'billingAddress',
        label: 'Billing address',
        previous: {
          street: '12 Ocean Dr.',
          city: 'Half Moon Bay',
          region: 'CA',
          postalCode: '94213',
          country: null,
        },
        current: null,
      },
    ])
  })
})

describe('buildNewCustomer', () => {
  it('builds a customer from an organization without turning an email domain into an email', () => {
    const draft = buildNewCustomer(organization)
    expect(draft).toEqual({
      body: {
        DisplayName: 'Acme',
        CompanyName: 'Acme',
        BillAddr: {
          Line1: '1 Main St',
          Line2: 'Floor 2',
          City: 'Springfield',
          CountrySubDivisionCode: 'IL',
          PostalCode: '62701',
          Country: 'USA',
        },
        PrimaryPhone: { FreeFormNumber: '(415) 444-6538' },
        AlternatePhone: { FreeFormNumber: '555 0101' },
        WebAddr: { URI: 'https://acme.example' },
      },
      problems: [],
      canCreate: true,
    })
  })

  it('builds a customer from a contact with its organization as company name', () => {
    const draft = buildNewCustomer({
      ...contact,
      phone: '555 0100',
      fax: '555 0102',
      website: 'https://jane.example',
      mailingAddress: { street: '5 Elm St', city: 'Dover', region: null, postalCode: null, country: null },
      otherAddress: { street: '6 Oak St', city: null, region: null, postalCode: null, country: null },
    })
    expect(draft.body).toEqual({
      DisplayName: 'Jane Doe',
      GivenName: 'Jane',
      FamilyName: 'Doe',
      Title: 'Ms.',
      CompanyName: 'Acme',
      BillAddr: { Line1: '5 Elm St', City: 'Dover' },
      PrimaryPhone: { FreeFormNumber: '555 0100' },
      Mobile: { FreeFormNumber: '555 0199' },
      Fax: { FreeFormNumber: '555 0102' },
      PrimaryEmailAddr: { Address: 'jane@acme.com' },
      WebAddr: { URI: 'https://jane.example' },
    })
    expect(draft.canCreate).toBe(true)
  })

  it('uses the one name a contact has as display name', () => {
    const draft = buildNewCustomer({ recordType: 'contact', lastName: 'Prince' })
    expect(draft.body).toEqual({ DisplayName: 'Prince', FamilyName: 'Prince' })
  })

  it('replaces ":", tabs and line breaks in names with a space and says so', () => {
    const draft = buildNewCustomer({ recordType: 'organization', name: 'Acme: West\tCoast\nDivision' })
    expect(draft.body.DisplayName).toBe('Acme West Coast Division')
    expect(draft.body.CompanyName).toBe('Acme: West\tCoast\nDivision')
    expect(draft.problems).toEqual([
      expect.objectContaining({ field: 'DisplayName', code: 'invalid_character', isBlocking: false }),
    ])
    expect(draft.canCreate).toBe(true)
  })

  it('leaves out and reports values over the QBO limits without blocking the create', () => {
    const draft = buildNewCustomer({
      ...contact,
      title: 'Head of Procurement',
      email: 'jane@localhost',
      organization: { id: 'o1', name: 'A'.repeat(101) },
      mailingAddress: {
        street: '1\n2\n3\n4\n5\n6',
        city: null,
        region: null,
        postalCode: null,
        country: null,
      },
    })
    expect(draft.body.Title).toBeUndefined()
    expect(draft.body.CompanyName).toBeUndefined()
    expect(draft.body.PrimaryEmailAddr).toBeUndefined()
    expect(draft.body.BillAddr).toBeUndefined()
    expect(draft.problems.map((p) => [p.field, p.code])).toEqual([
      ['Title', 'too_long'],
      ['CompanyName', 'too_long'],
      ['BillAddr', 'too_many_lines'],
      ['PrimaryEmailAddr', 'invalid_email'],
    ])
    expect(draft.canCreate).toBe(true)
  })

  it('cannot create a customer whose name is only forbidden characters', () => {
    const draft = buildNewCustomer({ recordType: 'organization', name: ':\t:' })
    expect(draft.body.DisplayName).toBeUndefined()
    expect(draft.canCreate).toBe(false)
    expect(draft.problems.map((p) => p.code)).toEqual(['name_required'])
  })

  it('cannot create a customer without a name', () => {
    const draft = buildNewCustomer({ recordType: 'contact', firstName: ' ', lastName: null })
    expect(draft.canCreate).toBe(false)
    expect(draft.problems).toEqual([
      expect.objectContaining({ field: 'DisplayName', code: 'name_required', isBlocking: true }),
    ])
  })
})

const fixturesDir = process.env.QBO_FIXTURES_DIR
describe.skipIf(!fixturesDir)('the captured QBO customer', () => {
  let captured: Customer = {}
  beforeAll(() => {
    const text = readFileSync(join(fixturesDir ?? '', 'customer-read.json'), 'utf8')
    captured = (parseQboJson(text) as { Customer: Customer }).Customer
  })

  it('previews a copy into a contact field by field', () => {
    const preview = buildCopyPreview('from_quickbooks', contact, captured)
    expect(preview.find((e) => e.field === 'email')).toMatchObject({
      proposed: 'Surf@Intuit.com',
      isDifferent: true,
    })
    expect(preview.find((e) => e.field === 'phone')).toMatchObject({
      proposed: '(415) 444-6538',
      current: null,
    })
    expect(preview.find((e) => e.field === 'mailingAddress')?.proposed).toEqual({
      street: '12 Ocean Dr.',
      city: 'Half Moon Bay',
      region: 'CA',
      postalCode: '94213',
      country: null,
    })
  })

  it('builds a sparse update against its Id and SyncToken', () => {
    expect(buildSparseUpdate(captured, contact, ['mobilePhone'])).toEqual({
      Id: '2',
      SyncToken: '0',
      sparse: true,
      Mobile: { FreeFormNumber: '555 0199' },
    })
  })
})
