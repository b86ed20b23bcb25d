import type { Clock } from '../clock'
import { formatDate } from '../store'

const DAY_MS = 86_400_000

/**
 * Calendar arithmetic for seed data: every date is relative to the company's "today", so a seed made on any
 * day has invoices in every aging bucket (current, 1–30, 31–60, 61–90, over 90 days overdue).
 */
export interface SeedCalendar {
  /** The company's date today (`YYYY-MM-DD`). */
  today: string
  /** The date `days` days before today (negative values lie in the future). */
  daysAgo(days: number): string
}

/**
 * `YYYY-MM-DD` plus `days` days.
 *
 * @example
 * shiftDate('2026-11-24', -30) // '2026-10-25'
 */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/**
 * The calendar of a seed run, from the emulator's clock (company time zone, like QBO's TxnDate default).
 *
 * @example
 * const calendar = seedCalendar(createClock())
 * calendar.daysAgo(45) // the due date of an invoice 45 days overdue
 */
export function seedCalendar(clock: Clock): SeedCalendar {
  const today = formatDate(clock.now())
  return { today, daysAgo: (days) => shiftDate(today, -days) }
}
