import type { CopyPreviewEntry, CopyValue } from '../../api'
import { addressLines } from './quickbooks-words'

/** A preview value in words: an address on one line, "(empty)" for nothing. */
export const copyValueText = (value: CopyValue): string => {
  if (value === null || value === '') return '(empty)'
  if (typeof value === 'string') return value
  return addressLines(value).join(', ') || '(empty)'
}

/** The fields that can be chosen: those that differ and whose new value the target accepts. */
export const selectableFields = (entries: readonly CopyPreviewEntry[]): Set<string> =>
  new Set(entries.filter((entry) => entry.isDifferent && !entry.problem).map((entry) => entry.field))

/**
 * The fresh preview sent with a `changed_meanwhile` conflict (the customer changed in QuickBooks between the
 * preview and the copy). Without usable entries the previous preview stays, so the dialog never empties.
 */
export const readChangedMeanwhile = (
  details: Record<string, unknown>,
  previous: { entries: CopyPreviewEntry[]; syncToken: string | null },
): { entries: CopyPreviewEntry[]; syncToken: string | null } => {
  const entries = Array.isArray(details.entries) ? (details.entries as CopyPreviewEntry[]) : previous.entries
  const syncToken = typeof details.syncToken === 'string' ? details.syncToken : previous.syncToken
  return { entries, syncToken }
}

/** "Copied phone and mobile phone to QuickBooks." */
export const copiedMessage = (
  entries: readonly CopyPreviewEntry[],
  copied: readonly string[],
  target: string,
) => {
  if (copied.length === 0) return `Nothing needed copying: ${target} already had these values.`
  const labels = copied.map((field) =>
    (entries.find((entry) => entry.field === field)?.label ?? field).toLowerCase(),
  )
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
  return `Copied ${list} to ${target}.`
}
