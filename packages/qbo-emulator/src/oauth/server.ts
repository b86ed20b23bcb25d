import { createConsentForms } from './consent-forms'
import { issuerOf, type OAuthContext } from './context'
import { EMULATOR_USER } from './emulator-user'
import { createFaultRunner } from './fault-injection'
import { OAuthIssueError } from './issue-error'
import { registerOAuthRoutes } from './plugin'
import { parseRegistrySnapshot } from './registry-snapshot'
import { DEFAULT_ISSUED_SCOPES, scopeProblem } from './scopes'
import { createSigningKeys } from './signing-key'
import { createTokenRegistry } from './token-registry'
import { buildTokenResponse } from './token-response'
import type { OAuthServer, OAuthServerOptions } from './types'

const SNAPSHOT_VERSION = 1

/**
 * Creates the emulated Intuit OAuth 2.0 / OpenID Connect server (API-NOTES.md §10): discovery, consent page,
 * token endpoint with refresh-token rotation, revoke, userinfo and JWKS, all timed by `options.clock`.
 *
 * @example
 * const clock = createClock()
 * const oauth = createOAuthServer({
 *   clock,
 *   clients: [{ clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret', redirectUris: ['http://localhost:3000/api/quickbooks/callback'] }],
 *   companies: () => [{ realmId: '9130357766900456', name: 'Ledgerlink Demo Landscaping' }],
 *   baseUrl: () => 'http://127.0.0.1:4010',
 * })
 * await oauth.register(app)
 * const tokens = oauth.issueTokens('9130357766900456', 'ledgerlink-dev')
 * clock.advance(3601_000)
 * oauth.verifyAccessToken(tokens.access_token) // undefined: expired
 */
export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const registry = createTokenRegistry(options.clock)
  const keys = createSigningKeys()
  let tokenRequests = 0
  const context: OAuthContext = {
    clock: options.clock,
    clients: new Map(options.clients.map((client) => [client.clientId, client])),
    companies: options.companies,
    baseUrl: options.baseUrl,
    registry,
    keys,
    consentForms: createConsentForms(options.clock),
    faults: createFaultRunner(options.shouldInjectFault),
    countTokenRequest: () => {
      tokenRequests += 1
    },
  }

  return {
    register: (app) => registerOAuthRoutes(app, context),

    verifyAccessToken: (token) => registry.verifyAccessToken(token),

    issueTokens(realmId, clientId, issueOptions) {
      if (!context.clients.has(clientId))
        throw new OAuthIssueError('unknown_client', `Unknown client: ${clientId}`)
      if (!options.companies().some((company) => company.realmId === realmId)) {
        throw new OAuthIssueError('unknown_realm', `Unknown company: ${realmId}`)
      }
      const scopes = [...(issueOptions?.scopes ?? DEFAULT_ISSUED_SCOPES)]
      const problem = scopeProblem(scopes)
      if (problem !== undefined) throw new OAuthIssueError('invalid_scope', problem)
      const minted = registry.createGrant({ clientId, realmId, scopes, sub: EMULATOR_USER.sub })
      return buildTokenResponse(minted, {
        keys,
        issuer: issuerOf(options.baseUrl()),
        includeHardExpiry: false,
      })
    },

    tokenRequestCount: () => tokenRequests,

    snapshot: () => ({
      version: SNAPSHOT_VERSION,
      signingKey: keys.snapshot(),
      registry: registry.snapshot(),
    }),

    restore(state) {
      if (
        typeof state !== 'object' ||
        state === null ||
        (state as { version?: unknown }).version !== SNAPSHOT_VERSION
      ) {
        throw new TypeError(`OAuth snapshot: expected an object with version ${SNAPSHOT_VERSION}`)
      }
      const { signingKey, registry: registryState } = state as { signingKey?: unknown; registry?: unknown }
      // Validate everything before changing anything.
      parseRegistrySnapshot(registryState)
      keys.restore(signingKey)
      registry.restore(registryState)
    },
  }
}
