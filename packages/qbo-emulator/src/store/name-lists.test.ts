import { describe, expect, it } from 'vitest'
import { QboFault } from '../faults'
import { testCompany } from './test-company'

function faultOf(fn: () => unknown): QboFault {
  try {
    fn()
  } catch (err) {
    if (err instanceof QboFault) return err
    throw err
  }
  throw new Error('expected a fault')
}

describe('name lists', () => {
  it('creates a customer with QBO defaults, SyncToken 0 and offset MetaData times', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Ada Lovelace', CompanyName: 'Analytical Engines' })
    expect(c).toMatchObject({
      Id: '1',
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      Active: true,
      Job: false,
      Balance: 0,
      BalanceWithJobs: 0,
      FullyQualifiedName: 'Ada Lovelace',
      PrintOnCheckName: 'Analytical Engines',
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: { CreateTime: '2026-11-24T08:15:00-08:00', LastUpdatedTime: '2026-11-24T08:15:00-08:00' },
    })
    expect(Object.values(c)).not.toContain(null)
  })

  it('builds DisplayName from the name parts when it is omitted', () => {
    const { company } = testCompany()
    const c = company.create('Customer', {
      Title: 'Mr',
      GivenName: 'James',
      MiddleName: 'B',
      FamilyName: 'King',
      Suffix: 'Jr',
    })
    expect(c.DisplayName).toBe('Mr James B King Jr')
  })

  it('refuses a customer without any name with 6080', () => {
    const { company } = testCompany()
    const fault = faultOf(() => company.create('Customer', { CompanyName: 'Only a company' }))
    expect(fault.status).toBe(400)
    expect(fault.errors[0]).toMatchObject({ code: '6080', Message: 'No Name Provided' })
  })

  it.each([
    ['DisplayName', 'Parent:Child'],
    ['GivenName', 'Tab\there'],
    ['FamilyName', 'New\nline'],
  ])('refuses %s containing a separator with 2040', (field, value) => {
    const { company } = testCompany()
    const fault = faultOf(() => company.create('Customer', { DisplayName: 'Ok', [field]: value }))
    expect(fault.errors[0]).toMatchObject({ code: '2040', element: field })
  })

  it('refuses names longer than QBO allows with 2050', () => {
    const { company } = testCompany()
    expect(
      faultOf(() => company.create('Customer', { DisplayName: 'x'.repeat(501) })).errors[0],
    ).toMatchObject({
      code: '2050',
      element: 'DisplayName',
    })
    expect(
      faultOf(() => company.create('Customer', { DisplayName: 'ok', Title: 'x'.repeat(17) })).errors[0],
    ).toMatchObject({
      code: '2050',
      element: 'Title',
    })
  })

  it.each([
    ['Customer', 'Customer', 'Acme Corp'],
    ['Customer', 'Vendor', 'acme corp'],
    ['Vendor', 'Employee', '  ACME CORP  '],
    ['Employee', 'Customer', 'Acme corp'],
  ] as const)('rejects a %s name taken by a %s (%j) with 6240', (first, second, variant) => {
    const { company } = testCompany()
    company.create(first, { DisplayName: 'Acme Corp' })
    const fault = faultOf(() => company.create(second, { DisplayName: variant }))
    expect(fault.status).toBe(400)
    expect(fault.type).toBe('ValidationFault')
    expect(fault.errors[0]).toMatchObject({
      code: '6240',
      Message: 'Duplicate Name Exists Error',
      element: '',
    })
    expect(fault.errors[0]?.Detail).toContain('Another customer, vendor or employee is already using this')
  })

  it('rejects a rename onto a taken name but allows keeping its own name', () => {
    const { company } = testCompany()
    company.create('Vendor', { DisplayName: 'Taken' })
    const c = company.create('Customer', { DisplayName: 'Mine' })
    expect(
      faultOf(() =>
        company.update(
          'Customer',
          { Id: c.Id, SyncToken: '0', DisplayName: 'TAKEN', sparse: true },
          { sparse: true },
        ),
      ).code,
    ).toBe('6240')
    const same = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '0', DisplayName: 'Mine', sparse: true },
      { sparse: true },
    )
    expect(same.SyncToken).toBe('1')
  })

  it('sparse update changes only the given fields and increments SyncToken; a stale token gets 5010', () => {
    const { company, clock } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Bill', GivenName: 'Bill', Notes: 'keep' })
    clock.advance(60_000)
    const u = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '0', sparse: true, MiddleName: 'Mark' },
      { sparse: true },
    )
    expect(u).toMatchObject({ SyncToken: '1', MiddleName: 'Mark', Notes: 'keep', GivenName: 'Bill' })
    expect((u.MetaData as { LastUpdatedTime: string }).LastUpdatedTime).toBe('2026-11-24T08:16:00-08:00')
    expect((u.MetaData as { CreateTime: string }).CreateTime).toBe('2026-11-24T08:15:00-08:00')
    const stale = faultOf(() =>
      company.update('Customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'x' }, { sparse: true }),
    )
    expect(stale.errors[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' })
    expect(company.read('Customer', c.Id as string)?.Notes).toBe('keep')
  })

  it('full update drops omitted writable fields; a sparse update cannot blank DisplayName', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Full', Notes: 'gone soon', GivenName: 'F' })
    const blank = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '0', sparse: true, DisplayName: '' },
      { sparse: true },
    )
    expect(blank.DisplayName).toBe('Full')
    const full = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '1', DisplayName: 'Full' },
      { sparse: false },
    )
    expect(full.Notes).toBeUndefined()
    expect(full.GivenName).toBeUndefined()
    expect(full.SyncToken).toBe('2')
  })

  it('answers 610 for an unknown id and 2020 for a missing Id or SyncToken', () => {
    const { company } = testCompany()
    expect(
      faultOf(() => company.update('Customer', { Id: '999', SyncToken: '0' }, { sparse: true })).code,
    ).toBe('610')
    expect(
      faultOf(() => company.update('Customer', { SyncToken: '0' }, { sparse: true })).errors[0],
    ).toMatchObject({
      code: '2020',
      element: 'Id',
    })
    const c = company.create('Customer', { DisplayName: 'x' })
    expect(faultOf(() => company.update('Customer', { Id: c.Id }, { sparse: true })).errors[0]).toMatchObject(
      {
        code: '2020',
        element: 'SyncToken',
      },
    )
  })

  it('deactivation appends (deleted), frees the name, and reactivation restores it', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Gone Co' })
    const off = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '0', sparse: true, Active: false },
      { sparse: true },
    )
    expect(off).toMatchObject({
      Active: false,
      DisplayName: 'Gone Co (deleted)',
      FullyQualifiedName: 'Gone Co (deleted)',
    })
    const again = company.create('Customer', { DisplayName: 'Gone Co' })
    expect(again.Id).not.toBe(c.Id)
    expect(
      faultOf(() =>
        company.update(
          'Customer',
          { Id: c.Id, SyncToken: '1', sparse: true, Active: true },
          { sparse: true },
        ),
      ).code,
    ).toBe('6240')
    company.update(
      'Customer',
      { Id: again.Id, SyncToken: '0', sparse: true, DisplayName: 'Other' },
      { sparse: true },
    )
    const back = company.update(
      'Customer',
      { Id: c.Id, SyncToken: '1', sparse: true, Active: true },
      { sparse: true },
    )
    expect(back).toMatchObject({ Active: true, DisplayName: 'Gone Co' })
  })

  it('refuses deletion of name-list entities', () => {
    const { company } = testCompany()
    const c = company.create('Customer', { DisplayName: 'Stay' })
    expect(faultOf(() => company.remove('Customer', { Id: c.Id as string, SyncToken: '0' })).code).toBe(
      '6000',
    )
  })

  it('builds jobs with ParentRef, Level and Parent:Child names, up to four levels', () => {
    const { company } = testCompany()
    const top = company.create('Customer', { DisplayName: 'Freeman Sporting Goods' })
    const job = company.create('Customer', {
      DisplayName: '55 Twin Lane',
      ParentRef: { value: top.Id },
      Job: true,
    })
    expect(job).toMatchObject({
      Job: true,
      Level: 1,
      ParentRef: { value: top.Id },
      FullyQualifiedName: 'Freeman Sporting Goods:55 Twin Lane',
    })
    let parent = job
    for (let level = 2; level <= 4; level++) {
      parent = company.create('Customer', { DisplayName: `L${level}`, ParentRef: { value: parent.Id } })
      expect(parent.Level).toBe(level)
    }
    expect(
      faultOf(() => company.create('Customer', { DisplayName: 'L5', ParentRef: { value: parent.Id } })).code,
    ).toBe('6000')
    expect(
      faultOf(() => company.create('Customer', { DisplayName: 'Orphan', ParentRef: { value: '999' } })).code,
    ).toBe('2500')
    expect(
      faultOf(() => company.create('Customer', { DisplayName: 'No parent', Job: true })).errors[0],
    ).toMatchObject({
      code: '2020',
      element: 'ParentRef',
    })
  })

  it('renaming a parent renames its jobs’ FullyQualifiedName', () => {
    const { company } = testCompany()
    const top = company.create('Customer', { DisplayName: 'Old' })
    const job = company.create('Customer', { DisplayName: 'Job', ParentRef: { value: top.Id } })
    company.update(
      'Customer',
      { Id: top.Id, SyncToken: '0', sparse: true, DisplayName: 'New' },
      { sparse: true },
    )
    expect(company.read('Customer', job.Id as string)?.FullyQualifiedName).toBe('New:Job')
  })

  it('keeps a customer currency fixed and refuses foreign currencies without multicurrency', () => {
    const multi = testCompany().company
    const eur = multi.create('Customer', { DisplayName: 'Euro Client', CurrencyRef: { value: 'EUR' } })
    expect(eur.CurrencyRef).toEqual({ value: 'EUR', name: 'Euro' })
    expect(
      faultOf(() =>
        multi.update(
          'Customer',
          { Id: eur.Id, SyncToken: '0', sparse: true, CurrencyRef: { value: 'USD' } },
          { sparse: true },
        ),
      ).code,
    ).toBe('6000')
    const single = testCompany({ multicurrency: false }).company
    expect(
      faultOf(() => single.create('Customer', { DisplayName: 'x', CurrencyRef: { value: 'EUR' } })).code,
    ).toBe('6000')
  })
})
