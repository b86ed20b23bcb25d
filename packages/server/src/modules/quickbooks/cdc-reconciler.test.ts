import { select } from '@ledgerlink/qbo'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'
import { createQboCacheService, type QboCacheService } from './qbo-cache-service'

const logger = pino({ level: 'silent' })

for (const dialect of testDatabases()) {
  describe(`change data capture reconciliation on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let admin: SignedIn
    let service: QboCacheService

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      ;({ admin } = await createSignedInWorkspace(t))
      expect((await connectWorkspace(t, admin)).outcome).toBe('connected')
      service = createQboCacheService({
        db: t.db,
        config: {
          qboCache: { webhookVerifierToken: undefined, freshnessMs: 600_000, reconcileIntervalMs: 0 },
        },
        logger,
        quickbooks: t.quickbooks,
        now: () => t.clock.now(),
      })
    })
    afterAll(async () => {
      await service?.stop()
      await t?.close()
    })

    const company = async () =>
      (await t.quickbooks.companyFor({ workspaceId: admin.workspaceId, userId: null })).company
    const realmId = async () =>
      (await t.quickbooks.companyFor({ workspaceId: admin.workspaceId, userId: null })).realmId

    /** Caches an entry with `tags`; true when it was still there. */
    const cached = async (key: string, tags: string[]) =>
      (
        await service.cache.read(
          { workspaceId: admin.workspaceId, realmId: await realmId() },
          key,
          async () => key,
          {
            tags: () => tags,
          },
        )
      ).cached

    it('invalidates the customers and the customers’ documents that changed since the checkpoint', async () => {
      // The first pass only records where to start.
      expect(await service.reconciler.tick()).toEqual({ reconciled: 0, changes: 0, skipped: 1 })
      const qbo = await company()
      const [first, second, third] = await qbo.query(select('Customer').page({ maxResults: 3 }))
      if (!first?.Id || !second?.Id || !third?.Id) throw new Error('the demo company has too few customers')
      const [invoice] = await qbo.query(
        select('Invoice').where('CustomerRef', '=', second.Id).page({ maxResults: 1 }),
      )
      if (!invoice?.Id) throw new Error(`customer ${second.Id} has no invoice`)
      await cached('first', [`Customer:${first.Id}`])
      await cached('documents-of-second', [`documents-of:${second.Id}`])
      await cached('third', [`Customer:${third.Id}`])
      t.clock.advance(1_000)

      await qbo.customers.update({
        Id: first.Id,
        SyncToken: first.SyncToken ?? '0',
        Notes: 'Changed in QuickBooks',
      })
      await qbo.invoices.update({
        Id: invoice.Id,
        SyncToken: invoice.SyncToken ?? '0',
        PrivateNote: 'Changed',
      })
      t.clock.advance(1_000)

      const outcome = await service.reconciler.tick()
      expect(outcome.reconciled).toBe(1)
      expect(outcome.changes).toBeGreaterThanOrEqual(2)
      expect(await cached('first', [`Customer:${first.Id}`])).toBe(false)
      expect(await cached('documents-of-second', [`documents-of:${second.Id}`])).toBe(false)
      expect(await cached('third', [`Customer:${third.Id}`])).toBe(true)

      // The checkpoint moved on: the same changes are not reported again.
      t.clock.advance(1_000)
      expect(await service.reconciler.tick()).toEqual({ reconciled: 1, changes: 0, skipped: 0 })
      expect(await cached('first', [`Customer:${first.Id}`])).toBe(true)
    })

    it('drops everything of the company after a gap longer than change data capture reaches back', async () => {
      await cached('anything', ['Customer:nothing-changes-this'])
      const fortyDaysAgo = new Date(t.clock.now() - 40 * 24 * 3_600_000).toISOString()
      await t.db
        .updateTable('qbo_cdc_checkpoints')
        .set({ changed_since: fortyDaysAgo, updated_at: fortyDaysAgo })
        .where('workspace_id', '=', admin.workspaceId)
        .execute()
      expect((await service.reconciler.tick()).reconciled).toBe(1)
      expect(await cached('anything', ['Customer:nothing-changes-this'])).toBe(false)
      const checkpoint = await t.db
        .selectFrom('qbo_cdc_checkpoints')
        .select('changed_since')
        .where('workspace_id', '=', admin.workspaceId)
        .executeTakeFirstOrThrow()
      expect(Date.parse(checkpoint.changed_since)).toBeGreaterThan(t.clock.now() - 60_000)
    })

    it('skips a workspace whose connection needs reconnecting', async () => {
      await t.db
        .updateTable('qbo_connections')
        .set({ status: 'needs_reconnect' })
        .where('workspace_id', '=', admin.workspaceId)
        .execute()
      try {
        expect(await service.reconciler.tick()).toEqual({ reconciled: 0, changes: 0, skipped: 0 })
      } finally {
        await t.db
          .updateTable('qbo_connections')
          .set({ status: 'connected' })
          .where('workspace_id', '=', admin.workspaceId)
          .execute()
      }
    })

    it('runs on its schedule and stops when asked', async () => {
      const scheduled = createQboCacheService({
        db: t.db,
        config: {
          qboCache: { webhookVerifierToken: undefined, freshnessMs: 60_000, reconcileIntervalMs: 40 },
        },
        logger,
        quickbooks: t.quickbooks,
        now: () => t.clock.now(),
      })
      const updatedAt = async () =>
        (
          await t.db
            .selectFrom('qbo_cdc_checkpoints')
            .select('updated_at')
            .where('workspace_id', '=', admin.workspaceId)
            .executeTakeFirstOrThrow()
        ).updated_at
      const before = await updatedAt()
      await scheduled.start()
      // Half an interval must pass between two passes; the test clock moves it along.
      let after = before
      for (let i = 0; i < 100 && after === before; i++) {
        t.clock.advance(100)
        await new Promise((resolve) => setTimeout(resolve, 20))
        after = await updatedAt()
      }
      await scheduled.stop()
      expect(after).not.toBe(before)
      const stopped = await updatedAt()
      t.clock.advance(1_000)
      await new Promise((resolve) => setTimeout(resolve, 150))
      expect(await updatedAt()).toBe(stopped)
    })
  })
}
