/**
 * The one read from QBO behind a record's QuickBooks tab: a single batch request (one round trip, API-NOTES.md
 * §5) that fetches either the linked customer with all its invoices, estimates and payments, or the candidate
 * customers of the automatic search. Everything the tab shows is computed from this snapshot, so a cache can
 * wrap {@link TabReader} without the rest knowing.
 */
import type {
  BatchItem,
  BatchItemResult,
  Customer,
  Estimate,
  Invoice,
  Payment,
  QboCompany,
} from '@ledgerlink/qbo'
import { select } from '@ledgerlink/qbo'
import { candidateQueryBuilder, customerByIdQuery, MAX_ROWS_PER_QUERY } from './customer-queries'
import type { CandidateQuery } from './matching-queries'

/** What to read: the linked customer's data, or the candidates of a matching plan. */
export type TabReadRequest =
  | { kind: 'linked'; realmId: string; customerId: string }
  | { kind: 'unlinked'; realmId: string; queries: readonly CandidateQuery[] }

/** What QBO returned, and when. */
export type TabSnapshot =
  | {
      kind: 'linked'
      /** Null when QBO no longer has the customer. */
      customer: Customer | null
      invoices: Invoice[]
      estimates: Estimate[]
      payments: Payment[]
      /** ISO time of the read. */
      readAt: string
    }
  | { kind: 'unlinked'; customers: Customer[]; readAt: string }

/**
 * Reads a tab snapshot. `refresh` asks a caching reader to go to QBO (the plain reader always does);
 * `workspaceId` names whose read it is, so a cache keeps workspaces apart.
 */
export type TabReader = (
  company: QboCompany,
  request: TabReadRequest,
  options?: { refresh?: boolean; workspaceId?: string },
) => Promise<TabSnapshot>

export type DocumentEntity = 'Invoice' | 'Estimate' | 'Payment'
export const DOCUMENT_ENTITIES: readonly DocumentEntity[] = ['Invoice', 'Estimate', 'Payment']

/**
 * Pages read after the first, at most: a customer with more than 21 000 documents of one kind shows the
 * newest ones.
 */
const MAX_EXTRA_PAGES = 20

/**
 * One page of the documents of one kind of one customer (`CustomerRef = …`) or of several (`CustomerRef IN
 * (…)`, the coalescer's shared reads), newest first with Id breaking ties so pages never overlap (QBO's default
 * order is unspecified, API-NOTES.md §3). Pages are QBO's largest (1000 rows); `startPosition` counts from 1.
 * @example
 * documentsQuery('Invoice', ['58'], 1) // select * from Invoice where CustomerRef = '58' orderby TxnDate desc, Id desc …
 */
export function documentsQuery(
  entity: DocumentEntity,
  customerIds: readonly string[],
  startPosition: number,
): BatchItem {
  const paging = { startPosition, maxResults: MAX_ROWS_PER_QUERY }
  const [only = ''] = customerIds
  const many = customerIds.length !== 1
  switch (entity) {
    case 'Invoice': {
      const query = select('Invoice')
      return {
        query: (many
          ? query.where('CustomerRef', 'in', [...customerIds])
          : query.where('CustomerRef', '=', only)
        )
          .orderBy('TxnDate', 'desc')
          .orderBy('Id', 'desc')
          .page(paging),
      }
    }
    case 'Estimate': {
      const query = select('Estimate')
      return {
        query: (many
          ? query.where('CustomerRef', 'in', [...customerIds])
          : query.where('CustomerRef', '=', only)
        )
          .orderBy('TxnDate', 'desc')
          .orderBy('Id', 'desc')
          .page(paging),
      }
    }
    case 'Payment': {
      const query = select('Payment')
      return {
        query: (many
          ? query.where('CustomerRef', 'in', [...customerIds])
          : query.where('CustomerRef', '=', only)
        )
          .orderBy('TxnDate', 'desc')
          .orderBy('Id', 'desc')
          .page(paging),
      }
    }
  }
}

/** Rows of a query item; a faulted item fails the whole read (the tab shows all or nothing). */
function rowsOf<T>(result: BatchItemResult | undefined): T[] {
  if (!result) return []
  if (!result.ok) throw result.error
  return 'rows' in result ? (result.rows as T[]) : []
}

/**
 * Reads the pages after the first of every kind whose last page was full: one more batch per round, only for
 * customers with more than 1000 documents of a kind (the tab otherwise stays one round trip).
 */
async function readRemainingPages(
  company: QboCompany,
  customerId: string,
  documents: unknown[][],
): Promise<void> {
  for (let page = 1; page <= MAX_EXTRA_PAGES; page++) {
    const full = DOCUMENT_ENTITIES.flatMap((_, index) =>
      documents[index]?.length === page * MAX_ROWS_PER_QUERY ? [index] : [],
    )
    if (full.length === 0) return
    const results = await company.batch(
      full.map((index) =>
        documentsQuery(DOCUMENT_ENTITIES[index] ?? 'Invoice', [customerId], page * MAX_ROWS_PER_QUERY + 1),
      ),
    )
    full.forEach((index, position) => {
      documents[index]?.push(...rowsOf<unknown>(results[position]))
    })
  }
}

/**
 * The reader that always asks QBO, in one batch request.
 * @example
 * const reader = createTabReader(() => new Date())
 * await reader(company, { kind: 'linked', realmId, customerId: '10' })
 */
export function createTabReader(now: () => Date = () => new Date()): TabReader {
  return async (company, request) => {
    if (request.kind === 'unlinked') {
      const readAt = now().toISOString()
      if (request.queries.length === 0) return { kind: 'unlinked', customers: [], readAt }
      const results = await company.batch(
        request.queries.map((spec) => ({ query: candidateQueryBuilder(spec) })),
      )
      const byId = new Map<string, Customer>()
      for (const result of results)
        for (const customer of rowsOf<Customer>(result)) byId.set(customer.Id ?? '', customer)
      return { kind: 'unlinked', customers: [...byId.values()], readAt }
    }
    const items: BatchItem[] = [
      { query: customerByIdQuery(request.customerId) },
      ...DOCUMENT_ENTITIES.map((entity) => documentsQuery(entity, [request.customerId], 1)),
    ]
    const readAt = now().toISOString()
    const [customers, ...firstPages] = await company.batch(items)
    const documents = DOCUMENT_ENTITIES.map((_, index) => rowsOf<unknown>(firstPages[index]))
    await readRemainingPages(company, request.customerId, documents)
    return {
      kind: 'linked',
      customer: rowsOf<Customer>(customers)[0] ?? null,
      invoices: documents[0] as Invoice[],
      estimates: documents[1] as Estimate[],
      payments: documents[2] as Payment[],
      readAt,
    }
  }
}
