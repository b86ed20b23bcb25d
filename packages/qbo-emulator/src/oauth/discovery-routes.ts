import type { FastifyInstance } from 'fastify'
import { issuerOf, type OAuthContext } from './context'

/**
 * The discovery document: the keys and supported lists of Intuit's (fixture oauth-discovery-sandbox.json),
 * every endpoint on the emulator's own origin.
 *
 * @example
 * discoveryDocument('http://127.0.0.1:4010').token_endpoint // 'http://127.0.0.1:4010/oauth2/v1/tokens/bearer'
 */
export function discoveryDocument(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '')
  return {
    issuer: issuerOf(base),
    authorization_endpoint: `${base}/connect/oauth2`,
    token_endpoint: `${base}/oauth2/v1/tokens/bearer`,
    userinfo_endpoint: `${base}/v1/openid_connect/userinfo`,
    revocation_endpoint: `${base}/oauth2/v1/tokens/revoke`,
    jwks_uri: `${base}/op/v1/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
  }
}

/** Intuit serves the same document under several names (API-NOTES.md §10, "Endpoints"). */
const DISCOVERY_PATHS = [
  '/.well-known/openid-configuration',
  '/.well-known/openid_configuration',
  '/.well-known/openid_sandbox_configuration',
  '/.well-known/openid-sandbox-configuration',
]

/**
 * Discovery (under Intuit's aliases) and `GET /op/v1/jwks`.
 *
 * @example
 * registerDiscoveryRoutes(instance, context)
 */
export function registerDiscoveryRoutes(app: FastifyInstance, context: OAuthContext): void {
  for (const path of DISCOVERY_PATHS) {
    app.get(path, async (_request, reply) =>
      reply.type('application/json').send(discoveryDocument(context.baseUrl())),
    )
  }
  app.get('/op/v1/jwks', async (_request, reply) => reply.type('application/json').send(context.keys.jwks()))
}
