import { stableUuid } from './token-strings'

/**
 * The one Intuit user of the emulator: the company admin who approves every connection. Claim names are
 * Intuit's camelCase ones (API-NOTES.md §10, fixture oauth-userinfo.json).
 *
 * @example
 * registry.issueCode({ clientId, redirectUri, realmId, scopes, sub: EMULATOR_USER.sub })
 */
export const EMULATOR_USER = {
  sub: stableUuid('ledgerlink-emulator-user'),
  email: 'avery.admin@example.com',
  emailVerified: true,
  givenName: 'Avery',
  familyName: 'Admin',
  phoneNumber: '+1 5555550100',
  phoneNumberVerified: false,
  address: {
    streetAddress: '100 Greenway Blvd',
    locality: 'mountain view',
    region: 'CA',
    postalCode: '94043',
    country: 'US',
  },
} as const

/**
 * The userinfo claims that `scopes` unlock: `sub` always, then email, profile, phone and address claims
 * per the OpenID Connect scope each belongs to (OpenID Connect Core §5.4), in the fixture's key order.
 *
 * @example
 * userinfoClaims(['openid', 'email']) // { sub, email, emailVerified }
 */
export function userinfoClaims(scopes: readonly string[]): Record<string, unknown> {
  const user = EMULATOR_USER
  const has = (scope: string) => scopes.includes(scope)
  return {
    sub: user.sub,
    ...(has('email') ? { email: user.email, emailVerified: user.emailVerified } : {}),
    ...(has('profile') ? { givenName: user.givenName, familyName: user.familyName } : {}),
    ...(has('phone') ? { phoneNumber: user.phoneNumber, phoneNumberVerified: user.phoneNumberVerified } : {}),
    ...(has('address') ? { address: { ...user.address } } : {}),
  }
}
