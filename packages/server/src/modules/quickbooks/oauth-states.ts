import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db'

/** How long an administrator has to finish Intuit's consent page. */
export const STATE_LIFETIME_MS = 10 * 60_000

const hashState = (state: string) => createHash('sha256').update(state).digest('hex')

export type StateOwner = { workspaceId: string; userId: string; sessionHash: string }

/**
 * A new OAuth `state`: 32 random bytes, stored only hashed (a leaked database cannot finish someone's
 * connection) and bound to the session, workspace and user that asked, with the redirect URI in use.
 */
export const issueState = async (
  db: Db,
  owner: StateOwner,
  redirectUri: string,
  nowMs: number,
): Promise<string> => {
  const state = randomBytes(32).toString('base64url')
  // Expired states are worthless; clearing them here keeps the table small without a background job.
  await db.deleteFrom('qbo_oauth_states').where('expires_at', '<', new Date(nowMs).toISOString()).execute()
  await db
    .insertInto('qbo_oauth_states')
    .values({
      state_hash: hashState(state),
      workspace_id: owner.workspaceId,
      user_id: owner.userId,
      session_hash: owner.sessionHash,
      redirect_uri: redirectUri,
      created_at: new Date(nowMs).toISOString(),
      expires_at: new Date(nowMs + STATE_LIFETIME_MS).toISOString(),
      used_at: null,
    })
    .execute()
  return state
}

/**
 * Uses up a state: returns its redirect URI when it was issued to this very session, workspace and user, is
 * unexpired and unused; otherwise undefined. The `used_at IS NULL` guard makes it single-use even when two
 * callbacks race. A state offered by another session is left alone (it cannot be used there anyway).
 */
export const consumeState = async (
  db: Db,
  state: string,
  owner: StateOwner,
  nowMs: number,
): Promise<{ redirectUri: string } | undefined> => {
  if (state.length === 0 || state.length > 200) return undefined
  const stateHash = hashState(state)
  const row = await db
    .selectFrom('qbo_oauth_states')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst()
  const now = new Date(nowMs).toISOString()
  if (
    !row ||
    row.used_at !== null ||
    row.expires_at <= now ||
    row.workspace_id !== owner.workspaceId ||
    row.user_id !== owner.userId ||
    row.session_hash !== owner.sessionHash
  ) {
    return undefined
  }
  const result = await db
    .updateTable('qbo_oauth_states')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? { redirectUri: row.redirect_uri } : undefined
}
