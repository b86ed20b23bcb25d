import { randomUUID } from 'node:crypto'
import { DEMO_REALM_ID } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/db'
import { createSignedInWorkspace, type SignedIn, signIn, testDatabases } from '../helpers'
import { connectWorkspace } from '../quickbooks-helpers'
import { tally } from './figures'
import { buildReliabilityApp } from './reliability-app'
import { sized } from './sizes'

const MINUTE = 60_000
const GROUP = 50

const registerDuplicates = (dialect: Dialect) => {
  describe(`no duplicate customers on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof buildReliabilityApp>>
    let admin: SignedIn

    beforeAll(async () => {
      t = await buildReliabilityApp(dialect)
      admin = (await createSignedInWorkspace(t)).admin
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
    })
    afterAll(async () => {
      t?.emulator.configure({ faults: null })
      await t?.close()
    })

    const customersNamed = (name: string) =>
      [...(t.emulator.store.get(DEMO_REALM_ID)?.list('Customer') ?? [])].filter(
        (customer) => customer.DisplayName === name,
      )
    const linksOf = (recordId: string) =>
      t.db
        .selectFrom('qbo_customer_links')
        .select('customer_id')
        .where('workspace_id', '=', admin.workspaceId)
        .where('record_id', '=', recordId)
        .execute()
    const newOrganization = async (name: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: admin.headers,
        payload: { name },
      })
      expect(response.statusCode).toBe(201)
      return response.json().id as string
    }

    it('makes exactly one customer and one link for every New Customer whose answers QuickBooks lost after committing', async () => {
      const actions = sized(60, 1_000)
      const score = tally(`3 New Customer, responses lost after commit (${dialect})`)
      const names: Array<{ id: string; name: string }> = []
      for (let index = 0; index < actions; index++) {
        const name = `Lost Answer ${dialect} ${index} ${randomUUID().slice(0, 8)}`
        names.push({ id: await newOrganization(name), name })
      }
      t.emulator.configure({ faults: { rate: 0.5, kinds: ['lost-response'], paths: 'accounting' } })
      let userRetries = 0
      const create = async (id: string) => {
        // The page sends one requestId per New Customer and the same one when the user presses it again.
        const requestId = randomUUID()
        for (let attempt = 0; attempt < 20; attempt++) {
          const response = await t.app.inject({
            method: 'POST',
            url: `/api/organizations/${id}/quickbooks/customer`,
            headers: admin.headers,
            payload: { requestId },
          })
          if (response.statusCode === 201) return
          expect(response.json().error.code).toBe('quickbooks_unavailable')
          userRetries++
        }
      }
      try {
        // In groups that stay under QBO's 500 requests a minute per company, with a minute passing between them.
        for (let start = 0; start < names.length; start += GROUP) {
          const group = names.slice(start, start + GROUP)
          for (let offset = 0; offset < group.length; offset += 4) {
            await Promise.all(group.slice(offset, offset + 4).map(({ id }) => create(id)))
          }
          t.clock.advance(MINUTE + 1_000)
        }
      } finally {
        t.emulator.configure({ faults: null })
      }
      const wrong: string[] = []
      for (const { id, name } of names) {
        const made = customersNamed(name)
        const links = await linksOf(id)
        if (made.length === 1 && links.length === 1 && links[0]?.customer_id === String(made[0]?.Id))
          score.ok()
        else {
          score.fail()
          wrong.push(`${name}: ${made.length} customers, ${links.length} links`)
        }
      }
      expect(wrong).toEqual([])
      score.record(`${actions} creates at 50% lost answers (${userRetries} user retries): 0 duplicates`)
    }, 240_000)

    it('makes one customer and one link when two browser tabs create the same customer at once', async () => {
      const pairs = sized(10, 100)
      const score = tally(`3 two tabs create at once (${dialect})`)
      t.clock.advance(MINUTE + 1_000)
      const secondTab = await signIn(t.app, admin.email, admin.password)
      const wrong: string[] = []
      for (let index = 0; index < pairs; index++) {
        const name = `Two Tabs ${dialect} ${index} ${randomUUID().slice(0, 8)}`
        const id = await newOrganization(name)
        if (index % GROUP === GROUP - 1) t.clock.advance(MINUTE + 1_000)
        const [first, second] = await Promise.all(
          [admin, secondTab].map((tab) =>
            t.app.inject({
              method: 'POST',
              url: `/api/organizations/${id}/quickbooks/customer`,
              headers: tab.headers,
              payload: { requestId: randomUUID() },
            }),
          ),
        )
        const statuses = [first?.statusCode, second?.statusCode].sort()
        const made = customersNamed(name)
        const links = await linksOf(id)
        const loser = [first, second].find((response) => response?.statusCode !== 201)
        const loserCode = loser?.json().error?.code
        if (
          made.length === 1 &&
          links.length === 1 &&
          links[0]?.customer_id === String(made[0]?.Id) &&
          statuses[0] === 201 &&
          (statuses[1] === 201 || ['display_name_taken', 'already_linked'].includes(loserCode))
        )
          score.ok()
        else {
          score.fail()
          wrong.push(
            `${name}: ${statuses.join('/')} ${loserCode ?? ''}, ${made.length} customers, ${links.length} links`,
          )
        }
      }
      expect(wrong).toEqual([])
      score.record(`${pairs} races: one customer and one link each; the other tab told why`)
    })
  })
}

for (const dialect of testDatabases()) registerDuplicates(dialect)
