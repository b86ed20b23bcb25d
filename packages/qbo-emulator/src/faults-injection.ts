import type { FaultOptions, InjectedFaultKind } from './options'

/**
 * An injected failure chosen for one request. `status` is set for `5xx` (500 or 503).
 *
 * @example
 * const fault: InjectedFault = { kind: '5xx', status: 503 }
 */
export interface InjectedFault {
  kind: InjectedFaultKind
  status?: 500 | 503
}

/**
 * Where a request is: the Accounting API or one of the OAuth endpoints.
 *
 * @example
 * injector.shouldInject('token')
 */
export type FaultScope = 'accounting' | 'token' | 'revoke' | 'userinfo'

/**
 * Decides, per request, whether to inject a failure.
 *
 * @example
 * if (injector.shouldInject('accounting')?.kind === 'reset') socket.destroy()
 */
export interface FaultInjector {
  configure(options: FaultOptions | undefined): void
  /** The failure to inject into this request, if any. Deterministic for a given `randomSeed`. */
  shouldInject(scope: FaultScope): InjectedFault | undefined
}

/** mulberry32: a tiny, fast, seedable generator (determinism for tests, not security). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Creates the fault injector.
 *
 * @example
 * const injector = createFaultInjector({ randomSeed: 42 })
 * injector.configure({ rate: 1, kinds: ['5xx'] })
 * injector.shouldInject('accounting') // { kind: '5xx', status: 503 } or 500
 */
export function createFaultInjector(
  opts: { randomSeed?: number; faults?: FaultOptions } = {},
): FaultInjector {
  const random = opts.randomSeed === undefined ? Math.random : seededRandom(opts.randomSeed)
  const usable = (options: FaultOptions | undefined) =>
    options && options.rate > 0 && options.kinds.length > 0 ? options : undefined
  let current = usable(opts.faults)
  return {
    configure(options) {
      current = usable(options)
    },
    shouldInject(scope) {
      if (!current) return undefined
      const paths = current.paths ?? 'all'
      if (paths === 'accounting' && scope !== 'accounting') return undefined
      if (paths === 'oauth' && scope === 'accounting') return undefined
      if (random() >= current.rate) return undefined
      const kind = current.kinds[Math.floor(random() * current.kinds.length)] ?? current.kinds[0]!
      if (kind === '5xx') return { kind, status: random() < 0.5 ? 503 : 500 }
      return { kind }
    },
  }
}
