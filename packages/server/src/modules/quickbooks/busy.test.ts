import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import { createRecord, requestsAs } from '../../../test/quickbooks-documents-fixtures'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'

/** QBO allows 40 batch requests a minute per company (API-NOTES §9); each documents list is one. */
const BATCHES_PER_MINUTE = 40

for (const dialect of testDatabases()) {
  describe(`a company whose QuickBooks allowance is spent, on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let member: SignedIn
    let opportunityId: string

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      const users = await createSignedInWorkspace(t, 'Busy workspace')
      member = users.member
      expect((await connectWorkspace(t, users.admin)).outcome).toBe('connected')
      opportunityId = await createRecord(t, member, 'opportunities', { name: 'Spring planting' })
      const linked = await requestsAs(t, member).post(
        `/api/opportunities/${opportunityId}/quickbooks/document-links`,
        { kind: 'invoice', documentId: '1' },
      )
      expect(linked.statusCode, linked.body).toBe(201)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('tells the user QuickBooks is busy at once instead of holding the page for the rest of the minute', async () => {
      // Refresh, so that every list goes to QuickBooks (opening it again would be served by the cache).
      const list = () =>
        requestsAs(t, member).get(`/api/opportunities/${opportunityId}/quickbooks/documents?refresh=true`)
      for (let i = 0; i < BATCHES_PER_MINUTE; i++) {
        const response = await list()
        expect(response.statusCode, response.body).toBe(200)
      }
      const started = Date.now()
      const refused = await list()
      const waitedMs = Date.now() - started
      expect(refused.statusCode, refused.body).toBe(429)
      expect(refused.json().error).toMatchObject({ code: 'quickbooks_busy' })
      expect(refused.json().error.message).toMatch(/try again in a minute/i)
      // The refusal comes from our own limiter: QBO itself was never pushed past its limit.
      expect(waitedMs).toBeLessThan(10_000)
      const record = await requestsAs(t, member).get(`/api/opportunities/${opportunityId}`)
      expect(record.statusCode).toBe(200)
    })
  })
}
