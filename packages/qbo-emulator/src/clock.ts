/**
 * The emulator's notion of time. Token lifetimes, MetaData times, CDC windows and rate-limit
 * windows all read this clock, so tests can move time forward instead of waiting.
 *
 * @example
 * const clock = createClock()
 * clock.advance(3601_000) // every access token issued before this call is now expired
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, like `Date.now()`. */
  now(): number
}

/** A clock that follows real time plus an offset that tests can move. */
export interface ControllableClock extends Clock {
  /** Moves time forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void
  /** Sets the current time to `epochMs`; real time keeps flowing from there. */
  set(epochMs: number): void
  /** The offset from real time, in milliseconds. */
  offsetMs(): number
}

/**
 * Creates a controllable clock that starts at real time (or at `startMs`).
 *
 * @example
 * const clock = createClock({ startMs: Date.parse('2026-01-15T09:00:00Z') })
 * clock.now() // ≈ 2026-01-15T09:00:00Z, and ticking
 */
export function createClock(options: { startMs?: number; realNow?: () => number } = {}): ControllableClock {
  const realNow = options.realNow ?? Date.now
  let offset = options.startMs === undefined ? 0 : options.startMs - realNow()
  return {
    now: () => realNow() + offset,
    advance(ms) {
      offset += ms
    },
    set(epochMs) {
      offset = epochMs - realNow()
    },
    offsetMs: () => offset,
  }
}
