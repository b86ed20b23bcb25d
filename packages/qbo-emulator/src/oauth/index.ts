/**
 * The emulated Intuit OAuth 2.0 / OpenID Connect server (API-NOTES.md §10).
 */
export { OAuthIssueError } from './issue-error'
export { createOAuthServer } from './server'
export type {
  AccessTokenInfo,
  OAuthClientConfig,
  OAuthFaultEndpoint,
  OAuthFaultKind,
  OAuthInjectedFault,
  OAuthServer,
  OAuthServerOptions,
  TokenResponse,
} from './types'
