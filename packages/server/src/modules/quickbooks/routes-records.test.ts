import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  DEMO_REALM_ID,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'
import { DEMO_CONTACTS, DEMO_ORGANIZATIONS } from '../../demo/demo-data'

type Candidate = {
  customerId: string
  displayName: string
  score: number | null
  reasons: string[]
  active: boolean
}

for (const dialect of testDatabases()) {
  describe(`QuickBooks tab: suggestions, search and links on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let member: SignedIn
    let outsider: SignedIn

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin, member } = await createSignedInWorkspace(t))
      ;({ admin: outsider } = await createSignedInWorkspace(t, 'Not connected'))
      const connected = await connectWorkspace(t, admin)
      expect(connected.outcome).toBe('connected')
    })
    afterAll(async () => t?.close())

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
    const get = (url: string, who: SignedIn = member) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
    const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object, who: SignedIn = member) =>
      t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) })
    const demo = () => {
      const company = t.emulator.store.get(DEMO_REALM_ID)
      if (!company) throw new Error('no demo company')
      return company
    }
    const customerNamed = (name: string) => {
      for (const customer of demo().list('Customer')) if (customer.DisplayName === name) return customer
      throw new Error(`no customer ${name}`)
    }

    it('suggests the matching QBO customer for an organization, with its score and why', async () => {
      const id = await create('organizations', { name: 'Red Rock Diner, Ltd.', phone: '(650) 555-4973' })
      const response = await get(`/api/organizations/${id}/quickbooks`)
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json() as { state: string; candidates: Candidate[]; asOf: string }
      expect(body.state).toBe('unlinked')
      expect(Number.isNaN(Date.parse(body.asOf))).toBe(false)
      const [best] = body.candidates
      expect(best?.displayName).toBe('Red Rock Diner')
      expect(best?.customerId).toBe(customerNamed('Red Rock Diner').Id)
      expect(best?.score).toBeGreaterThanOrEqual(0.7)
      expect(best?.reasons).toContain('name-exact')
    })

    it('suggests a customer for a contact by email, whatever its name', async () => {
      const id = await create('contacts', {
        firstName: 'Sandy',
        lastName: 'Finch',
        email: 'BIRDS@intuit.com',
      })
      const body = (await get(`/api/contacts/${id}/quickbooks`)).json() as { candidates: Candidate[] }
      expect(body.candidates[0]?.displayName).toBe("Amy's Bird Sanctuary")
      expect(body.candidates[0]?.reasons).toContain('email-exact')
    })

    it('suggests the right customer for the demo records that have one, despite suffixes and case', async () => {
      const expected: Record<string, string> = {
        bill: "Bill's Windsurf Shop",
        cool: 'Cool Cars',
        dukes: 'Dukes Basketball Camp',
        jeff: "Jeff's Jalopies",
      }
      for (const organization of DEMO_ORGANIZATIONS.filter((candidate) => candidate.key in expected)) {
        const { key, ...fields } = organization
        const id = await create('organizations', fields)
        const body = (await get(`/api/organizations/${id}/quickbooks`)).json() as { candidates: Candidate[] }
        expect(body.candidates[0]?.displayName, organization.name).toBe(expected[key])
      }
      const geeta = DEMO_CONTACTS.find((contact) => contact.firstName === 'Geeta')
      const { organization: _none, ...fields } = geeta ?? { organization: undefined }
      const id = await create('contacts', fields)
      const body = (await get(`/api/contacts/${id}/quickbooks`)).json() as { candidates: Candidate[] }
      expect(body.candidates[0]?.displayName).toBe('Geeta Kalapatapu')
    })

    it('describes every tab route in the OpenAPI document under the quickbooks tag', async () => {
      const document = (await get('/api/openapi.json')).json() as {
        paths: Record<string, Record<string, { tags?: string[] }>>
      }
      const expected = [
        ['get', '/api/quickbooks/customers'],
        ['get', '/api/organizations/{id}/quickbooks'],
        ['get', '/api/contacts/{id}/quickbooks/documents'],
        ['put', '/api/contacts/{id}/quickbooks/link'],
        ['delete', '/api/organizations/{id}/quickbooks/link'],
        ['post', '/api/organizations/{id}/quickbooks/customer'],
        ['get', '/api/contacts/{id}/quickbooks/copy'],
        ['post', '/api/contacts/{id}/quickbooks/copy'],
      ] as const
      for (const [method, path] of expected)
        expect(document.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['quickbooks'])
    })

    it('suggests nothing for a record no customer resembles', async () => {
      const id = await create('organizations', { name: 'Riverside Community Church' })
      const response = await get(`/api/organizations/${id}/quickbooks`)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ state: 'unlinked', candidates: [] })
    })

    it('searches customers by any part of a name or email, escaping what the user types', async () => {
      const names = async (q: string) => {
        const response = await get(`/api/quickbooks/customers?q=${encodeURIComponent(q)}`)
        expect(response.statusCode, `${q}: ${response.body}`).toBe(200)
        return (response.json() as { items: Candidate[] }).items.map((item) => item.displayName)
      }
      expect(await names('windsurf')).toEqual(["Bill's Windsurf Shop"])
      expect(await names("Bill's")).toEqual(["Bill's Windsurf Shop"])
      expect(await names('surf@intuit')).toContain("Bill's Windsurf Shop")
      expect(await names('Amy Lauterbach')).toEqual(["Amy's Bird Sanctuary"])
      expect(await names('Pariente')).toEqual(['Cool Cars'])
      // Quotes, backslashes and QBO's wildcard are searched as plain text, never as query syntax.
      expect(await names("x' OR DisplayName LIKE '%")).toEqual([])
      expect(await names('\\')).toEqual([])
      expect(await names('100%')).toEqual([])
      expect(await names('%')).toEqual([])
      // Inactive customers cannot be linked, so the search leaves them out.
      expect(await names('Old Mill')).toEqual([])
    })

    it('pages through many search results without repeating one', async () => {
      const first = (await get('/api/quickbooks/customers?q=e')).json() as {
        items: Candidate[]
        nextCursor: string | null
      }
      expect(first.items).toHaveLength(20)
      expect(first.nextCursor).not.toBeNull()
      const second = (
        await get(`/api/quickbooks/customers?q=e&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
      ).json() as { items: Candidate[] }
      expect(second.items.length).toBeGreaterThan(0)
      const firstIds = new Set(first.items.map((item) => item.customerId))
      for (const item of second.items) expect(firstIds.has(item.customerId)).toBe(false)
      const names = [...first.items, ...second.items].map((item) => item.displayName.toLowerCase())
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
    })

    it('refuses a search without text, with too much text or with a foreign cursor', async () => {
      for (const query of ['', '?q=', '?q=%20%20', `?q=${'x'.repeat(101)}`, '?q=acme&cursor=abc']) {
        const response = await get(`/api/quickbooks/customers${query}`)
        expect(response.statusCode, query).toBe(400)
        expect(response.json().error.code).toBe('BAD_INPUT')
      }
    })

    it('links a record to a customer, keeps the link idempotent and refuses a second customer', async () => {
      const id = await create('organizations', { name: 'Freeman Sporting Goods' })
      const freeman = customerNamed('Freeman Sporting Goods')
      const linked = await send('PUT', `/api/organizations/${id}/quickbooks/link`, { customerId: freeman.Id })
      expect(linked.statusCode, linked.body).toBe(200)
      expect(linked.json().link).toMatchObject({
        customerId: freeman.Id,
        displayName: 'Freeman Sporting Goods',
      })
      const again = await send('PUT', `/api/organizations/${id}/quickbooks/link`, { customerId: freeman.Id })
      expect(again.statusCode).toBe(200)
      const other = await send('PUT', `/api/organizations/${id}/quickbooks/link`, {
        customerId: customerNamed('Cool Cars').Id,
      })
      expect(other.statusCode).toBe(409)
      expect(other.json().error).toMatchObject({ code: 'already_linked', link: { customerId: freeman.Id } })
      const rows = await t.db
        .selectFrom('qbo_customer_links')
        .selectAll()
        .where('record_id', '=', id)
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        customer_id: freeman.Id,
        realm_id: DEMO_REALM_ID,
        linked_by: member.userId,
      })
      const tab = (await get(`/api/organizations/${id}/quickbooks`)).json()
      expect(tab.state).toBe('linked')
      expect(tab.customer.displayName).toBe('Freeman Sporting Goods')
    })

    it('refuses to link a customer QBO does not have, or an inactive one', async () => {
      const id = await create('organizations', { name: 'Old Mill Antiques' })
      for (const customerId of ['987654', customerNamed('Old Mill Antiques (deleted)').Id]) {
        const response = await send('PUT', `/api/organizations/${id}/quickbooks/link`, { customerId })
        expect(response.statusCode, response.body).toBe(404)
        expect(response.json().error.code).toBe('customer_not_found')
      }
      expect(
        await t.db.selectFrom('qbo_customer_links').selectAll().where('record_id', '=', id).execute(),
      ).toEqual([])
    })

    it('unlinks a record, and says so when there is no link', async () => {
      const id = await create('contacts', { firstName: 'Geeta', lastName: 'Kalapatapu' })
      const geeta = customerNamed('Geeta Kalapatapu')
      expect(
        (await send('PUT', `/api/contacts/${id}/quickbooks/link`, { customerId: geeta.Id })).statusCode,
      ).toBe(200)
      const removed = await send('DELETE', `/api/contacts/${id}/quickbooks/link`)
      expect(removed.statusCode).toBe(204)
      expect((await get(`/api/contacts/${id}/quickbooks`)).json().state).toBe('unlinked')
      const missing = await send('DELETE', `/api/contacts/${id}/quickbooks/link`)
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.code).toBe('not_linked')
    })

    it('answers 404 for an unknown record and for a record of another workspace', async () => {
      const id = await create('organizations', { name: 'Private Org' })
      for (const [url, who] of [
        [`/api/organizations/${'0'.repeat(26)}/quickbooks`, member],
        [`/api/organizations/${id}/quickbooks`, outsider],
        [`/api/contacts/${id}/quickbooks`, member],
      ] as const) {
        const response = await get(url, who)
        expect(response.statusCode, url).toBe(404)
        expect(response.body).not.toContain('Private Org')
      }
    })

    it('tells a workspace without a QuickBooks connection that it is not connected', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: outsider.headers,
        payload: { name: 'Red Rock Diner' },
      })
      const id = created.json().id as string
      for (const response of [
        await get(`/api/organizations/${id}/quickbooks`, outsider),
        await get('/api/quickbooks/customers?q=red', outsider),
        await send('PUT', `/api/organizations/${id}/quickbooks/link`, { customerId: '1' }, outsider),
        await send('POST', `/api/organizations/${id}/quickbooks/customer`, {}, outsider),
      ]) {
        expect(response.statusCode, response.body).toBe(409)
        expect(response.json().error.code).toBe('quickbooks_not_connected')
      }
    })
  })
}
