import type { QboCompany } from '@ledgerlink/qbo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  demoCompanyOf,
  type QuickbooksTestApp,
  startTestEmulator,
  type TestEmulator,
} from '../../../test/quickbooks-helpers'
import { applyCopy, type CopyTarget } from './copy-service'
import type { TabError } from './tab-errors'

type QboRow = Record<string, unknown> & { Id: string; SyncToken: string }
type Entry = {
  field: string
  current: unknown
  proposed: unknown
  isDifferent: boolean
  problem?: { code: string }
}

const TRAVIS = {
  firstName: 'Travis',
  lastName: 'Waldron',
  email: 'travis@coolcars.example.com',
  phone: '(415) 555-0000',
  mailingAddress: {
    street: '9 Harbor Way',
    city: 'Half Moon Bay',
    region: 'CA',
    postalCode: '94019',
    country: 'USA',
  },
}

for (const dialect of testDatabases()) {
  describe(`Copy information between a record and QuickBooks on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let member: SignedIn

    const demo = () => {
      const company = t.emulator.store.get(DEMO_REALM_ID)
      if (!company) throw new Error('no demo company')
      return company
    }
    const customer = (id: string) => demo().read('Customer', id) as QboRow
    /** Someone else saves the customer in QuickBooks. */
    const changeInQuickbooks = (id: string, fields: Record<string, unknown>) =>
      demo().update('Customer', { Id: id, SyncToken: customer(id).SyncToken, ...fields }, { sparse: true })
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } })
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: member.headers, payload })

    /** A new contact linked to a new customer with Travis's QBO details. */
    const linkedContact = async (label: string) => {
      const created = demo().create('Customer', {
        DisplayName: `Travis Waldron ${label}`,
        GivenName: 'Travis',
        FamilyName: 'Waldron',
        PrimaryEmailAddr: { Address: 'Travis@Waldron.com' },
        PrimaryPhone: { FreeFormNumber: '(650) 555-9999' },
        BillAddr: {
          Line1: '78 First St.',
          City: 'Monlo Park',
          CountrySubDivisionCode: 'CA',
          PostalCode: '94304',
        },
      }) as QboRow
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: admin.headers,
        payload: TRAVIS,
      })
      const id = response.json().id as string
      const linked = await t.app.inject({
        method: 'PUT',
        url: `/api/contacts/${id}/quickbooks/link`,
        headers: member.headers,
        payload: { customerId: created.Id },
      })
      expect(linked.statusCode, linked.body).toBe(200)
      return { id, customerId: created.Id }
    }
    const preview = async (id: string, direction: string) => {
      const response = await get(`/api/contacts/${id}/quickbooks/copy?direction=${direction}`)
      expect(response.statusCode, response.body).toBe(200)
      return response.json() as { entries: Entry[]; syncToken: string }
    }

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
    })
    afterAll(async () => t?.close())

    it('previews every copyable field with its current and new value', async () => {
      const { id } = await linkedContact('preview')
      const toQbo = await preview(id, 'to_quickbooks')
      const byField = Object.fromEntries(toQbo.entries.map((entry) => [entry.field, entry]))
      expect(byField.phone).toMatchObject({
        current: '(650) 555-9999',
        proposed: '(415) 555-0000',
        isDifferent: true,
      })
      expect(byField.email).toMatchObject({ current: 'Travis@Waldron.com', isDifferent: true })
      expect(byField.mailingAddress).toMatchObject({
        current: { city: 'Monlo Park' },
        proposed: { city: 'Half Moon Bay' },
      })
      expect(byField.fax).toMatchObject({ current: null, proposed: null, isDifferent: false })
      expect(toQbo.syncToken.length).toBeGreaterThan(0)
      const fromQbo = await preview(id, 'from_quickbooks')
      expect(fromQbo.entries.find((entry) => entry.field === 'phone')).toMatchObject({
        current: '(415) 555-0000',
        proposed: '(650) 555-9999',
      })
    })

    it('copies the picked fields to QuickBooks with a sparse update and leaves the others alone', async () => {
      const { id, customerId } = await linkedContact('to-qbo')
      const { syncToken } = await preview(id, 'to_quickbooks')
      const before = customer(customerId)
      const response = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['phone', 'mailingAddress'],
        syncToken,
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toEqual({ copied: ['phone', 'mailingAddress'] })
      const after = customer(customerId)
      expect(after.PrimaryPhone).toEqual({ FreeFormNumber: '(415) 555-0000' })
      expect(after.BillAddr).toMatchObject({
        Line1: '9 Harbor Way',
        City: 'Half Moon Bay',
        PostalCode: '94019',
      })
      expect(after.PrimaryEmailAddr).toEqual(before.PrimaryEmailAddr)
      expect(Number(after.SyncToken)).toBe(Number(before.SyncToken) + 1)
    })

    it('shows a value copied to QuickBooks on the tab at once, although the tab is cached', async () => {
      const { id } = await linkedContact('cached')
      const tab = () => get(`/api/contacts/${id}/quickbooks`)
      expect((await tab()).json().customer.phones.primary).toBe('(650) 555-9999')
      t.emulator.resetStats()
      expect((await tab()).json().customer.phones.primary).toBe('(650) 555-9999')
      expect(t.emulator.stats().total).toBe(0)
      const copied = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['phone'],
      })
      expect(copied.statusCode, copied.body).toBe(200)
      expect((await tab()).json().customer.phones.primary).toBe(TRAVIS.phone)
    })

    it('copies from QuickBooks through the record history, and each field can be undone', async () => {
      const { id } = await linkedContact('from-qbo')
      const { syncToken } = await preview(id, 'from_quickbooks')
      const response = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'from_quickbooks',
        fields: ['phone', 'email', 'mailingAddress'],
        syncToken,
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().copied).toEqual(['mailingAddress', 'phone', 'email'])
      const record = (await get(`/api/contacts/${id}`)).json()
      expect(record).toMatchObject({
        phone: '(650) 555-9999',
        email: 'travis@waldron.com',
        mailingAddress: {
          street: '78 First St.',
          city: 'Monlo Park',
          region: 'CA',
          postalCode: '94304',
          country: null,
        },
      })
      const history = (await get(`/api/contacts/${id}/history`)).json().items as {
        id: string
        action: string
        changes: { field: string; oldValue: unknown }[]
      }[]
      const copy = history.find((entry) => entry.action === 'copy_from_quickbooks')
      expect(copy?.changes.find((change) => change.field === 'phone')?.oldValue).toBe('(415) 555-0000')
      for (const field of ['phone', 'mailingAddress']) {
        const undo = await post(`/api/contacts/${id}/history/${copy?.id}/undo`, { field })
        expect(undo.statusCode, undo.body).toBe(200)
      }
      const restored = (await get(`/api/contacts/${id}`)).json()
      expect(restored).toMatchObject({
        phone: TRAVIS.phone,
        mailingAddress: TRAVIS.mailingAddress,
        email: 'travis@waldron.com',
      })
    })

    it('refuses the copy with the fresh preview when the same field changed in QuickBooks after the preview', async () => {
      const { id, customerId } = await linkedContact('race-same')
      const { syncToken } = await preview(id, 'to_quickbooks')
      changeInQuickbooks(customerId, { PrimaryPhone: { FreeFormNumber: '(650) 555-1234' } })
      const response = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['phone'],
        syncToken,
      })
      expect(response.statusCode, response.body).toBe(409)
      const { error } = response.json()
      expect(error).toMatchObject({ code: 'changed_meanwhile', fields: ['phone'] })
      expect(error.entries.find((entry: Entry) => entry.field === 'phone').current).toBe('(650) 555-1234')
      expect(customer(customerId).PrimaryPhone).toEqual({ FreeFormNumber: '(650) 555-1234' })
      const retried = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['phone'],
        syncToken: error.syncToken,
      })
      expect(retried.statusCode, retried.body).toBe(200)
      expect(customer(customerId).PrimaryPhone).toEqual({ FreeFormNumber: TRAVIS.phone })
    })

    it('goes ahead when only fields the user did not pick changed in QuickBooks after the preview', async () => {
      const { id, customerId } = await linkedContact('race-other')
      const { syncToken } = await preview(id, 'to_quickbooks')
      changeInQuickbooks(customerId, { Fax: { FreeFormNumber: '(650) 555-0001' } })
      const response = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['phone'],
        syncToken,
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(customer(customerId)).toMatchObject({
        PrimaryPhone: { FreeFormNumber: TRAVIS.phone },
        Fax: { FreeFormNumber: '(650) 555-0001' },
      })
    })

    it('refuses a copy from QuickBooks whose values changed after the preview, changing nothing', async () => {
      const { id, customerId } = await linkedContact('race-from')
      const { syncToken } = await preview(id, 'from_quickbooks')
      changeInQuickbooks(customerId, { PrimaryEmailAddr: { Address: 'new@waldron.example' } })
      const response = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'from_quickbooks',
        fields: ['email'],
        syncToken,
      })
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('changed_meanwhile')
      expect((await get(`/api/contacts/${id}`)).json().email).toBe(TRAVIS.email)
    })

    it('refuses fields that cannot be copied, a foreign token and an unlinked record', async () => {
      const { id, customerId } = await linkedContact('bad')
      const nothing = await post(`/api/contacts/${id}/quickbooks/copy`, {
        direction: 'to_quickbooks',
        fields: ['fax'],
      })
      expect(nothing.json()).toEqual({ copied: [] })
      // Ledgerlink has no fax but QuickBooks has one: an empty value is never copied over a real one.
      changeInQuickbooks(customerId, { Fax: { FreeFormNumber: '(650) 555-0004' } })
      const bodies = [
        { direction: 'to_quickbooks', fields: ['background'] },
        { direction: 'to_quickbooks', fields: ['billingAddress'] },
        { direction: 'to_quickbooks', fields: ['fax'] },
        { direction: 'to_quickbooks', fields: ['phone'], syncToken: 'not-a-token' },
        { direction: 'sideways', fields: ['phone'] },
        { direction: 'to_quickbooks', fields: [] },
      ]
      for (const body of bodies) {
        const response = await post(`/api/contacts/${id}/quickbooks/copy`, body)
        expect(response.statusCode, JSON.stringify(body)).toBe(400)
        expect(response.json().error.code).toBe('BAD_INPUT')
      }
      const unlinked = (
        await t.app.inject({
          method: 'POST',
          url: '/api/contacts',
          headers: admin.headers,
          payload: { lastName: 'Solo' },
        })
      ).json().id
      for (const response of [
        await get(`/api/contacts/${unlinked}/quickbooks/copy?direction=to_quickbooks`),
        await post(`/api/contacts/${unlinked}/quickbooks/copy`, {
          direction: 'to_quickbooks',
          fields: ['phone'],
        }),
      ]) {
        expect(response.statusCode).toBe(404)
        expect(response.json().error.code).toBe('not_linked')
      }
    })
  })
}

describe('copy to QuickBooks when someone saves the customer between our read and our write', () => {
  let emulator: TestEmulator
  let company: QboCompany

  beforeAll(async () => {
    emulator = await startTestEmulator()
    company = await demoCompanyOf(emulator)
  })
  afterAll(async () => emulator?.close())

  const store = () => {
    const found = emulator.emulator.store.get(DEMO_REALM_ID)
    if (!found) throw new Error('no demo company')
    return found
  }

  /** The real company API, with another user's save slipped in just before our first update reaches QBO. */
  const racingCompany = (customerId: string, change: Record<string, unknown>): QboCompany => {
    let raced = false
    return {
      ...company,
      customers: {
        ...company.customers,
        async update(body, options) {
          if (!raced) {
            raced = true
            const current = store().read('Customer', customerId) as QboRow
            store().update(
              'Customer',
              { Id: customerId, SyncToken: current.SyncToken, ...change },
              { sparse: true },
            )
          }
          return company.customers.update(body, options)
        },
      },
    }
  }

  const target = (customerId: string, racing: QboCompany): CopyTarget => ({
    company: racing,
    customerId,
    record: { recordType: 'contact', firstName: 'Ada', lastName: 'Race', phone: '(415) 555-2222' },
    writeRecord: async () => {
      throw new Error('a copy to QuickBooks never writes the record')
    },
  })

  const newCustomer = (name: string) =>
    store().create('Customer', {
      DisplayName: name,
      PrimaryPhone: { FreeFormNumber: '(650) 555-7777' },
    }) as QboRow

  it('re-reads after the stale-object fault and writes when the change was to another field', async () => {
    const created = newCustomer('Race Other Field')
    const racing = racingCompany(created.Id, { Fax: { FreeFormNumber: '(650) 555-0002' } })
    const result = await applyCopy(target(created.Id, racing), {
      direction: 'to_quickbooks',
      fields: ['phone'],
    })
    expect(result).toEqual({ copied: ['phone'] })
    expect(store().read('Customer', created.Id)).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '(415) 555-2222' },
      Fax: { FreeFormNumber: '(650) 555-0002' },
    })
  })

  it('answers changed_meanwhile after the stale-object fault when the same field changed', async () => {
    const created = newCustomer('Race Same Field')
    const racing = racingCompany(created.Id, { PrimaryPhone: { FreeFormNumber: '(650) 555-0003' } })
    const error = (await applyCopy(target(created.Id, racing), {
      direction: 'to_quickbooks',
      fields: ['phone'],
    }).catch((caught: unknown) => caught)) as TabError
    expect(error.code).toBe('changed_meanwhile')
    expect(error.details.fields).toEqual(['phone'])
    expect(store().read('Customer', created.Id)).toMatchObject({
      PrimaryPhone: { FreeFormNumber: '(650) 555-0003' },
    })
  })
})
