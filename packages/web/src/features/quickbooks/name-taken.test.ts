import { describe, expect, it } from 'vitest'
import type { Contact, Organization } from '../../api'
import { defaultCustomerName, nameTakenMessage, newRequestId, readNameTaken } from './name-taken'

const base = { id: 'r1', createdAt: '', updatedAt: '', createdBy: null }

describe('a new customer whose name is taken', () => {
  it('offers to link an existing customer of that name', () => {
    const taken = readNameTaken({ takenBy: 'customer', customerId: '58' })
    expect(taken).toEqual({ takenBy: 'customer', customerId: '58', suggestion: null })
    expect(nameTakenMessage('Acme', taken)).toMatch(/already has a customer named “Acme”.*Link that customer/)
  })

  it('explains that vendors and employees share the list of names', () => {
    expect(nameTakenMessage('Acme', readNameTaken({ takenBy: 'vendor', suggestion: 'Acme (2)' }))).toMatch(
      /used by a vendor.*share one list of names/,
    )
    expect(nameTakenMessage('Acme', readNameTaken({}))).toMatch(/used by another entry/)
    expect(readNameTaken({ takenBy: 'vendor', suggestion: 'Acme (2)' }).suggestion).toBe('Acme (2)')
  })

  it('starts from the organization name or the contact’s full name', () => {
    const organization = { ...base, name: 'Acme Corp' } as Organization
    const contact = { ...base, firstName: 'Ada', lastName: 'Lovelace' } as Contact
    const onlyLast = { ...base, firstName: null, lastName: 'Lovelace' } as Contact
    expect(defaultCustomerName('organizations', organization)).toBe('Acme Corp')
    expect(defaultCustomerName('contacts', contact)).toBe('Ada Lovelace')
    expect(defaultCustomerName('contacts', onlyLast)).toBe('Lovelace')
  })

  it('makes a different request id each time', () => {
    const first = newRequestId()
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(newRequestId()).not.toBe(first)
  })
})
