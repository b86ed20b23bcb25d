/**
 * Request counts per company and per endpoint (`customer.read`, `query`, `batch`, …).
 *
 * @example
 * emulator.stats().byRealm['9130357766900456']?.byEndpoint['customer.read']
 */
export interface StatsSnapshot {
  total: number
  byRealm: Record<string, { total: number; byEndpoint: Record<string, number> }>
  byEndpoint: Record<string, number>
  tokenRequests: number
}

/**
 * Counts Accounting API requests.
 *
 * @example
 * stats.count('9130357766900456', 'query')
 */
export interface StatsCounter {
  count(realmId: string, endpoint: string): void
  snapshot(tokenRequests: number): StatsSnapshot
  /** Clears the counts; `tokenRequests` is the OAuth server's current count, the new baseline. */
  reset(tokenRequests: number): void
}

/**
 * Creates the counter.
 *
 * @example
 * const stats = createStatsCounter()
 * stats.count('123', 'customer.read')
 */
export function createStatsCounter(): StatsCounter {
  let total = 0
  let byRealm = new Map<string, { total: number; byEndpoint: Map<string, number> }>()
  let byEndpoint = new Map<string, number>()
  let tokenBase = 0
  return {
    count(realmId, endpoint) {
      total++
      byEndpoint.set(endpoint, (byEndpoint.get(endpoint) ?? 0) + 1)
      let realm = byRealm.get(realmId)
      if (!realm) {
        realm = { total: 0, byEndpoint: new Map() }
        byRealm.set(realmId, realm)
      }
      realm.total++
      realm.byEndpoint.set(endpoint, (realm.byEndpoint.get(endpoint) ?? 0) + 1)
    },
    snapshot(tokenRequests) {
      const realms: StatsSnapshot['byRealm'] = {}
      for (const [id, r] of byRealm)
        realms[id] = { total: r.total, byEndpoint: Object.fromEntries(r.byEndpoint) }
      return {
        total,
        byRealm: realms,
        byEndpoint: Object.fromEntries(byEndpoint),
        tokenRequests: Math.max(0, tokenRequests - tokenBase),
      }
    },
    reset(tokenRequests) {
      total = 0
      byRealm = new Map()
      byEndpoint = new Map()
      // Token requests are counted by the OAuth server; a reset moves the baseline.
      tokenBase = tokenRequests
    },
  }
}
