/** One field-level validation problem reported by the server. */
export type FieldError = { path: string; message: string }

/** Every failed API call throws this: the server's `{error:{code,message,fields}}`, or a network problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Any further members of the server's error object (a conflict's fresh data, for example). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

type RequestOptions = {
  body?: unknown
  /** Sent as-is with this content type (for CSV uploads) instead of JSON. */
  rawBody?: { data: Blob | string; contentType: string }
  query?: Record<string, string | number | undefined | null>
  signal?: AbortSignal
}

let csrfToken: string | null = null
let onUnauthenticated: (() => void) | null = null

/** The session's CSRF token, sent on every state-changing request. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token
}

/** Called when any request answers 401 UNAUTHENTICATED (the session has ended): the app returns to sign-in. */
export const setUnauthenticatedHandler = (handler: (() => void) | null): void => {
  onUnauthenticated = handler
}

const buildUrl = (path: string, query: RequestOptions['query']): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `/api${path}${search ? `?${search}` : ''}`
}

const readError = async (response: Response): Promise<ApiError> => {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; fields?: FieldError[] } & Record<string, unknown>
    }
    if (body.error?.code) {
      const { code, message, fields, ...details } = body.error
      return new ApiError(response.status, code, message ?? 'Something went wrong.', fields ?? [], details)
    }
  } catch {
    // Not JSON (a proxy error page, for example): fall through to a generic message.
  }
  const message =
    response.status >= 500
      ? 'The server ran into a problem. Please try again in a moment.'
      : `The request failed (${response.status}).`
  return new ApiError(response.status, response.status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR', message)
}

/** The one fetch wrapper: same-origin cookies, JSON in and out, CSRF header, typed errors. */
export const request = async <T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (options.rawBody) {
    headers['content-type'] = options.rawBody.contentType
    body = options.rawBody.data
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.')
  }

  if (!response.ok) {
    const error = await readError(response)
    if (response.status === 401 && error.code === 'UNAUTHENTICATED') onUnauthenticated?.()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}
