import { describe, expect, it } from 'vitest'
import type { Organization, Project } from '../../api'
import {
  draftToCreateInput,
  draftToPatch,
  emptyDraft,
  recordToDraft,
  serverFieldErrors,
  validateDraft,
} from './record-draft'

const organization: Organization = {
  id: 'org-1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: { id: 'u1', name: 'Ada' },
  name: 'Acme',
  phone: '+1 555 0100',
  otherPhone: null,
  fax: null,
  emailDomains: ['acme.example'],
  website: null,
  billingAddress: { street: '1 Main St', city: 'Springfield', region: null, postalCode: null, country: null },
  shippingAddress: null,
  background: null,
}

describe('record drafts', () => {
  it('sends only the fields that changed, with null for a cleared field', () => {
    const draft = recordToDraft('organizations', organization)
    draft.values.phone = ''
    draft.values.website = 'https://acme.example'
    expect(draftToPatch('organizations', draft, organization)).toEqual({
      phone: null,
      website: 'https://acme.example',
    })
  })

  it('sends an address as a whole when one part changes, and null when every part is emptied', () => {
    const draft = recordToDraft('organizations', organization)
    draft.addresses.billingAddress = { street: '', city: '', region: '', postalCode: '', country: '' }
    draft.addresses.shippingAddress = {
      street: '',
      city: 'Shelbyville',
      region: '',
      postalCode: '',
      country: '',
    }
    expect(draftToPatch('organizations', draft, organization)).toEqual({
      billingAddress: null,
      shippingAddress: { street: null, city: 'Shelbyville', region: null, postalCode: null, country: null },
    })
  })

  it('splits email domains on commas and spaces and drops a leading @', () => {
    const draft = emptyDraft('organizations')
    draft.values.name = 'Globex'
    draft.values.emailDomains = '@Globex.example, globex.co.uk  other.example'
    expect(draftToCreateInput('organizations', draft).emailDomains).toEqual([
      'globex.example',
      'globex.co.uk',
      'other.example',
    ])
  })

  it('starts a new opportunity at prospecting in US dollars', () => {
    const input = draftToCreateInput('opportunities', { ...emptyDraft('opportunities') })
    expect(input.stage).toBe('prospecting')
    expect(input.currency).toBe('USD')
    expect(input.value).toBeNull()
  })
})

describe('validating a draft before it is sent', () => {
  it('asks for the required name in plain words', () => {
    expect(validateDraft('organizations', emptyDraft('organizations'))).toEqual({ name: 'Name is required.' })
  })

  it('accepts a contact with only a last name but not one with neither name', () => {
    const draft = emptyDraft('contacts')
    expect(validateDraft('contacts', draft).firstName).toBe('Enter a first name or a last name.')
    draft.values.lastName = 'Doe'
    expect(validateDraft('contacts', draft)).toEqual({})
  })

  it('rejects a malformed email, web address, amount, probability and currency', () => {
    const contact = emptyDraft('contacts')
    contact.values.lastName = 'Doe'
    contact.values.email = 'jane.example.com'
    contact.values.website = 'not a site'
    expect(Object.keys(validateDraft('contacts', contact)).sort()).toEqual(['email', 'website'])

    const opportunity = emptyDraft('opportunities')
    opportunity.values.name = 'Renewal'
    opportunity.values.value = '12.345'
    opportunity.values.probability = '120'
    opportunity.values.currency = 'dollars'
    expect(Object.keys(validateDraft('opportunities', opportunity)).sort()).toEqual([
      'currency',
      'probability',
      'value',
    ])
  })

  it('accepts an amount written with thousands separators and sends it without them', () => {
    const opportunity = emptyDraft('opportunities')
    opportunity.values.name = 'Renewal'
    opportunity.values.value = '12,500.00'
    expect(validateDraft('opportunities', opportunity)).toEqual({})
    expect(draftToCreateInput('opportunities', opportunity).value).toBe('12500.00')
  })

  it('refuses a project due before it starts', () => {
    const project = recordToDraft('projects', {
      id: 'p1',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      createdBy: null,
      name: 'Launch',
      status: 'in_progress',
      startDate: '2026-03-01',
      dueDate: '2026-02-01',
      ownerId: null,
      owner: null,
    } satisfies Project)
    expect(validateDraft('projects', project)).toEqual({
      dueDate: 'The due date cannot be before the start date.',
    })
  })

  it('keeps server field paths so address parts land under the right input', () => {
    expect(
      serverFieldErrors([
        { path: 'name', message: 'Name is too long' },
        { path: 'billingAddress.city', message: 'City is too long' },
      ]),
    ).toEqual({ name: 'Name is too long', 'billingAddress.city': 'City is too long' })
  })
})
