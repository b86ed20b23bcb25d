import { randomBytes } from 'node:crypto'

let lastMs = 0
let counter = 0

/**
 * A new opaque id that sorts by creation time (12 hex digits of milliseconds, a 4-digit counter, 10 random hex),
 * so history entries created in the same millisecond still list newest first.
 */
export const newId = (): string => {
  const now = Date.now()
  if (now === lastMs) counter = (counter + 1) & 0xffff
  else {
    lastMs = now
    counter = 0
  }
  return `${now.toString(16).padStart(12, '0')}${counter.toString(16).padStart(4, '0')}${randomBytes(5).toString('hex')}`
}
