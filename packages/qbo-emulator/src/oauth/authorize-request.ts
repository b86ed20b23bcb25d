import { readParams } from './params'
import { parseScopes, scopeProblem } from './scopes'
import type { OAuthClientConfig } from './types'

/**
 * A validated authorization request.
 *
 * @example
 * const { client, redirectUri, scopes, state }: AuthorizeRequest = check.request
 */
export interface AuthorizeRequest {
  client: OAuthClientConfig
  redirectUri: string
  scopes: string[]
  state: string
}

/**
 * The verdict on an authorization request: go ahead, show an error page (nothing trustworthy to redirect
 * to), or redirect back with an `error` (RFC 6749 §4.1.2.1).
 *
 * @example
 * const check: AuthorizeCheck = checkAuthorizeRequest(request.query, clients)
 */
export type AuthorizeCheck =
  | { kind: 'ok'; request: AuthorizeRequest }
  | { kind: 'page-error'; message: string }
  | { kind: 'redirect-error'; location: string }

/**
 * The authorize parameters, as carried through the consent form.
 *
 * @example
 * readParams(request.body, AUTHORIZE_PARAMS)
 */
export const AUTHORIZE_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'] as const

/**
 * `redirectUri` with `params` added to its query (existing query parameters are kept).
 *
 * @example
 * callbackUrl('http://localhost:3000/cb', { code: 'AB11…', state: 's', realmId: '1' })
 * // 'http://localhost:3000/cb?code=AB11…&state=s&realmId=1'
 */
export function callbackUrl(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri)
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(name, value)
  return url.toString()
}

/**
 * Validates an authorization request (API-NOTES.md §10, "Authorization request / callback"). Client and
 * redirect URI come first and never redirect; then `response_type`, `state` (Intuit requires it) and
 * `scope` (must include the accounting scope; unknown scopes are refused).
 *
 * @example
 * const check = checkAuthorizeRequest(request.query, clients)
 * if (check.kind === 'redirect-error') return reply.redirect(check.location)
 */
export function checkAuthorizeRequest(
  source: unknown,
  clients: ReadonlyMap<string, OAuthClientConfig>,
): AuthorizeCheck {
  const params = readParams(source, AUTHORIZE_PARAMS)
  if (!params.ok) return { kind: 'page-error', message: params.problem }
  const { client_id, redirect_uri, response_type, scope, state } = params.values
  if (client_id === undefined) return { kind: 'page-error', message: 'The request has no client_id.' }
  const client = clients.get(client_id)
  if (client === undefined) return { kind: 'page-error', message: 'The client_id is not a registered app.' }
  if (redirect_uri === undefined) return { kind: 'page-error', message: 'The request has no redirect_uri.' }
  if (!client.redirectUris.includes(redirect_uri)) {
    return { kind: 'page-error', message: 'The redirect_uri is not registered for this app.' }
  }
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: 'redirect-error',
    location: callbackUrl(redirect_uri, { error, error_description: description, state }),
  })
  if (response_type === undefined) return fail('invalid_request', 'Missing parameter: response_type')
  if (response_type !== 'code')
    return fail('unsupported_response_type', 'Only response_type=code is supported')
  if (state === undefined) return fail('invalid_request', 'Missing parameter: state')
  if (scope === undefined) return fail('invalid_scope', 'Missing parameter: scope')
  const scopes = parseScopes(scope)
  const problem = scopeProblem(scopes)
  if (problem !== undefined) return fail('invalid_scope', problem)
  return { kind: 'ok', request: { client, redirectUri: redirect_uri, scopes, state } }
}
