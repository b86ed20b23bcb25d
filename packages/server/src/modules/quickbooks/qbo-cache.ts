/**
 * A per-company cache of QBO reads (DESIGN.md §1.3: caches are only caches). Entries are keyed by
 * (workspace, realm, key), remember what was read and when (`asOf`), are fresh for a configurable window, and
 * carry tags (`Customer:42`, `documents-of:42`, see qbo-cache-tags.ts) by which webhooks and change data
 * capture invalidate them. Concurrent misses for one key share one load (no thundering herd on QBO's limits,
 * API-NOTES §9). Memory is bounded by entry count and approximate bytes, least recently used first out.
 *
 * Nothing is ever written to QBO or to CRM records from here: a load is a read the caller supplies.
 */

/** Which company's data, as seen by which workspace. */
export type CacheScope = { workspaceId: string; realmId: string }

export type CacheReadOptions<T> = {
  /** Skip a fresh entry and read again (the tab's refresh button); the new value replaces the entry. */
  bypass?: boolean
  /** Tags of the value, by which an invalidation finds it. */
  tags?: (value: T) => readonly string[]
}

export type CacheRead<T> = {
  value: T
  /** ISO time the value was read from QBO (when its load started). */
  asOf: string
  /** True when served from the cache without a load. */
  cached: boolean
}

/** The tag every entry answers to: an invalidation carrying it drops all entries of the realm (and workspace). */
export const ALL_ENTRIES_TAG = '*'

/** A request to drop entries: those of `realmId` (and `workspaceId`, when given) carrying any of `tags`. */
export type CacheInvalidation = { realmId: string; workspaceId?: string | null; tags: readonly string[] }

export type QboCacheOptions = {
  /** How long a read stays fresh (default 60 s). */
  freshnessMs?: number
  /** At most this many entries (default 5,000). */
  maxEntries?: number
  /** At most about this many bytes of values, measured as JSON text (default 64 MB). */
  maxBytes?: number
  now?: () => number
  /** Size of a value in bytes (default: the length of its JSON text). */
  sizeOf?: (value: unknown) => number
}

export type QboCacheStats = { entries: number; bytes: number; hits: number; misses: number; loads: number }

export type QboCache = {
  read<T>(
    scope: CacheScope,
    key: string,
    load: () => Promise<T>,
    options?: CacheReadOptions<T>,
  ): Promise<CacheRead<T>>
  /** Drops matching entries in this process; returns how many. Loads in progress for the realm are not kept. */
  invalidate(invalidation: CacheInvalidation): number
  /** Drops every entry of a realm (all workspaces), e.g. after a gap in change notifications. */
  invalidateRealm(realmId: string): number
  stats(): QboCacheStats
  clear(): void
}

type Entry = {
  id: string
  scope: CacheScope
  value: unknown
  loadedAt: number
  bytes: number
  tags: readonly string[]
}

const DEFAULTS = { freshnessMs: 60_000, maxEntries: 5_000, maxBytes: 64 * 1024 * 1024 }

const jsonSize = (value: unknown): number => {
  try {
    return JSON.stringify(value)?.length ?? 0
  } catch {
    return 0
  }
}

const entryId = (scope: CacheScope, key: string) => `${scope.workspaceId}\u0000${scope.realmId}\u0000${key}`

/**
 * Creates the cache (one per server process; processes share invalidations through cache-invalidation.ts).
 * @example
 * const cache = createQboCache({ freshnessMs: 60_000 })
 * const { value, asOf } = await cache.read({ workspaceId, realmId }, 'customer:42', () => company.customers.read('42'), {
 *   tags: () => ['Customer:42'],
 * })
 */
export const createQboCache = (options: QboCacheOptions = {}): QboCache => {
  const freshnessMs = options.freshnessMs ?? DEFAULTS.freshnessMs
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULTS.maxEntries)
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes
  const now = options.now ?? Date.now
  const sizeOf = options.sizeOf ?? jsonSize

  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry>()
  // realm → tag → entry ids, so an invalidation touches only what it names.
  const byTag = new Map<string, Map<string, Set<string>>>()
  const inFlight = new Map<string, Promise<{ value: unknown; loadedAt: number }>>()
  // Bumped by every invalidation of a realm: a load that started before one must not be stored as fresh.
  const epochs = new Map<string, number>()
  const counters = { hits: 0, misses: 0, loads: 0 }
  let bytes = 0

  const epochOf = (realmId: string) => epochs.get(realmId) ?? 0

  const remove = (id: string) => {
    const entry = entries.get(id)
    if (!entry) return
    entries.delete(id)
    bytes -= entry.bytes
    const tags = byTag.get(entry.scope.realmId)
    if (!tags) return
    for (const tag of entry.tags) {
      const ids = tags.get(tag)
      ids?.delete(id)
      if (ids?.size === 0) tags.delete(tag)
    }
    if (tags.size === 0) byTag.delete(entry.scope.realmId)
  }

  const evictOverLimits = () => {
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      remove(oldest)
    }
  }

  /**
   * Measures a stored entry once the answer that loaded it is on its way: sizing a tab of 300 documents (its
   * JSON text) takes milliseconds the user would otherwise wait for. Until then the entry counts as 0 bytes.
   */
  const measureLater = (entry: Entry, value: unknown) => {
    setImmediate(() => {
      if (entries.get(entry.id) !== entry) return
      const size = sizeOf(value)
      if (size > maxBytes) {
        remove(entry.id)
        return
      }
      entry.bytes = size
      bytes += size
      evictOverLimits()
    })
  }

  const store = (entry: Entry) => {
    remove(entry.id)
    if (entry.bytes > maxBytes) return
    entries.set(entry.id, entry)
    bytes += entry.bytes
    let tags = byTag.get(entry.scope.realmId)
    if (!tags) {
      tags = new Map()
      byTag.set(entry.scope.realmId, tags)
    }
    for (const tag of entry.tags) {
      let ids = tags.get(tag)
      if (!ids) {
        ids = new Set()
        tags.set(tag, ids)
      }
      ids.add(entry.id)
    }
    evictOverLimits()
  }

  const bumpEpoch = (realmId: string) => epochs.set(realmId, epochOf(realmId) + 1)

  const cache: QboCache = {
    async read<T>(
      scope: CacheScope,
      key: string,
      load: () => Promise<T>,
      readOptions: CacheReadOptions<T> = {},
    ): Promise<CacheRead<T>> {
      const id = entryId(scope, key)
      const entry = entries.get(id)
      if (!readOptions.bypass && entry && now() - entry.loadedAt < freshnessMs) {
        counters.hits++
        // Most recently used goes last.
        entries.delete(id)
        entries.set(id, entry)
        return { value: entry.value as T, asOf: new Date(entry.loadedAt).toISOString(), cached: true }
      }
      counters.misses++
      let pending = readOptions.bypass ? undefined : inFlight.get(id)
      if (!pending) {
        const startedAt = now()
        const epoch = epochOf(scope.realmId)
        counters.loads++
        const started = (async () => {
          const value = await load()
          if (epochOf(scope.realmId) === epoch) {
            const tags = readOptions.tags ? [...new Set(readOptions.tags(value))] : []
            const entry: Entry = { id, scope, value, loadedAt: startedAt, bytes: 0, tags }
            store(entry)
            measureLater(entry, value)
          }
          return { value: value as unknown, loadedAt: startedAt }
        })()
        pending = started
        inFlight.set(id, started)
        const forget = () => {
          if (inFlight.get(id) === started) inFlight.delete(id)
        }
        started.then(forget, forget)
      }
      const loaded = await pending
      return { value: loaded.value as T, asOf: new Date(loaded.loadedAt).toISOString(), cached: false }
    },

    invalidate({ realmId, workspaceId, tags }) {
      bumpEpoch(realmId)
      if (tags.includes(ALL_ENTRIES_TAG)) {
        const doomed = [...entries.values()].filter(
          (e) => e.scope.realmId === realmId && (!workspaceId || e.scope.workspaceId === workspaceId),
        )
        for (const e of doomed) remove(e.id)
        return doomed.length
      }
      const index = byTag.get(realmId)
      if (!index) return 0
      const doomed = new Set<string>()
      for (const tag of tags) {
        for (const id of index.get(tag) ?? []) {
          if (!workspaceId || entries.get(id)?.scope.workspaceId === workspaceId) doomed.add(id)
        }
      }
      for (const id of doomed) remove(id)
      return doomed.size
    },

    invalidateRealm(realmId) {
      return cache.invalidate({ realmId, tags: [ALL_ENTRIES_TAG] })
    },

    stats: () => ({ entries: entries.size, bytes, ...counters }),

    clear() {
      for (const entry of entries.values()) bumpEpoch(entry.scope.realmId)
      for (const realmId of epochs.keys()) bumpEpoch(realmId)
      entries.clear()
      byTag.clear()
      bytes = 0
    },
  }
  return cache
}
