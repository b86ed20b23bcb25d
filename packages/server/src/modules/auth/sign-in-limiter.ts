import { RateLimiterMemory } from 'rate-limiter-flexible'

export type SignInLimiter = {
  /** True when this IP + email may try again. */
  canTry: (ip: string, email: string) => Promise<boolean>
  recordFailure: (ip: string, email: string) => Promise<void>
  reset: (ip: string, email: string) => Promise<void>
}

/**
 * Counts failed sign-ins per IP + email within a window. In memory: a single process is the default deployment;
 * several processes sharing PostgreSQL would move this to rate-limiter-flexible's PostgreSQL store.
 */
export const createSignInLimiter = (options: { maxAttempts: number; windowMs: number }): SignInLimiter => {
  const limiter = new RateLimiterMemory({
    points: options.maxAttempts,
    duration: Math.max(1, Math.round(options.windowMs / 1000)),
  })
  const key = (ip: string, email: string) => `${ip}|${email.trim().toLowerCase()}`
  return {
    canTry: async (ip, email) => {
      const state = await limiter.get(key(ip, email))
      return !state || state.consumedPoints < options.maxAttempts
    },
    recordFailure: async (ip, email) => {
      await limiter.penalty(key(ip, email), 1)
    },
    reset: async (ip, email) => {
      await limiter.delete(key(ip, email))
    },
  }
}
