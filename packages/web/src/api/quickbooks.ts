import { request } from './client'
import type { Address, NamedRef, RecordType } from './types'

/** Where the workspace's QuickBooks connection points. */
export type QuickbooksEnvironment = 'emulator' | 'sandbox' | 'production'

export type QuickbooksConnectionStatus = 'connected' | 'needs_reconnect' | 'disconnected'

export type QuickbooksConnection = {
  status: QuickbooksConnectionStatus
  realmId: string
  companyName: string | null
  connectedAt: string | null
  connectedBy: NamedRef | null
  lastSuccessAt: string | null
  environment: QuickbooksEnvironment
}

/** A connection to a different company than before, waiting for an administrator to confirm it. */
export type PendingQuickbooksConnection = {
  companyName: string | null
  realmId: string
  linksToClear: number
}

export type QuickbooksConnectionState = {
  connection: QuickbooksConnection | null
  canManage: boolean
  pending: PendingQuickbooksConnection | null
}

/** A QuickBooks customer offered for linking; `score` and `reasons` come with the automatic search only. */
export type CustomerCandidate = {
  customerId: string
  displayName: string
  companyName: string | null
  email: string | null
  phone: string | null
  city: string | null
  balance: string | null
  currency: string | null
  score: number | null
  /** Machine-readable reasons, strongest first (`email-exact`, `name-fuzzy`…). */
  reasons: string[]
  /** The reasons in plain words ("Same email address"). */
  reasonText?: string | null
  active: boolean
}

export type CustomerLink = { customerId: string; displayName: string; linkedAt: string }

/** The cheap link state of a record (no QuickBooks call): drives the QuickBooks icon. */
export type RecordQuickbooksLink = {
  connected: boolean
  /** The connection's status; null when the workspace has never connected. */
  status?: QuickbooksConnectionStatus | null
  link: CustomerLink | null
  directDocuments: number
}

export type QuickbooksCustomer = {
  id: string
  displayName: string
  companyName: string | null
  givenName: string | null
  familyName: string | null
  title: string | null
  billingAddress: Address | null
  shippingAddress: Address | null
  phones: { primary: string | null; mobile: string | null; fax: string | null }
  email: string | null
  website: string | null
  currency: string
  active: boolean
  deleted: boolean
  viewUrl: string | null
}

export type AgingBucketKey = 'current' | 'days1To30' | 'days31To60' | 'days61To90' | 'over90'

export type Aging = {
  currency: string
  buckets: { bucket: AgingBucketKey; label: string; amount: string }[]
  total: string
}

/** The figures of a linked customer, every amount a decimal string in `currency`. */
export type FinancialSummary = {
  currency: string
  openBalance: string
  overdueAmount: string
  openInvoicesCount: number
  overdueInvoicesCount: number
  openEstimatesTotal: string
  openEstimatesCount: number
  invoicedLast12Months: string
  paidLast12Months: string
  period: { from: string; to: string }
  lastPayment: { date: string; amount: string; qboId: string } | null
  aging: Aging
  customerBalance: string | null
  includesJobs: boolean
  otherCurrencyDocumentsCount: number
}

export type QuickbooksDocumentType = 'invoice' | 'estimate' | 'payment'

/** One estimate, invoice or payment. `status` is open-ended: QuickBooks may add estimate statuses. */
export type QuickbooksDocumentRow = {
  type: QuickbooksDocumentType
  qboId: string
  number: string | null
  date: string | null
  dueDate: string | null
  status: string
  total: string
  balance: string | null
  currency: string
  customer: { qboId: string | null; name: string | null }
  isOpen: boolean
  viewUrl?: string | null
}

export type DocumentFilter =
  | 'all'
  | 'invoices'
  | 'open_invoices'
  | 'overdue_invoices'
  | 'estimates'
  | 'payments'

export type DocumentTotals = {
  currency: string
  invoiced: string
  openBalance: string
  overdue: string
  paid: string
  openEstimates: string
  openInvoicesCount: number
  overdueInvoicesCount: number
  openEstimatesCount: number
}

export type CustomerDocumentsPage = {
  items: QuickbooksDocumentRow[]
  nextCursor: string | null
  totals?: DocumentTotals[]
  total?: number
}

export type QuickbooksTab =
  | { state: 'unlinked'; candidates: CustomerCandidate[]; asOf: string }
  | {
      state: 'linked'
      customer: QuickbooksCustomer
      summary: FinancialSummary
      documents: { items: QuickbooksDocumentRow[]; nextCursor: string | null; total: number }
      asOf: string
    }

export type CopyDirection = 'to_quickbooks' | 'from_quickbooks'

export type CopyValue = string | Address | null

export type CopyPreviewEntry = {
  field: string
  label: string
  current: CopyValue
  proposed: CopyValue
  isDifferent: boolean
  problem?: { code: string; message: string }
}

export type CopyPreview = { entries: CopyPreviewEntry[]; syncToken: string | null }

/** Organizations and contacts have a customer tab; opportunities and projects list documents instead. */
export type CustomerRecordType = Extract<RecordType, 'organizations' | 'contacts'>

const recordQuickbooksPath = (type: RecordType, id: string): string =>
  `/${type}/${encodeURIComponent(id)}/quickbooks`

export const getQuickbooksConnection = (signal?: AbortSignal): Promise<QuickbooksConnectionState> =>
  request('GET', '/quickbooks/connection', { signal })

/** Starts connecting (administrators): the browser then goes to `authorizationUrl`. */
export const startQuickbooksConnect = (): Promise<{ authorizationUrl: string }> =>
  request('POST', '/quickbooks/connect')

export const confirmQuickbooksConnection = (): Promise<unknown> =>
  request('POST', '/quickbooks/connection/confirm')

export const dropPendingQuickbooksConnection = (): Promise<void> =>
  request('DELETE', '/quickbooks/connection/pending')

export const disconnectQuickbooks = (): Promise<unknown> => request('POST', '/quickbooks/disconnect')

export const getRecordQuickbooksLink = (
  type: RecordType,
  id: string,
  signal?: AbortSignal,
): Promise<RecordQuickbooksLink> => request('GET', `${recordQuickbooksPath(type, id)}/link`, { signal })

/** The whole tab in one call: suggestions when unlinked, overview and first documents when linked. */
export const getQuickbooksTab = (
  type: CustomerRecordType,
  id: string,
  options: { show?: DocumentFilter; refresh?: boolean } = {},
  signal?: AbortSignal,
): Promise<QuickbooksTab> =>
  request('GET', recordQuickbooksPath(type, id), {
    query: { show: options.show, refresh: options.refresh ? 'true' : undefined },
    signal,
  })

export const searchQuickbooksCustomers = (
  q: string,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<{ items: CustomerCandidate[]; nextCursor: string | null }> =>
  request('GET', '/quickbooks/customers', { query: { q, cursor }, signal })

export const linkQuickbooksCustomer = (
  type: RecordType,
  id: string,
  customerId: string,
): Promise<{ link: CustomerLink }> =>
  request('PUT', `${recordQuickbooksPath(type, id)}/link`, { body: { customerId } })

export const unlinkQuickbooksCustomer = (type: RecordType, id: string): Promise<void> =>
  request('DELETE', `${recordQuickbooksPath(type, id)}/link`)

/** Creates a QuickBooks customer from the record and links it; `requestId` makes a retry safe. */
export const createQuickbooksCustomer = (
  type: CustomerRecordType,
  id: string,
  input: { displayName?: string; requestId?: string },
): Promise<{ link: CustomerLink; customer: QuickbooksCustomer }> =>
  request('POST', `${recordQuickbooksPath(type, id)}/customer`, { body: input })

export const listCustomerDocuments = (
  type: CustomerRecordType,
  id: string,
  query: { show?: DocumentFilter; cursor?: string | null },
  signal?: AbortSignal,
): Promise<CustomerDocumentsPage> =>
  request('GET', `${recordQuickbooksPath(type, id)}/documents`, {
    query: { show: query.show, cursor: query.cursor },
    signal,
  })

export const previewQuickbooksCopy = (
  type: CustomerRecordType,
  id: string,
  direction: CopyDirection,
  signal?: AbortSignal,
): Promise<CopyPreview> =>
  request('GET', `${recordQuickbooksPath(type, id)}/copy`, { query: { direction }, signal })

export const copyQuickbooksFields = (
  type: CustomerRecordType,
  id: string,
  input: { direction: CopyDirection; fields: string[]; syncToken?: string | null },
): Promise<{ copied: string[] }> =>
  request('POST', `${recordQuickbooksPath(type, id)}/copy`, {
    body: {
      direction: input.direction,
      fields: input.fields,
      ...(input.syncToken ? { syncToken: input.syncToken } : {}),
    },
  })
