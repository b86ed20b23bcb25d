import { invalidRequestId } from '../faults'

/** A response as sent: replayed byte for byte on a repeated `requestid` (API-NOTES.md §1). */
export interface StoredResponse {
  status: number
  body: string
}

/** The `requestid` memory: per realm, the most recent `capacity` ids. */
export interface IdempotencyCache {
  get(realmId: string, requestId: string): StoredResponse | undefined
  set(realmId: string, requestId: string, response: StoredResponse): void
}

/** Printable ASCII without spaces; at most 50 characters (36 on batch). */
const REQUEST_ID = /^[\x21-\x7e]+$/

/**
 * Validates a `requestid` query value; throws 2130 when too long or malformed (API-NOTES.md §1).
 *
 * @example
 * checkRequestId('8b0c…', 50) // returns the id
 */
export function checkRequestId(value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !REQUEST_ID.test(value)) {
    throw invalidRequestId(max)
  }
  return value
}

/**
 * Creates the cache. How long Intuit remembers ids is unverified; the emulator keeps the last
 * `capacity` per realm for its lifetime.
 *
 * @example
 * const cache = createIdempotencyCache()
 * cache.set('123', 'req-1', { status: 200, body: '{}' })
 */
export function createIdempotencyCache(capacity = 100_000): IdempotencyCache {
  const realms = new Map<string, Map<string, StoredResponse>>()
  return {
    get: (realmId, requestId) => realms.get(realmId)?.get(requestId),
    set(realmId, requestId, response) {
      let ids = realms.get(realmId)
      if (!ids) {
        ids = new Map()
        realms.set(realmId, ids)
      }
      ids.set(requestId, response)
      if (ids.size > capacity) {
        const oldest = ids.keys().next().value
        if (oldest !== undefined) ids.delete(oldest)
      }
    },
  }
}
