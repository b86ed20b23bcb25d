import {
  QboAuthError,
  QboError,
  QboNetworkError,
  QboReconnectRequiredError,
  QboTimeoutError,
} from '../errors'

/** The `intuit_tid` header of an OAuth response (Intuit sends it there too, API-NOTES §1). */
export const tid = (response: Response) => response.headers.get('intuit_tid') ?? undefined

/** Runs a request, turning fetch failures into {@link QboNetworkError} / {@link QboTimeoutError}. */
export async function send(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request()
  } catch (err) {
    if (err instanceof QboError) throw err
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new QboTimeoutError('OAuth request timed out', { cause: err })
    }
    throw new QboNetworkError(`OAuth request failed: ${(err as Error)?.message ?? String(err)}`, {
      cause: err,
    })
  }
}

/** Maps a non-2xx OAuth response: 5xx is a network-class (retryable) error, `invalid_grant` needs a reconnect. */
export async function rejectErrorResponse(response: Response, realmId: string | undefined): Promise<void> {
  if (response.ok) return
  const intuitTid = tid(response)
  const httpStatus = response.status
  const text = await response.text().catch(() => '')
  if (httpStatus >= 500 || httpStatus === 429) {
    throw new QboNetworkError(`OAuth endpoint answered HTTP ${httpStatus}`, { httpStatus, intuitTid })
  }
  let error: string | undefined
  let description: string | undefined
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown }
    if (typeof body.error === 'string') error = body.error
    if (typeof body.error_description === 'string') description = body.error_description
  } catch {
    // Not JSON: report the status alone.
  }
  const message = `OAuth endpoint refused the request: ${error ?? `HTTP ${httpStatus}`}${description ? ` (${description})` : ''}`
  if (error === 'invalid_grant' && realmId !== undefined) {
    throw new QboReconnectRequiredError(realmId, message, { httpStatus, intuitTid, oauthError: error })
  }
  throw new QboAuthError(message, { httpStatus, intuitTid, oauthError: error })
}

export async function processed<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof QboError) throw err
    throw new QboAuthError(`OAuth response rejected: ${(err as Error)?.message ?? String(err)}`, {
      cause: err,
    })
  }
}
