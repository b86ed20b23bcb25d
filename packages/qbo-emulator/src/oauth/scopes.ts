/** Scopes of the emulated Intuit OAuth server (API-NOTES.md §10, "Authorization request / callback"). */

/**
 * The scope every Ledgerlink connection needs.
 *
 * @example
 * scopes.includes(ACCOUNTING_SCOPE)
 */
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting'

/**
 * OpenID Connect scopes: `openid` unlocks id_token and userinfo; the others add userinfo claims.
 *
 * @example
 * const scopes = [ACCOUNTING_SCOPE, ...OPENID_SCOPES]
 */
export const OPENID_SCOPES = ['openid', 'profile', 'email', 'phone', 'address'] as const

/**
 * Every scope Intuit documents; anything else is `invalid_scope`.
 *
 * @example
 * KNOWN_SCOPES.has('openid') // true
 */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  ACCOUNTING_SCOPE,
  'com.intuit.quickbooks.payment',
  ...OPENID_SCOPES,
  'payroll.compensation.read',
  'project-management.project',
  'app-foundations.custom-dimensions.read',
  'app-foundations.custom-field-definitions',
  'time-tracking.time-entry',
  'indirect-tax.tax-calculation.quickbooks',
])

/**
 * What `issueTokens` grants when not told otherwise.
 *
 * @example
 * oauth.issueTokens(realmId, clientId, { scopes: [...DEFAULT_ISSUED_SCOPES] })
 */
export const DEFAULT_ISSUED_SCOPES: readonly string[] = [ACCOUNTING_SCOPE, ...OPENID_SCOPES]

/**
 * Human wording for the consent page.
 *
 * @example
 * SCOPE_DESCRIPTIONS.email // 'See your email address'
 */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [ACCOUNTING_SCOPE]: 'Read and change your QuickBooks accounting data',
  'com.intuit.quickbooks.payment': 'Process payments for your QuickBooks company',
  openid: 'Know who you are',
  profile: 'See your name',
  email: 'See your email address',
  phone: 'See your phone number',
  address: 'See your address',
}

/**
 * Splits a space-separated scope parameter; duplicates collapse, order is kept.
 *
 * @example
 * parseScopes('openid  com.intuit.quickbooks.accounting openid') // ['openid', 'com.intuit.quickbooks.accounting']
 */
export function parseScopes(scope: string): string[] {
  return [...new Set(scope.split(' ').filter((part) => part.length > 0))]
}

/**
 * Why a requested scope list cannot be granted, or `undefined` when it can.
 *
 * @example
 * scopeProblem(['openid']) // 'The com.intuit.quickbooks.accounting scope is required'
 */
export function scopeProblem(scopes: readonly string[]): string | undefined {
  const unknown = scopes.find((scope) => !KNOWN_SCOPES.has(scope))
  if (unknown !== undefined) return `Unknown scope: ${unknown}`
  if (!scopes.includes(ACCOUNTING_SCOPE)) return `The ${ACCOUNTING_SCOPE} scope is required`
  return undefined
}
