import type { AccessGrant, TokenManager } from '../auth/refresh'
import { QboNetworkError, QboTimeoutError } from '../errors'
import type { QboLogger } from '../logger'
import { faultFromBody } from './faults'
import { parseQboJson, stringifyQboJson } from './json'
import { classify, type Outcome } from './outcome'
import type { RateLimiter } from './rate-limit'
import { decideRetry, type ResolvedRetryOptions } from './retry'

/** Everything the request pipeline needs, fixed when the client is created. */
export interface TransportContext {
  accountingBaseUrl: string
  fetch: typeof fetch
  now: () => number
  sleep: (ms: number) => Promise<void>
  logger: QboLogger
  retry: ResolvedRetryOptions
  timeoutMs: number
  minorVersion: string
  limiter: RateLimiter
  tokens: TokenManager
}

/** One accounting API call, relative to `/v3/company/{realmId}/`. */
export interface QboRequest {
  realmId: string
  method: 'GET' | 'POST'
  /** Path below the company, e.g. `customer/58` or `query`. */
  path: string
  params?: Record<string, string>
  /** JSON body (amount strings are written as JSON numbers) or a query statement to POST as text. */
  body?: { json: unknown } | { text: string }
  /** Reads are always retried; writes only when they carry a `requestId` (QBO replays, never re-executes). */
  isWrite: boolean
  requestId?: string
  isBatch?: boolean
  cost?: number
  signal?: AbortSignal
}

/** A successful call: the parsed body and Intuit's transaction id. */
export interface QboResponse {
  body: unknown
  intuitTid: string | undefined
  httpStatus: number
}

const isTimeout = (err: unknown) =>
  err instanceof Error &&
  (err.name === 'TimeoutError' || (err.cause instanceof Error && err.cause.name === 'TimeoutError'))

/**
 * Sends a request through the limiter with auth, timeout, 401 refresh-and-replay and retries.
 * Every call carries `minorversion=75` and `Accept: application/json` (API-NOTES §1), and logs `intuit_tid`.
 */
export async function sendQboRequest(ctx: TransportContext, req: QboRequest): Promise<QboResponse> {
  const started = ctx.now()
  let renewed: AccessGrant | undefined
  let hasReplayed401 = false
  for (let attempt = 1; ; attempt++) {
    const release = await ctx.limiter.acquire(req.realmId, {
      batch: req.isBatch === true,
      cost: req.cost ?? 1,
    })
    let outcome: Outcome
    let grant: AccessGrant
    try {
      // Read the token per attempt: a request may have waited in the limiter or in backoff for minutes.
      grant = renewed ?? (await ctx.tokens.accessToken(req.realmId))
      renewed = undefined
      outcome = await attemptOnce(ctx, req, grant)
    } finally {
      await release()
    }
    switch (outcome.kind) {
      case 'ok':
        return outcome.response
      case 'fatal':
        throw outcome.error
      case 'unauthorized':
        // QBO: a 401 usually means the access token expired early or was revoked; refresh once and replay
        // once (API-NOTES §10). The replay does not count as a retry.
        if (hasReplayed401) throw outcome.error
        hasReplayed401 = true
        ctx.logger.info(
          { realmId: req.realmId, intuitTid: outcome.error.intuitTid },
          'qbo 401, refreshing and replaying',
        )
        renewed = await ctx.tokens.afterRejection(req.realmId, grant)
        attempt--
        continue
      case 'retryable': {
        const mayRetry = !req.isWrite || req.requestId !== undefined
        const decision = mayRetry
          ? decideRetry(
              {
                attempt,
                elapsedMs: ctx.now() - started,
                throttled: outcome.throttled,
                retryAfterMs: outcome.retryAfterMs,
              },
              ctx.retry,
            )
          : ({ retry: false } as const)
        if (!decision.retry) throw outcome.error
        ctx.logger.warn(
          {
            realmId: req.realmId,
            path: req.path,
            attempt,
            delayMs: decision.delayMs,
            intuitTid: outcome.error.intuitTid,
            error: outcome.error.name,
            httpStatus: outcome.error.httpStatus,
          },
          'qbo request failed, retrying',
        )
        await sleepUnlessAborted(ctx.sleep, decision.delayMs, req.signal)
      }
    }
  }
}

/** Waits `ms`, but gives up as soon as the caller aborts (a throttle wait can last a minute). */
async function sleepUnlessAborted(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
) {
  if (!signal) return sleep(ms)
  signal.throwIfAborted()
  let onAbort!: () => void
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    await Promise.race([sleep(ms), aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

function buildUrl(ctx: TransportContext, req: QboRequest): string {
  const url = new URL(`${ctx.accountingBaseUrl}/v3/company/${encodeURIComponent(req.realmId)}/${req.path}`)
  for (const [k, v] of Object.entries(req.params ?? {})) url.searchParams.set(k, v)
  url.searchParams.set('minorversion', ctx.minorVersion)
  if (req.requestId !== undefined) url.searchParams.set('requestid', req.requestId)
  return url.href
}

async function attemptOnce(ctx: TransportContext, req: QboRequest, grant: AccessGrant): Promise<Outcome> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${grant.accessToken}`,
    accept: 'application/json',
  }
  let body: string | undefined
  if (req.body && 'json' in req.body) {
    headers['content-type'] = 'application/json'
    try {
      body = stringifyQboJson(req.body.json)
    } catch (err) {
      return { kind: 'fatal', error: err }
    }
  } else if (req.body) {
    headers['content-type'] = 'application/text'
    body = req.body.text
  }
  const timeout = AbortSignal.timeout(ctx.timeoutMs)
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout
  const t0 = ctx.now()
  let response: Response
  let text: string
  try {
    response = await ctx.fetch(buildUrl(ctx, req), { method: req.method, headers, body, signal })
    text = await response.text()
  } catch (err) {
    if (req.signal?.aborted) return { kind: 'fatal', error: req.signal.reason ?? err }
    if (timeout.aborted || isTimeout(err)) {
      const error = new QboTimeoutError(`${req.method} ${req.path} timed out after ${ctx.timeoutMs} ms`, {
        cause: err,
        timeoutMs: ctx.timeoutMs,
      })
      return { kind: 'retryable', error, throttled: false, retryAfterMs: undefined }
    }
    const error = new QboNetworkError(
      `${req.method} ${req.path} failed: ${(err as Error)?.message ?? String(err)}`,
      {
        cause: err,
      },
    )
    return { kind: 'retryable', error, throttled: false, retryAfterMs: undefined }
  }
  const httpStatus = response.status
  const intuitTid = response.headers.get('intuit_tid') ?? undefined
  ctx.logger.debug(
    { realmId: req.realmId, method: req.method, path: req.path, httpStatus, intuitTid, ms: ctx.now() - t0 },
    'qbo request',
  )
  let parsed: unknown
  let isParsed = false
  try {
    parsed = text === '' ? undefined : parseQboJson(text)
    isParsed = text !== ''
  } catch {
    parsed = undefined
  }
  const fault = faultFromBody(parsed, { httpStatus, intuitTid })
  return classify(
    req,
    { httpStatus, intuitTid, parsed, isParsed, fault, retryAfter: response.headers.get('retry-after') },
    { now: ctx.now, throttleDelayMs: ctx.retry.throttleDelayMs },
  )
}
