import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from './helpers'
import { buildQuickbooksTestApp, connectWorkspace, type QuickbooksTestApp } from './quickbooks-helpers'
import { apiRoutes } from './routes'

type Ids = Record<'organization' | 'contact' | 'opportunity' | 'project', string>
const TYPE_OF_PATH: Record<string, keyof Ids> = {
  organizations: 'organization',
  contacts: 'contact',
  opportunities: 'opportunity',
  projects: 'project',
}

for (const dialect of testDatabases()) {
  describe(`workspace isolation on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let a: { admin: SignedIn; member: SignedIn }
    let b: { admin: SignedIn; member: SignedIn }
    const ids = {} as Ids
    const changeIds = {} as Ids
    let linkId = ''
    let importId = ''

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      a = await createSignedInWorkspace(t, 'Workspace A')
      // Workspace A is connected to QuickBooks, so its own QuickBooks reads below answer 200.
      expect((await connectWorkspace(t, a.admin)).outcome).toBe('connected')
      b = await createSignedInWorkspace(t, 'Workspace B')
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url, headers: a.admin.headers, payload })
      ids.organization = (await post('/api/organizations', { name: 'Secret Org' })).json().id
      ids.contact = (
        await post('/api/contacts', { lastName: 'Secret', organizationId: ids.organization })
      ).json().id
      ids.opportunity = (await post('/api/opportunities', { name: 'Secret Deal' })).json().id
      ids.project = (await post('/api/projects', { name: 'Secret Project' })).json().id
      linkId = (
        await post(`/api/opportunities/${ids.opportunity}/links`, {
          recordType: 'contact',
          recordId: ids.contact,
        })
      ).json().id
      importId = (
        await t.app.inject({
          method: 'POST',
          url: '/api/imports?recordType=organization',
          headers: { ...a.admin.headers, 'content-type': 'text/csv' },
          payload: 'Name\nImported Secret\n',
        })
      ).json().id
      for (const [path, customerId] of [
        [`/api/organizations/${ids.organization}`, '1'],
        [`/api/contacts/${ids.contact}`, '2'],
      ] as const) {
        const linked = await t.app.inject({
          method: 'PUT',
          url: `${path}/quickbooks/link`,
          headers: a.admin.headers,
          payload: { customerId },
        })
        expect(linked.statusCode, linked.body).toBe(200)
      }
      // Direct document links of A's opportunity and project, which B's un-link requests must not remove.
      for (const path of [`/api/opportunities/${ids.opportunity}`, `/api/projects/${ids.project}`]) {
        const linked = await post(`${path}/quickbooks/document-links`, { kind: 'invoice', documentId: '1' })
        expect(linked.statusCode, linked.body).toBe(201)
      }
      for (const type of Object.keys(ids) as (keyof Ids)[]) {
        const entry = await t.db
          .selectFrom('history')
          .select('id')
          .where('record_id', '=', ids[type])
          .executeTakeFirstOrThrow()
        changeIds[type] = entry.id
      }
    })
    afterAll(async () => t?.close())

    const snapshotOfA = async () => ({
      records: await t.db
        .selectFrom('records')
        .select(['id', 'data', 'updated_at'])
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('id')
        .execute(),
      users: await t.db
        .selectFrom('users')
        .select(['id', 'name', 'role'])
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('id')
        .execute(),
      links: await t.db
        .selectFrom('links')
        .select('id')
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('id')
        .execute(),
      history: await t.db
        .selectFrom('history')
        .select('id')
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('id')
        .execute(),
      imports: await t.db
        .selectFrom('imports')
        .select(['id', 'status'])
        .where('workspace_id', '=', a.admin.workspaceId)
        .execute(),
      customerLinks: await t.db
        .selectFrom('qbo_customer_links')
        .select(['record_id', 'customer_id', 'linked_at'])
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('record_id')
        .execute(),
      documentLinks: await t.db
        .selectFrom('qbo_document_links')
        .select(['record_id', 'document_type', 'document_id', 'linked_at'])
        .where('workspace_id', '=', a.admin.workspaceId)
        .orderBy('record_id')
        .execute(),
    })

    /** A valid request for a route, pointed at workspace A's data. */
    const requestFor = (method: string, path: string) => {
      const [, , segment] = path.split('/')
      const type = TYPE_OF_PATH[segment ?? '']
      const url = path
        .replace('{linkId}', linkId)
        .replace('{kind}', 'invoice')
        .replace('{documentId}', '1')
        .replace('{changeId}', type ? changeIds[type] : '')
        .replace('{id}', type ? ids[type] : segment === 'users' ? a.member.userId : importId)
      let payload: object | undefined
      if (path.endsWith('/quickbooks/copy'))
        return {
          url: `${url}?direction=to_quickbooks`,
          payload: method === 'POST' ? { direction: 'to_quickbooks', fields: ['phone'] } : undefined,
        }
      if (path.endsWith('/quickbooks/link') && method === 'PUT') payload = { customerId: '3' }
      else if (path.endsWith('/quickbooks/customer')) payload = { displayName: 'Hijacked' }
      else if (path.endsWith('/quickbooks/document-links')) payload = { kind: 'invoice', documentId: '1' }
      else if (path.endsWith('/links')) {
        payload =
          type === 'opportunity' || type === 'project'
            ? { recordType: 'contact', recordId: ids.contact }
            : { recordType: 'project', recordId: ids.project }
      } else if (path.endsWith('/undo')) payload = { field: type === 'contact' ? 'lastName' : 'name' }
      else if (path.endsWith('/run')) payload = { mapping: { Name: 'name' } }
      else if (method === 'PATCH')
        payload =
          type === 'contact'
            ? { lastName: 'Hijacked' }
            : type
              ? { name: 'Hijacked' }
              : { name: 'Hijacked', role: 'admin' }
      return { url, payload }
    }

    it('never lets a user of another workspace read or change data through any route with an id', async () => {
      const before = await snapshotOfA()
      const routes = apiRoutes(t.app).filter((route) => route.path.includes('{'))
      expect(routes.length).toBeGreaterThan(30)
      for (const route of routes) {
        for (const intruder of [b.admin, b.member]) {
          const { url, payload } = requestFor(route.method, route.path)
          const response = await t.app.inject({
            method: route.method,
            url,
            headers: intruder.headers,
            ...(payload ? { payload } : {}),
          })
          const label = `${route.method} ${url} as ${intruder === b.admin ? 'admin' : 'member'} of B`
          expect([403, 404], `${label} → ${response.statusCode} ${response.body}`).toContain(
            response.statusCode,
          )
          expect(response.body, label).not.toContain('Secret')
        }
      }
      expect(await snapshotOfA()).toEqual(before)
      // The same reads by workspace A's administrator succeed, so the requests above did point at real data.
      for (const route of routes.filter((candidate) => candidate.method === 'GET')) {
        const { url } = requestFor(route.method, route.path)
        const own = await t.app.inject({ method: 'GET', url, headers: { cookie: a.admin.cookie } })
        expect(own.statusCode, url).toBe(200)
      }
    })

    it("lists none of another workspace's records, users or members", async () => {
      for (const path of [
        'organizations',
        'contacts',
        'opportunities',
        'projects',
        'users',
        'workspace/members',
      ]) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/${path}?q=secret`,
          headers: { cookie: b.admin.cookie },
        })
        expect(response.statusCode, path).toBe(200)
        const found = response.json().items.map((item: { id: string }) => item.id)
        for (const id of [...Object.values(ids), a.admin.userId, a.member.userId])
          expect(found, path).not.toContain(id)
      }
    })

    it("refuses to point a record or a link at another workspace's record", async () => {
      const contact = await t.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: b.admin.headers,
        payload: { lastName: 'Sneaky', organizationId: ids.organization },
      })
      expect(contact.statusCode).toBe(400)
      const deal = await t.app.inject({
        method: 'POST',
        url: '/api/opportunities',
        headers: b.admin.headers,
        payload: { name: 'B deal', ownerId: a.admin.userId },
      })
      expect(deal.statusCode).toBe(400)
      const own = (
        await t.app.inject({
          method: 'POST',
          url: '/api/opportunities',
          headers: b.admin.headers,
          payload: { name: 'B deal' },
        })
      ).json()
      const link = await t.app.inject({
        method: 'POST',
        url: `/api/opportunities/${own.id}/links`,
        headers: b.admin.headers,
        payload: { recordType: 'contact', recordId: ids.contact },
      })
      expect(link.statusCode).toBe(400)
    })

    it('answers 403 to members on every administrator route', async () => {
      const adminRoutes = apiRoutes(t.app).filter((route) => route.tags.includes('users'))
      expect(adminRoutes.length).toBe(4)
      for (const route of adminRoutes) {
        const url = route.path.replace('{id}', a.admin.userId)
        const payload =
          route.method === 'POST'
            ? { email: 'x@example.test', name: 'X', role: 'admin', password: 'password-1' }
            : route.method === 'PATCH'
              ? { role: 'member' }
              : undefined
        const response = await t.app.inject({
          method: route.method,
          url,
          headers: a.member.headers,
          ...(payload ? { payload } : {}),
        })
        expect(response.statusCode, `${route.method} ${url}`).toBe(403)
        expect(response.json().error.code).toBe('FORBIDDEN')
      }
    })
  })
}
