import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/db'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../helpers'
import {
  answerConsent,
  connectWorkspace,
  DEMO_REALM_ID,
  followCallback,
  SECOND_REALM_ID,
} from '../quickbooks-helpers'
import { tally } from './figures'
import { buildReliabilityApp } from './reliability-app'

const registerIsolation = (dialect: Dialect) => {
  describe(`QuickBooks isolation between companies on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof buildReliabilityApp>>

    beforeAll(async () => {
      t = await buildReliabilityApp(dialect)
    })
    afterAll(async () => t?.close())

    const rowOf = (who: SignedIn) =>
      t.db
        .selectFrom('qbo_connections')
        .selectAll()
        .where('workspace_id', '=', who.workspaceId)
        .executeTakeFirst()
    const startHandshake = async (who: SignedIn, realmId: string) => {
      const started = await t.app.inject({
        method: 'POST',
        url: '/api/quickbooks/connect',
        headers: who.headers,
      })
      expect(started.statusCode).toBe(200)
      return answerConsent(started.json().authorizationUrl, { realmId })
    }

    it('refuses a callback with a missing or empty state, or states swapped between two handshakes, and stores nothing', async () => {
      const score = tally(`6 OAuth state: missing, empty, swapped (${dialect})`)
      const a = (await createSignedInWorkspace(t, 'State A')).admin
      const b = (await createSignedInWorkspace(t, 'State B')).admin
      const callbackA = await startHandshake(a, DEMO_REALM_ID)
      const callbackB = await startHandshake(b, SECOND_REALM_ID)
      const variants: URL[] = []
      for (const change of [
        (url: URL) => url.searchParams.delete('state'),
        (url: URL) => url.searchParams.set('state', ''),
        (url: URL) => url.searchParams.set('state', callbackB.searchParams.get('state') ?? ''),
        (url: URL) => url.searchParams.delete('code'),
      ]) {
        const url = new URL(callbackA.href)
        change(url)
        variants.push(url)
      }
      for (const url of variants) {
        const result = await followCallback(t, a, url)
        expect(result.outcome).toBe('error')
        expect(['invalid_state', 'authorization_failed']).toContain(result.reason)
        score.ok()
      }
      // B's callback carrying A's state, by B's administrator.
      const swapped = new URL(callbackB.href)
      swapped.searchParams.set('state', callbackA.searchParams.get('state') ?? '')
      expect(await followCallback(t, b, swapped)).toMatchObject({ outcome: 'error', reason: 'invalid_state' })
      score.ok()
      expect(await rowOf(a)).toBeUndefined()
      expect(await rowOf(b)).toBeUndefined()
      score.record('missing, empty, swapped state and missing code: refused, nothing stored')
    })

    it("never shows one workspace another company's customers", async () => {
      const score = tally(`6 company data stays in its workspace (${dialect})`)
      const a = await createSignedInWorkspace(t, 'Company A')
      const b = await createSignedInWorkspace(t, 'Company B')
      expect((await connectWorkspace(t, a.admin, { realmId: DEMO_REALM_ID })).outcome).toBe('connected')
      expect((await connectWorkspace(t, b.admin, { realmId: SECOND_REALM_ID })).outcome).toBe('connected')
      const namesIn = (realmId: string) =>
        new Set(
          [...(t.emulator.store.get(realmId)?.list('Customer') ?? [])]
            .filter((customer) => customer.Active !== false)
            .map((customer) => String(customer.DisplayName)),
        )
      const demo = namesIn(DEMO_REALM_ID)
      const second = namesIn(SECOND_REALM_ID)
      const onlySecond = [...second].filter((name) => !demo.has(name)).slice(0, 5)
      expect(onlySecond.length).toBeGreaterThan(0)
      for (const name of onlySecond) {
        const query = encodeURIComponent(name.slice(0, 30))
        for (const [who, expected] of [
          [a.member, false],
          [a.admin, false],
          [b.member, true],
          [b.admin, true],
        ] as const) {
          const response = await t.app.inject({
            method: 'GET',
            url: `/api/quickbooks/customers?q=${query}`,
            headers: { cookie: who.cookie },
          })
          expect(response.statusCode).toBe(200)
          const names = (response.json().items as Array<{ displayName: string }>).map(
            (item) => item.displayName,
          )
          expect(names.includes(name)).toBe(expected)
          for (const shown of names) expect((expected ? second : demo).has(shown)).toBe(true)
          score.ok()
        }
      }
      score.record(
        `${onlySecond.length} names of company B × 2 workspaces × 2 roles: only B's users see them`,
      )
    })
  })
}

for (const dialect of testDatabases()) registerIsolation(dialect)
