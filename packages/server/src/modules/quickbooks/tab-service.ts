/**
 * The QuickBooks tab of organizations and contacts (DESIGN.md §1.1): the tab read, the documents list, the
 * customer search, link, unlink, New Customer and Copy information. Each action first finds the CRM record in
 * the caller's workspace (so another workspace's id is a plain 404), then the workspace's QBO company; every QBO
 * failure goes through the one error seam (`toAppError`), so QBO being down is a 503 in plain words.
 */
import type { ServiceContext } from '../../context'
import type { Db } from '../../db'
import type { CrmService } from '../crm'
import type { CopyDirection } from './copy-preview'
import { applyCopy, type CopyRequest, type CopyTarget, previewCopy } from './copy-service'
import { createCustomerFor, type NewCustomerInput } from './customer-create'
import {
  type CustomerLink,
  deleteCustomerLink,
  findCustomerLink,
  saveCustomerLink,
} from './customer-links-repository'
import { searchCustomers } from './customer-search'
import { isActiveCustomer, toCustomerView } from './customer-view'
import type { DocumentFilter } from './documents'
import type { CompanyAccess, Quickbooks } from './gateway'
import { buildCandidateQueries } from './matching-queries'
import type { ErrorLogger } from './qbo-errors'
import { MESSAGES, quickbooksError } from './qbo-errors'
import { tabError } from './tab-errors'
import { createTabReader, type TabReader, type TabReadRequest, type TabSnapshot } from './tab-read'
import { type CrmRecord, type CustomerRecordType, toCopyRecord, toRecordToMatch } from './tab-record'
import { documentsPageView, linkedTabView, unlinkedTabView } from './tab-view'

export interface TabServiceDeps {
  db: Db
  crm: CrmService
  quickbooks: Quickbooks
  /** The QBO read behind the tab; a caching reader can wrap the default one. */
  reader?: TabReader
  /**
   * The QBO company's time zone, which decides "today" for overdue and aging. QBO's API does not report it;
   * QBO US companies (and the emulator) keep Pacific time.
   */
  timeZone?: string
  now?: () => Date
  /**
   * Called after the tab changed a customer in QBO (New Customer, copy to QuickBooks), so caches of QBO reads
   * drop what it made stale. A failure here is logged, never the user's problem.
   */
  afterQuickbooksWrite?: (change: { realmId: string; customerId: string }) => Promise<void>
}

/** Views kept per snapshot (filters × pages); see viewOf. */
const MAX_VIEWS_PER_SNAPSHOT = 16

export type LinkView = { customerId: string; displayName: string; linkedAt: string }

const linkView = (link: CustomerLink): LinkView => ({
  customerId: link.customerId,
  displayName: link.displayName,
  linkedAt: link.linkedAt,
})

const notLinked = () =>
  tabError('not_linked', 'This record is not linked to a QuickBooks customer. Link it first.')

export type TabService = ReturnType<typeof createTabService>

export const createTabService = (deps: TabServiceDeps) => {
  const { db, crm, quickbooks } = deps
  const now = deps.now ?? (() => new Date())
  const reader = deps.reader ?? createTabReader(now)
  const timeZone = deps.timeZone ?? 'America/Los_Angeles'

  /** Runs QBO calls; whatever they throw leaves as a domain error in plain words. */
  const qbo = async <T>(call: () => Promise<T>, logger: ErrorLogger | undefined): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw quickbooks.toAppError(error, logger)
    }
  }

  const wrote = async (realmId: string, customerId: string, logger: ErrorLogger | undefined) => {
    try {
      await deps.afterQuickbooksWrite?.({ realmId, customerId })
    } catch (error) {
      logger?.warn({ err: error, realmId }, 'cached QuickBooks reads could not be invalidated')
    }
  }

  /** The record (404 outside the workspace), the company (409 when not connected) and the record's link. */
  const open = async (ctx: ServiceContext, type: CustomerRecordType, id: string) => {
    const record = (await crm.getRecord(ctx, type, id)) as CrmRecord
    const access: CompanyAccess = await quickbooks.companyFor(ctx)
    const link = await findCustomerLink(db, ctx.workspaceId, id, access.realmId)
    return { record, access, link }
  }

  const openLinked = async (ctx: ServiceContext, type: CustomerRecordType, id: string) => {
    const opened = await open(ctx, type, id)
    if (!opened.link) throw notLinked()
    return { ...opened, link: opened.link }
  }

  /** The tab snapshot through the reader (and whatever cache wraps it). */
  const readSnapshot = (
    ctx: ServiceContext,
    access: CompanyAccess,
    request: TabReadRequest,
    refresh: boolean,
    logger: ErrorLogger | undefined,
  ) => qbo(() => reader(access.company, request, { refresh, workspaceId: ctx.workspaceId }), logger)

  const readLinked = async (
    ctx: ServiceContext,
    access: CompanyAccess,
    link: CustomerLink,
    refresh: boolean,
    logger: ErrorLogger | undefined,
  ) => {
    const request = { kind: 'linked' as const, realmId: access.realmId, customerId: link.customerId }
    const snapshot = await readSnapshot(ctx, access, request, refresh, logger)
    if (snapshot.kind !== 'linked') throw new TypeError('the tab reader answered another request')
    return snapshot
  }

  /**
   * Views computed from a snapshot, per snapshot object: the cache hands out the same snapshot until it reads
   * QBO again, and a view depends only on the snapshot and the request (its "today" is the date of the read),
   * so a warm tab skips rebuilding rows, summary and aging for every request.
   */
  const views = new WeakMap<TabSnapshot, Map<string, unknown>>()
  const viewOf = <T>(snapshot: TabSnapshot, key: string, build: () => T): T => {
    let built = views.get(snapshot)
    if (!built) {
      built = new Map()
      views.set(snapshot, built)
    }
    if (built.has(key)) return built.get(key) as T
    const view = build()
    // A handful of filters and pages per snapshot; beyond that, start over rather than grow.
    if (built.size >= MAX_VIEWS_PER_SNAPSHOT) built.clear()
    built.set(key, view)
    return view
  }

  const readTab = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    query: { show: DocumentFilter; refresh: boolean },
    logger?: ErrorLogger,
  ) => {
    const { record, access, link } = await open(ctx, type, id)
    if (link) {
      const snapshot = await readLinked(ctx, access, link, query.refresh, logger)
      return viewOf(snapshot, JSON.stringify(['tab', query.show, link.customerId, link.displayName]), () =>
        linkedTabView(snapshot, { link, deepLinks: access.deepLinks, timeZone, show: query.show }),
      )
    }
    const match = toRecordToMatch(type, record)
    const request = {
      kind: 'unlinked' as const,
      realmId: access.realmId,
      queries: buildCandidateQueries(match),
    }
    const snapshot = await readSnapshot(ctx, access, request, query.refresh, logger)
    if (snapshot.kind !== 'unlinked') throw new TypeError('the tab reader answered another request')
    return unlinkedTabView(snapshot, match)
  }

  const documents = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    query: { show: DocumentFilter; cursor?: string | undefined; limit?: number; refresh: boolean },
    logger?: ErrorLogger,
  ) => {
    const { access, link } = await openLinked(ctx, type, id)
    const snapshot = await readLinked(ctx, access, link, query.refresh, logger)
    const key = JSON.stringify(['documents', query.show, query.cursor ?? null, query.limit ?? null])
    return viewOf(snapshot, key, () =>
      documentsPageView(snapshot, {
        link,
        deepLinks: access.deepLinks,
        timeZone,
        show: query.show,
        cursor: query.cursor,
        limit: query.limit,
      }),
    )
  }

  const search = async (ctx: ServiceContext, q: string, cursor: string | undefined, logger?: ErrorLogger) => {
    const access = await quickbooks.companyFor(ctx)
    return qbo(() => searchCustomers(access.company, q, cursor), logger)
  }

  const saveLink = async (
    ctx: ServiceContext,
    recordId: string,
    realmId: string,
    customer: { Id?: string; DisplayName?: string },
  ) => {
    const link: CustomerLink = {
      recordId,
      realmId,
      customerId: customer.Id ?? '',
      displayName: customer.DisplayName ?? '',
      linkedBy: ctx.userId,
      linkedAt: now().toISOString(),
    }
    await saveCustomerLink(db, ctx.workspaceId, link)
    return link
  }

  const link = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    customerId: string,
    logger?: ErrorLogger,
  ) => {
    const { access, link: existing } = await open(ctx, type, id)
    if (existing?.customerId === customerId) return { link: linkView(existing) }
    if (existing)
      throw tabError(
        'already_linked',
        `This record is already linked to the QuickBooks customer "${existing.displayName}". Unlink it first.`,
        { link: linkView(existing) },
      )
    const customer = await qbo(() => access.company.customers.read(customerId), logger)
    if (!customer || !isActiveCustomer(customer))
      throw tabError(
        'customer_not_found',
        customer
          ? 'This QuickBooks customer is inactive. Make it active in QuickBooks first, or choose another one.'
          : 'QuickBooks has no such customer. Search again and pick one from the list.',
      )
    return { link: linkView(await saveLink(ctx, id, access.realmId, customer)) }
  }

  const unlink = async (ctx: ServiceContext, type: CustomerRecordType, id: string) => {
    await crm.getRecord(ctx, type, id)
    // Unlinking needs no call to QBO, so it works while the connection waits for a reconnect.
    const realmId = await quickbooks.currentRealmOf(ctx)
    if (!realmId) throw quickbooksError('quickbooks_not_connected', MESSAGES.notConnected)
    if (!(await deleteCustomerLink(db, ctx.workspaceId, id, realmId))) throw notLinked()
  }

  const createCustomer = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    input: NewCustomerInput,
    logger?: ErrorLogger,
  ) => {
    const { record, access, link: existing } = await open(ctx, type, id)
    if (existing)
      throw tabError(
        'already_linked',
        `This record is already linked to the QuickBooks customer "${existing.displayName}". Unlink it first.`,
        { link: linkView(existing) },
      )
    const customer = await qbo(
      () => createCustomerFor(access.company, toCopyRecord(type, record), input),
      logger,
    )
    await wrote(access.realmId, customer.Id ?? '', logger)
    const saved = await saveLink(ctx, id, access.realmId, customer)
    return { link: linkView(saved), customer: toCustomerView(customer, access.deepLinks) }
  }

  const copyTarget = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
  ): Promise<CopyTarget & { realmId: string }> => {
    const { record, access, link: existing } = await openLinked(ctx, type, id)
    return {
      realmId: access.realmId,
      company: access.company,
      customerId: existing.customerId,
      record: toCopyRecord(type, record),
      async writeRecord(changes) {
        const fields = Object.fromEntries(changes.map((change) => [change.field, change.newValue]))
        await crm.updateRecordFields(ctx, type, id, fields, 'copy_from_quickbooks')
      },
    }
  }

  const copyPreview = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    direction: CopyDirection,
    logger?: ErrorLogger,
  ) => {
    const target = await copyTarget(ctx, type, id)
    return qbo(() => previewCopy(target, direction), logger)
  }

  const copy = async (
    ctx: ServiceContext,
    type: CustomerRecordType,
    id: string,
    request: CopyRequest,
    logger?: ErrorLogger,
  ) => {
    const target = await copyTarget(ctx, type, id)
    const result = await qbo(() => applyCopy(target, request), logger)
    if (request.direction === 'to_quickbooks' && result.copied.length > 0)
      await wrote(target.realmId, target.customerId, logger)
    return result
  }

  return { readTab, documents, search, link, unlink, createCustomer, copyPreview, copy }
}
