import type { Db } from '../../db'
import { isTokenCryptoError, type TokenCipher } from './token-crypto'

/** What a re-encryption pass did, by row (connections and pending different-company connections). */
export type RekeyResult = {
  /** Re-encrypted under the active key. */
  reEncrypted: number
  /** Already under the active key. */
  current: number
  /** Could not be decrypted with any configured key (the workspace must reconnect); left untouched. */
  unreadable: Array<{ table: 'qbo_connections' | 'qbo_pending_connections'; workspaceId: string }>
  /** Changed by a running server while this pass ran (a refresh saved a new token); run the pass again. */
  changedMeanwhile: number
}

type Row = { workspace_id: string; realm_id: string; token_ciphertext: string | null }

/**
 * Re-encrypts every stored QuickBooks token under the keyring's active (first) key, so that an old key can then
 * be removed from LEDGERLINK_ENCRYPTION_KEY. Each row is replaced only if its ciphertext is still the one that
 * was read (a compare-and-swap), so a refresh saved meanwhile by a running server is never overwritten, and
 * the token version is left alone so that refresh keeps its own compare-and-save. Decryption binds workspace
 * and realm (token-crypto.ts), so a row copied from another workspace stays unreadable rather than re-sealed.
 * @example
 * const result = await reEncryptStoredTokens(db, createTokenCipher(parseKeyring(config.encryptionKey)))
 */
export const reEncryptStoredTokens = async (db: Db, cipher: TokenCipher): Promise<RekeyResult> => {
  const result: RekeyResult = { reEncrypted: 0, current: 0, unreadable: [], changedMeanwhile: 0 }
  const tables = ['qbo_connections', 'qbo_pending_connections'] as const
  for (const table of tables) {
    const rows: Row[] = await db
      .selectFrom(table)
      .select(['workspace_id', 'realm_id', 'token_ciphertext'])
      .where('token_ciphertext', 'is not', null)
      .orderBy('workspace_id')
      .execute()
    for (const row of rows) {
      const ciphertext = row.token_ciphertext
      if (ciphertext === null) continue
      const aad = { workspaceId: row.workspace_id, realmId: row.realm_id }
      let plaintext: string
      try {
        if (!cipher.needsReEncryption(ciphertext)) {
          cipher.decrypt(ciphertext, aad)
          result.current++
          continue
        }
        plaintext = cipher.decrypt(ciphertext, aad)
      } catch (error) {
        if (!isTokenCryptoError(error)) throw error
        result.unreadable.push({ table, workspaceId: row.workspace_id })
        continue
      }
      const updated = await db
        .updateTable(table)
        .set({ token_ciphertext: cipher.encrypt(plaintext, aad) })
        .where('workspace_id', '=', row.workspace_id)
        .where('realm_id', '=', row.realm_id)
        .where('token_ciphertext', '=', ciphertext)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 1) result.reEncrypted++
      else result.changedMeanwhile++
    }
  }
  return result
}
