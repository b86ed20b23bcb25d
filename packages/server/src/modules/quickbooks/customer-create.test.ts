import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'

type QboRow = Record<string, unknown> & { Id: string }

for (const dialect of testDatabases()) {
  describe(`New Customer from a record on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let member: SignedIn

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
    })
    afterAll(async () => t?.close())

    const demo = () => {
      const company = t.emulator.store.get(DEMO_REALM_ID)
      if (!company) throw new Error('no demo company')
      return company
    }
    const named = (entity: 'Customer' | 'Vendor' | 'Employee', name: string) =>
      [...demo().list(entity)].filter(
        (row) => String(row.DisplayName).toLowerCase() === name.toLowerCase(),
      ) as QboRow[]
    const create = async (path: 'organizations' | 'contacts', payload: object) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/${path}`,
        headers: admin.headers,
        payload,
      })
      expect(response.statusCode, response.body).toBe(201)
      return (response.json() as { id: string }).id
    }
    const newCustomer = (path: string, id: string, payload: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/${path}/${id}/quickbooks/customer`,
        headers: member.headers,
        payload,
      })
    const linksOf = (id: string) =>
      t.db.selectFrom('qbo_customer_links').selectAll().where('record_id', '=', id).execute()

    it("creates a QBO customer (not a vendor) from a contact's details and links it at once", async () => {
      const organizationId = await create('organizations', { name: 'Quill Books' })
      const id = await create('contacts', {
        firstName: 'Zoe',
        lastName: 'Quill',
        title: 'Owner',
        email: 'zoe@quillbooks.example',
        phone: '(415) 555-0101',
        organizationId,
        mailingAddress: {
          street: '1 Paper Lane\nSuite 2',
          city: 'Sausalito',
          region: 'CA',
          postalCode: '94965',
        },
      })
      const response = await newCustomer('contacts', id)
      expect(response.statusCode, response.body).toBe(201)
      const body = response.json()
      const [customer] = named('Customer', 'Zoe Quill')
      expect(customer).toMatchObject({
        GivenName: 'Zoe',
        FamilyName: 'Quill',
        CompanyName: 'Quill Books',
        PrimaryEmailAddr: { Address: 'zoe@quillbooks.example' },
        PrimaryPhone: { FreeFormNumber: '(415) 555-0101' },
        BillAddr: { Line1: '1 Paper Lane', Line2: 'Suite 2', City: 'Sausalito', PostalCode: '94965' },
      })
      expect(named('Vendor', 'Zoe Quill')).toEqual([])
      expect(body.link).toMatchObject({ customerId: customer?.Id, displayName: 'Zoe Quill' })
      expect(body.customer).toMatchObject({ id: customer?.Id, displayName: 'Zoe Quill', active: true })
      expect(await linksOf(id)).toMatchObject([{ customer_id: customer?.Id, realm_id: DEMO_REALM_ID }])
      const tab = await t.app.inject({
        method: 'GET',
        url: `/api/contacts/${id}/quickbooks`,
        headers: { cookie: member.cookie },
      })
      expect(tab.json()).toMatchObject({ state: 'linked', customer: { id: customer?.Id } })
    })

    it('never creates a second customer when the same request is sent again', async () => {
      const id = await create('organizations', { name: 'Retry Roasters', phone: '(415) 555-0177' })
      const requestId = randomUUID()
      const first = await newCustomer('organizations', id, { requestId })
      expect(first.statusCode, first.body).toBe(201)
      const unlink = await t.app.inject({
        method: 'DELETE',
        url: `/api/organizations/${id}/quickbooks/link`,
        headers: member.headers,
      })
      expect(unlink.statusCode).toBe(204)
      const again = await newCustomer('organizations', id, { requestId })
      expect(again.statusCode, again.body).toBe(201)
      expect(again.json().customer.id).toBe(first.json().customer.id)
      expect(named('Customer', 'Retry Roasters')).toHaveLength(1)
    })

    it('offers to link the existing customer when a customer already has the name', async () => {
      const id = await create('organizations', { name: 'Red Rock Diner' })
      const before = [...demo().list('Customer')].length
      const response = await newCustomer('organizations', id)
      expect(response.statusCode, response.body).toBe(409)
      const { error } = response.json()
      expect(error).toMatchObject({
        code: 'display_name_taken',
        takenBy: 'customer',
        customerId: named('Customer', 'Red Rock Diner')[0]?.Id,
      })
      expect(error.message).toMatch(/already has a customer named "Red Rock Diner"/)
      expect([...demo().list('Customer')].length).toBe(before)
      expect(await linksOf(id)).toEqual([])
    })

    it('explains a name held by a vendor and creates the customer under the suggested name', async () => {
      const id = await create('organizations', { name: 'Hicks Hardware' })
      const response = await newCustomer('organizations', id)
      expect(response.statusCode, response.body).toBe(409)
      const { error } = response.json()
      expect(error).toMatchObject({ code: 'display_name_taken', takenBy: 'vendor' })
      expect(error.customerId).toBeUndefined()
      expect(error.message).toMatch(/belongs to a vendor/)
      expect(named('Customer', 'Hicks Hardware')).toEqual([])
      const renamed = await newCustomer('organizations', id, { displayName: error.suggestion })
      expect(renamed.statusCode, renamed.body).toBe(201)
      expect(renamed.json().customer).toMatchObject({
        displayName: error.suggestion,
        companyName: 'Hicks Hardware',
      })
      expect(named('Vendor', 'Hicks Hardware')).toHaveLength(1)
    })

    it('explains a name held by an employee', async () => {
      const id = await create('contacts', { firstName: 'Emily', lastName: 'Platt' })
      const response = await newCustomer('contacts', id)
      expect(response.statusCode, response.body).toBe(409)
      expect(response.json().error).toMatchObject({ code: 'display_name_taken', takenBy: 'employee' })
      expect(named('Customer', 'Emily Platt')).toEqual([])
    })

    it('refuses to create a customer for a record that is already linked', async () => {
      const id = await create('organizations', { name: 'Linked Lumber' })
      expect((await newCustomer('organizations', id)).statusCode).toBe(201)
      const response = await newCustomer('organizations', id, { displayName: 'Linked Lumber Two' })
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('already_linked')
      expect(named('Customer', 'Linked Lumber Two')).toEqual([])
    })

    it('refuses a name QuickBooks cannot take, creating nothing', async () => {
      const nameless = await create('contacts', { lastName: ':::' })
      const count = [...demo().list('Customer')].length
      const response = await newCustomer('contacts', nameless)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json().error.code).toBe('BAD_INPUT')
      const id = await create('organizations', { name: 'Colon Corp' })
      for (const displayName of ['Colon: Corp', 'x'.repeat(501), '   ']) {
        const bad = await newCustomer('organizations', id, { displayName })
        expect(bad.statusCode, displayName.slice(0, 20)).toBe(400)
      }
      expect(await newCustomer('organizations', id, { requestId: 'short' })).toMatchObject({
        statusCode: 400,
      })
      expect([...demo().list('Customer')].length).toBe(count)
    })
  })
}
