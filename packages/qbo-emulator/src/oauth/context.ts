import type { Clock } from '../clock'
import type { ConsentForms } from './consent-forms'
import type { FaultRunner } from './fault-injection'
import type { SigningKeys } from './signing-key'
import type { TokenRegistry } from './token-registry'
import type { OAuthClientConfig, OAuthServerOptions } from './types'

/**
 * What every OAuth route needs, built once by `createOAuthServer`.
 *
 * @example
 * registerTokenRoutes(instance, context) // context: OAuthContext
 */
export interface OAuthContext {
  clock: Clock
  clients: ReadonlyMap<string, OAuthClientConfig>
  companies: OAuthServerOptions['companies']
  baseUrl: () => string
  registry: TokenRegistry
  keys: SigningKeys
  consentForms: ConsentForms
  faults: FaultRunner
  countTokenRequest(): void
}

/**
 * The `iss` of id_tokens and discovery: Intuit's is `<oauth host>/op/v1` (API-NOTES.md §10).
 *
 * @example
 * issuerOf('http://127.0.0.1:4010') // 'http://127.0.0.1:4010/op/v1'
 */
export function issuerOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/op/v1`
}
