/**
 * Hosts per environment (API-NOTES §1, §10, §11). Nothing here reads `process.env`: the caller names the
 * environment and, for the emulator, its base URL.
 */

/**
 * Which QBO to talk to.
 * @example
 * const env: QboEnvironment = 'sandbox'
 */
export type QboEnvironment = 'sandbox' | 'production' | 'emulator'

/**
 * Every URL the client needs. Override single entries with `baseUrls` in the client options.
 *
 * @example
 * const e: QboEndpoints = resolveEndpoints({ environment: 'emulator', emulatorBaseUrl: 'http://127.0.0.1:4010' })
 */
export interface QboEndpoints {
  /** Accounting API base; paths `/v3/company/{realmId}/…` are appended. */
  accountingBaseUrl: string
  /** OpenID discovery document URL. */
  discoveryUrl: string
  /** QBO web app base for deep links, ending in `/app`. */
  appBaseUrl: string
  /** Issuer the discovery document must name; unset means "accept what the document says". */
  expectedIssuer: string | undefined
}

const INTUIT_ISSUER = 'https://oauth.platform.intuit.com/op/v1'

/**
 * Resolves the endpoints of an environment, applying `overrides` last.
 *
 * @example
 * resolveEndpoints({ environment: 'production' }).accountingBaseUrl // 'https://quickbooks.api.intuit.com'
 */
export function resolveEndpoints(options: {
  environment: QboEnvironment
  emulatorBaseUrl?: string
  overrides?: Partial<QboEndpoints>
}): QboEndpoints {
  let base: QboEndpoints
  switch (options.environment) {
    case 'production':
      base = {
        accountingBaseUrl: 'https://quickbooks.api.intuit.com',
        discoveryUrl: 'https://developer.api.intuit.com/.well-known/openid_configuration',
        appBaseUrl: 'https://app.qbo.intuit.com/app',
        expectedIssuer: INTUIT_ISSUER,
      }
      break
    case 'sandbox':
      base = {
        accountingBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
        discoveryUrl: 'https://developer.api.intuit.com/.well-known/openid_sandbox_configuration',
        appBaseUrl: 'https://app.sandbox.qbo.intuit.com/app',
        expectedIssuer: INTUIT_ISSUER,
      }
      break
    case 'emulator': {
      if (!options.emulatorBaseUrl) throw new TypeError("environment 'emulator' needs emulatorBaseUrl")
      const root = options.emulatorBaseUrl.replace(/\/+$/, '')
      base = {
        accountingBaseUrl: root,
        discoveryUrl: `${root}/.well-known/openid-configuration`,
        appBaseUrl: `${root}/app`,
        expectedIssuer: undefined,
      }
      break
    }
    default:
      throw new TypeError(`unknown environment '${String(options.environment)}'`)
  }
  return { ...base, ...options.overrides }
}

/**
 * True for `http://127.0.0.1…`, `http://localhost…` and `http://[::1]…` — the only plain-HTTP URLs the
 * client agrees to send credentials to (the local emulator).
 *
 * @example
 * isLoopbackHttpUrl('http://127.0.0.1:4010') // true
 * isLoopbackHttpUrl('http://example.com') // false
 */
export function isLoopbackHttpUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
  } catch {
    return false
  }
}
