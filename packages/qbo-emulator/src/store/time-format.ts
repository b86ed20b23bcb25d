/**
 * QBO writes DateTimes with the company's UTC offset (`2026-11-24T08:15:00-08:00`) and dates as
 * `YYYY-MM-DD` in the company's time zone (API-NOTES.md §1). Every emulated company lives in
 * America/Los_Angeles, like Intuit's sandbox samples.
 */

const ZONE = 'America/Los_Angeles'
const HOUR_MS = 3_600_000
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
// The offset only changes on the hour, so it is cached per hour: the request path formats `time` on
// every response and must stay cheap.
const offsetCache = new Map<number, number>()

/**
 * The company zone's UTC offset at `epochMs`, in minutes.
 *
 * @example
 * offsetMinutes(Date.parse('2026-11-24T16:15:00Z')) // -480
 */
export function offsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS)
  const cached = offsetCache.get(hour)
  if (cached !== undefined) return cached
  const name = offsetFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0
  if (offsetCache.size > 10_000) offsetCache.clear()
  offsetCache.set(hour, minutes)
  return minutes
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function local(epochMs: number): { date: Date; offset: string } {
  const minutes = offsetMinutes(epochMs)
  const abs = Math.abs(minutes)
  const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  return { date: new Date(epochMs + minutes * 60_000), offset }
}

function datePart(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/**
 * A MetaData DateTime: seconds precision with offset.
 *
 * @example
 * formatDateTime(Date.parse('2026-11-24T16:15:00Z')) // '2026-11-24T08:15:00-08:00'
 */
export function formatDateTime(epochMs: number): string {
  const { date, offset } = local(epochMs)
  return `${datePart(date)}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${offset}`
}

/**
 * The response `time` member: milliseconds with offset.
 *
 * @example
 * formatResponseTime(Date.parse('2026-11-24T16:15:00.123Z')) // '2026-11-24T08:15:00.123-08:00'
 */
export function formatResponseTime(epochMs: number): string {
  const { date, offset } = local(epochMs)
  return `${datePart(date)}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}${offset}`
}

/**
 * The company's calendar date at `epochMs`.
 *
 * @example
 * formatDate(Date.parse('2026-11-24T05:00:00Z')) // '2026-11-23'
 */
export function formatDate(epochMs: number): string {
  return datePart(local(epochMs).date)
}

/**
 * Adds days to a `YYYY-MM-DD` date.
 *
 * @example
 * addDays('2015-07-24', 30) // '2015-08-23'
 */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return datePart(new Date(ms))
}

/**
 * Whether a value is a real `YYYY-MM-DD` date.
 *
 * @example
 * isDate('2026-02-30') // false
 */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const ms = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(ms) && datePart(new Date(ms)) === value
}
