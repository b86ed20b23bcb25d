/**
 * Allocation-free value helpers for the evaluator: instants from QBO date/datetime strings, case-insensitive
 * equality and `%` patterns. They run once per row on lists of up to 500,000 rows, so they avoid RegExp,
 * Date objects and temporary strings on the common (ASCII) path.
 */

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 86_400_000

function digits(text: string, start: number, count: number): number {
  let n = 0
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48
    if (c < 0 || c > 9) return Number.NaN
    n = n * 10 + c
  }
  return n
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm); cheaper than Date.UTC.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/**
 * Epoch milliseconds of `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff…]][Z|±HH:MM|±HHMM]`, or NaN.
 * A value without an offset (a bare date, or a datetime without zone) is read at `offsetMinutes` east of UTC.
 */
export function parseInstant(text: string, offsetMinutes: number): number {
  const len = text.length
  if (len < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY
  if (len === 10) return ms - offsetMinutes * MS_PER_MINUTE
  const t = text.charCodeAt(10)
  if ((t !== 84 && t !== 116) || len < 16 || text.charCodeAt(13) !== 58) return Number.NaN
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  if (!(hour <= 23 && minute <= 59)) return Number.NaN
  ms += (hour * 60 + minute) * MS_PER_MINUTE
  let i = 16
  if (text.charCodeAt(i) === 58) {
    const second = digits(text, i + 1, 2)
    if (!(second <= 59)) return Number.NaN
    ms += second * 1000
    i += 3
    if (text.charCodeAt(i) === 46) {
      i++
      let scale = 100
      const fractionStart = i
      while (i < len && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
        ms += (text.charCodeAt(i) - 48) * scale
        scale /= 10
        i++
      }
      if (i === fractionStart) return Number.NaN
      ms = Math.round(ms)
    }
  }
  if (i === len) return ms - offsetMinutes * MS_PER_MINUTE
  const z = text.charCodeAt(i)
  if ((z === 90 || z === 122) && i + 1 === len) return ms
  if (z !== 43 && z !== 45) return Number.NaN
  const zoneHour = digits(text, i + 1, 2)
  const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0
  const zoneMinute = digits(text, i + 3 + colon, 2)
  if (i + 5 + colon !== len || !(zoneHour <= 23 && zoneMinute <= 59)) return Number.NaN
  const zone = (zoneHour * 60 + zoneMinute) * (z === 43 ? 1 : -1)
  return ms - zone * MS_PER_MINUTE
}

/** Midnight, at `offsetMinutes` east of UTC, of the day `nowMs` falls on there. */
export function startOfDay(nowMs: number, offsetMinutes: number): number {
  const offsetMs = offsetMinutes * MS_PER_MINUTE
  return Math.floor((nowMs + offsetMs) / MS_PER_DAY) * MS_PER_DAY - offsetMs
}

/** A row's number: JSON numbers as-is, numeric strings converted, anything else NaN. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') return Number(value)
  return Number.NaN
}

/**
 * True when `value.toLowerCase() === lowerLiteral` (`lowerLiteral` already lower-cased). V8's toLowerCase
 * beats a hand-written ASCII folding loop here, so equality is defined and computed by it directly.
 */
export function equalsIgnoreCase(value: string, lowerLiteral: string): boolean {
  return value === lowerLiteral || value.toLowerCase() === lowerLiteral
}

/**
 * A matcher for a LIKE pattern where `%` stands for any run of characters (API-NOTES.md §3: `%` is the
 * only wildcard; `_` is literal). Matching is case-insensitive, on lower-cased text.
 */
export function compileLike(pattern: string): (value: string) => boolean {
  const parts = pattern.toLowerCase().split('%')
  if (parts.length === 1) {
    const literal = parts[0]!
    return (value) => equalsIgnoreCase(value, literal)
  }
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  const middle = parts.slice(1, -1).filter((p) => p !== '')
  const minLength = first.length + last.length + middle.reduce((n, p) => n + p.length, 0)
  return (value) => {
    const text = value.toLowerCase()
    if (text.length < minLength || !text.startsWith(first) || !text.endsWith(last)) return false
    let at = first.length
    const end = text.length - last.length
    for (const part of middle) {
      const found = text.indexOf(part, at)
      if (found < 0 || found + part.length > end) return false
      at = found + part.length
    }
    return true
  }
}
