import type { QboTokens } from '@ledgerlink/qbo'
import type { QboClients } from './gateway-clients'

type Logger = { warn: (obj: Record<string, unknown>, msg: string) => void }

const tidOf = (error: unknown) => (error as { intuitTid?: string } | undefined)?.intuitTid

/**
 * Revokes tokens that are not (or no longer) the workspace's stored ones, e.g. of a dropped pending connection
 * or of the company a workspace switched away from. Failures are logged: the tokens are forgotten either way.
 */
export const revokeTokens = async (
  deps: { clients: QboClients; logger: Logger; redirectUri: string },
  realmId: string,
  tokens: QboTokens,
): Promise<void> => {
  try {
    const client = deps.clients.ephemeral(deps.redirectUri)
    await client.oauth.connectWithTokens(realmId, {
      token_type: 'bearer',
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_in: 60,
    })
    await client.oauth.revoke(realmId)
  } catch (error) {
    deps.logger.warn(
      { realmId, intuitTid: tidOf(error), err: (error as Error)?.message },
      'QuickBooks tokens could not be revoked',
    )
  }
}

/** The company's name from CompanyInfo; a stand-in when QBO cannot say (the connection still succeeds). */
export const companyNameOf = async (
  client: ReturnType<QboClients['ephemeral']>,
  realmId: string,
  logger: Logger,
): Promise<string> => {
  try {
    const info = await client.company(realmId).companyInfo()
    const name = (info as { CompanyName?: unknown }).CompanyName
    return typeof name === 'string' && name.trim() ? name.trim() : `Company ${realmId}`
  } catch (error) {
    logger.warn({ realmId, intuitTid: tidOf(error) }, 'QuickBooks company name could not be read')
    return `Company ${realmId}`
  }
}
