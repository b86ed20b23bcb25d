import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  createSignedInWorkspace,
  type SignedIn,
  type TestApp,
  testDatabases,
} from '../../../test/helpers'
import { failRunningImports } from './repository'

const csvRequest = (headers: Record<string, string>, recordType: string, csv: string) => ({
  method: 'POST' as const,
  url: `/api/imports?recordType=${recordType}`,
  headers: { ...headers, 'content-type': 'text/csv' },
  payload: csv,
})

for (const dialect of testDatabases()) {
  describe(`CSV import on ${dialect}`, () => {
    let t: TestApp
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
    })
    afterAll(async () => t?.close())

    const status = async (id: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: admin.cookie } })
      ).json()
    const waitForEnd = async (id: string) => {
      for (let i = 0; i < 600; i++) {
        const current = await status(id)
        if (current.status === 'completed' || current.status === 'failed') return current
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error('the import did not finish')
    }

    it('previews a file with its columns, first rows, row count and a mapping suggested from the headers', async () => {
      const csv =
        '\uFEFFCompany Name,Phone Number,Domain,Billing City,Favourite colour\nAcme,555-1,acme.example.com,Springfield,red\n"Beta, Inc.",555-2,,Shelbyville,blue\n'
      const response = await t.app.inject(csvRequest(admin.headers, 'organization', csv))
      expect(response.statusCode).toBe(201)
      expect(response.json()).toMatchObject({
        recordType: 'organization',
        columns: ['Company Name', 'Phone Number', 'Domain', 'Billing City', 'Favourite colour'],
        sampleRows: [
          ['Acme', '555-1', 'acme.example.com', 'Springfield', 'red'],
          ['Beta, Inc.', '555-2', '', 'Shelbyville', 'blue'],
        ],
        rowCount: 2,
        suggestedMapping: {
          'Company Name': 'name',
          'Phone Number': 'phone',
          Domain: 'emailDomains',
          'Billing City': 'billingCity',
          'Favourite colour': null,
        },
      })
      expect(response.json().fields).toContainEqual({ name: 'name', label: 'Name', required: true })
    })

    it('imports contacts with a chosen mapping, reports bad rows by number, and records import history', async () => {
      await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: admin.headers,
        payload: { name: 'Known Org' },
      })
      const csv =
        'First,Last,E-mail,Employer\nAna,Lopez,ana@example.test,known org\n,,nobody@example.test,\nBo,Chen,not-an-email,\n'
      const preview = (await t.app.inject(csvRequest(admin.headers, 'contact', csv))).json()
      const run = await t.app.inject({
        method: 'POST',
        url: `/api/imports/${preview.id}/run`,
        headers: admin.headers,
        payload: {
          mapping: { First: 'firstName', Last: 'lastName', 'E-mail': 'email', Employer: 'organization' },
        },
      })
      expect(run.statusCode).toBe(202)
      expect(run.json()).toEqual({ id: preview.id, status: 'running' })
      const done = await waitForEnd(preview.id)
      expect(done).toMatchObject({ status: 'completed', total: 3, processed: 3, created: 1, failed: 2 })
      expect(done.errors.map((error: { row: number }) => error.row)).toEqual([2, 3])
      expect(done.errors[1].message).toMatch(/email/i)
      const contacts = (
        await t.app.inject({ method: 'GET', url: '/api/contacts?q=ana', headers: { cookie: admin.cookie } })
      ).json()
      expect(contacts.items[0]).toMatchObject({ firstName: 'Ana', organization: { name: 'Known Org' } })
      const history = (
        await t.app.inject({
          method: 'GET',
          url: `/api/contacts/${contacts.items[0].id}/history`,
          headers: { cookie: admin.cookie },
        })
      ).json()
      expect(history.items[0].action).toBe('import')
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/imports/${preview.id}/run`,
        headers: admin.headers,
        payload: { mapping: { First: 'firstName' } },
      })
      expect(again.statusCode).toBe(409)
    })

    it('marks imports left running by a stopped server as failed', async () => {
      const preview = (
        await t.app.inject(csvRequest(admin.headers, 'organization', 'Name\nInterrupted\n'))
      ).json()
      await t.db.updateTable('imports').set({ status: 'running' }).where('id', '=', preview.id).execute()
      expect(await failRunningImports(t.db)).toBe(1)
      expect((await status(preview.id)).status).toBe('failed')
    })

    it('refuses a mapping without the required field, with an unknown column or field', async () => {
      const preview = (
        await t.app.inject(csvRequest(admin.headers, 'organization', 'Name,Phone\nA,1\n'))
      ).json()
      for (const mapping of [
        { Phone: 'phone' },
        { Nope: 'name' },
        { Name: 'salary' },
        { Name: 'name', Phone: 'name' },
      ]) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/imports/${preview.id}/run`,
          headers: admin.headers,
          payload: { mapping },
        })
        expect(response.statusCode, JSON.stringify(mapping)).toBe(400)
        expect(response.json().error.code).toBe('BAD_MAPPING')
      }
      expect((await status(preview.id)).status).toBe('previewed')
    })

    it('refuses empty, header-less, malformed and oversized files with 400', async () => {
      for (const csv of ['', '\n\n', 'a,"b\n1,2', `name\n${'x'.repeat(10 * 1024 * 1024)}\n`]) {
        const response = await t.app.inject(csvRequest(admin.headers, 'organization', csv))
        expect(response.statusCode).toBe(400)
        expect(response.json().error.code).toMatch(/BAD_CSV|BAD_INPUT/)
      }
    })

    it('imports 20,000 rows in the background and reports progress until completed', async () => {
      const lines = ['Name,Phone,Website']
      for (let i = 0; i < 20_000; i++) lines.push(`Bulk Org ${i},555-${i},https://bulk${i}.example.com`)
      const preview = (await t.app.inject(csvRequest(admin.headers, 'organization', lines.join('\n')))).json()
      expect(preview.rowCount).toBe(20_000)
      await t.app.inject({
        method: 'POST',
        url: `/api/imports/${preview.id}/run`,
        headers: admin.headers,
        payload: { mapping: preview.suggestedMapping },
      })
      const progress: number[] = []
      let current = await status(preview.id)
      while (current.status === 'running') {
        progress.push(current.processed)
        await new Promise((resolve) => setTimeout(resolve, 100))
        current = await status(preview.id)
      }
      expect(current).toMatchObject({
        status: 'completed',
        total: 20_000,
        processed: 20_000,
        created: 20_000,
        failed: 0,
      })
      expect(progress.every((value, index) => index === 0 || value >= (progress[index - 1] ?? 0))).toBe(true)
      const found = (
        await t.app.inject({
          method: 'GET',
          url: '/api/organizations?q=bulk%20org%2019999',
          headers: { cookie: admin.cookie },
        })
      ).json()
      expect(found.items).toHaveLength(1)
    }, 120_000)
  })
}
