import { type Address, type DocumentFilter, isApiError, type QuickbooksDocumentType } from '../../api'

/** The Show filter's choices, in menu order. */
export const DOCUMENT_FILTER_LABELS: Record<DocumentFilter, string> = {
  all: 'All',
  invoices: 'Invoices',
  open_invoices: 'Open invoices',
  overdue_invoices: 'Overdue invoices',
  estimates: 'Estimates',
  payments: 'Payments',
}

export const DOCUMENT_TYPE_LABELS: Record<QuickbooksDocumentType, string> = {
  invoice: 'Invoice',
  estimate: 'Estimate',
  payment: 'Payment',
}

const STATUS_LABELS: Record<string, string> = {
  paid: 'Paid',
  open: 'Open',
  overdue: 'Overdue',
  partially_paid: 'Partially paid',
  voided: 'Voided',
  pending: 'Pending',
  accepted: 'Accepted',
  closed: 'Closed',
  rejected: 'Rejected',
  converted: 'Converted',
  applied: 'Applied',
  unapplied: 'Unapplied',
  partially_applied: 'Partially applied',
  deleted: 'Deleted in QuickBooks',
}

/** A document status in words; a status QuickBooks adds later is shown capitalised rather than hidden. */
export const documentStatusLabel = (status: string): string =>
  STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1).replaceAll('_', ' ')

const MINUTE_MS = 60_000
const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })

/** How fresh the figures are: "just now", "5 minutes ago", then a date and time. */
export const formatAsOf = (asOf: string, now: Date = new Date()): string => {
  const at = new Date(asOf)
  if (Number.isNaN(at.getTime())) return asOf
  const minutes = Math.floor((now.getTime() - at.getTime()) / MINUTE_MS)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`
  return timeFormat.format(at)
}

/** An ISO timestamp in the reader's time zone. */
export const formatTimestamp = (value: string | null | undefined): string => {
  if (!value) return '—'
  const at = new Date(value)
  return Number.isNaN(at.getTime()) ? value : timeFormat.format(at)
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

/** A QuickBooks calendar date (`2026-01-31` → "Jan 31, 2026"), never shifted by the reader's time zone. */
export const formatQuickbooksDate = (value: string | null | undefined): string => {
  if (!value) return '—'
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
}

/** An address as the lines one would write on an envelope. */
export const addressLines = (address: Address | null | undefined): string[] => {
  if (!address) return []
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ')
  return [...(address.street ?? '').split('\n'), cityLine, address.country ?? ''].filter((line) =>
    line.trim(),
  )
}

// Reason codes read `<what>-<how>` (`name-fuzzy`, `email-exact`); only the "what" goes into words here.
const REASON_LABELS: Record<string, string> = {
  name: 'name',
  email: 'email',
  domain: 'email domain',
  phone: 'phone',
  company: 'company name',
}

/** Why a candidate matched, in words ("Matched on name and email"). */
export const matchReasonText = (reasons: readonly string[]): string => {
  const words = [
    ...new Set(
      reasons.map((reason) => {
        const what = reason.split('-')[0] ?? reason
        return REASON_LABELS[what] ?? what.replaceAll('_', ' ')
      }),
    ),
  ]
  if (words.length === 0) return ''
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
  return `Matched on ${list}`
}

/** A match score (0–1, or already 0–100) as a whole percentage. */
export const scorePercent = (score: number): number => Math.round(score <= 1 ? score * 100 : score)

/** Lower-cased error codes: the server's own are snake_case, the CRM's older ones upper case. */
export const errorCodeOf = (error: unknown): string => (isApiError(error) ? error.code.toLowerCase() : '')

/** Any failure of a QuickBooks call in plain words, whatever went wrong. */
export const quickbooksErrorMessage = (error: unknown, fallback: string): string => {
  if (!isApiError(error)) return fallback
  switch (error.code.toLowerCase()) {
    case 'quickbooks_not_connected':
      return 'This workspace is not connected to QuickBooks.'
    case 'quickbooks_needs_reconnect':
      return 'The connection to QuickBooks has expired. An administrator needs to reconnect it in Settings → Integrations.'
    case 'quickbooks_busy':
      return 'QuickBooks is busy; try again in a minute.'
    case 'quickbooks_unavailable':
      return error.message || 'QuickBooks cannot be reached right now. Try again in a few minutes.'
    case 'network_error':
      return 'Could not reach Ledgerlink. Check your connection and try again.'
    default:
      return error.message || fallback
  }
}
