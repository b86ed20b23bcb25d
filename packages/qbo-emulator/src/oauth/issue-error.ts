/**
 * Why {@link OAuthServer.issueTokens} refused: the client or the company is not known to the emulator.
 * The control surface turns it into a 4xx.
 *
 * @example
 * try {
 *   oauth.issueTokens('404', 'ledgerlink-dev')
 * } catch (error) {
 *   if (error instanceof OAuthIssueError && error.code === 'unknown_realm') reply.code(404)
 * }
 */
export class OAuthIssueError extends Error {
  constructor(
    readonly code: 'unknown_client' | 'unknown_realm' | 'invalid_scope',
    message: string,
  ) {
    super(message)
    this.name = 'OAuthIssueError'
  }
}
