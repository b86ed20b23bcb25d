import './quickbooks-label.css'
import type { AnyRecord, RecordType } from '../../api'
import { useRecordLink } from './link-state-store'

/**
 * The QuickBooks tab's label with an icon showing the record's state: filled when the record is linked to a
 * customer (or, for opportunities and projects, to documents), outlined when not. The state is also in words
 * for screen readers, so the tab's name reads "QuickBooks, linked".
 */
export const QuickbooksTabLabel = ({ type, record }: { type: RecordType; record: AnyRecord }) => {
  const link = useRecordLink(type, record.id)
  const isLinked = Boolean(link && (link.link !== null || link.directDocuments > 0))
  const state = link === undefined ? 'unknown' : isLinked ? 'linked' : 'unlinked'
  const title = isLinked
    ? link?.link
      ? `Linked to ${link.link.displayName} in QuickBooks`
      : 'Linked to QuickBooks documents'
    : 'Not linked to QuickBooks'
  return (
    <span className="qb-tab-label">
      <span className={`qb-icon qb-icon-${state}`} aria-hidden="true" title={title}>
        qb
      </span>
      {/* One text for screen readers ("QuickBooks, linked"), so the tab's name does not depend on layout. */}
      <span aria-hidden="true">QuickBooks</span>
      <span className="visually-hidden">
        {link === undefined ? 'QuickBooks' : isLinked ? 'QuickBooks, linked' : 'QuickBooks, not linked'}
      </span>
    </span>
  )
}
