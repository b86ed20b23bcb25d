import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Config, ConfigError } from './config'
import { isTokenCryptoError, parseKeyring } from './modules/quickbooks/token-crypto'

export const ENCRYPTION_KEY_FILE = 'encryption.key'

const createKeyFile = (dataDir: string, file: string) => {
  mkdirSync(dataDir, { recursive: true })
  try {
    // flag 'wx': never overwrite a key another process wrote meanwhile (that would orphan its tokens).
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  } catch (error) {
    // Another process starting at the same moment created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

/**
 * The config with a token encryption keyring. LEDGERLINK_ENCRYPTION_KEY wins; otherwise (never in production,
 * where loadConfig already refused to start) the key kept in `<dataDir>/encryption.key` is used, generated on
 * first start with mode 0600. The warning is printed every start, so the file's importance is not forgotten:
 * losing it means reconnecting QuickBooks, and anyone who can read it can read the stored tokens.
 * @example const ready = ensureEncryptionKey(loadConfig(), console.log)
 */
export const ensureEncryptionKey = (config: Config, print: (line: string) => void): Config => {
  if (config.encryptionKey) return config
  if (config.nodeEnv === 'production') {
    throw new ConfigError(['LEDGERLINK_ENCRYPTION_KEY: required in production'])
  }
  const file = join(config.dataDir, ENCRYPTION_KEY_FILE)
  if (!existsSync(file)) createKeyFile(config.dataDir, file)
  const keyring = readFileSync(file, 'utf8').trim()
  try {
    parseKeyring(keyring)
  } catch (error) {
    if (!isTokenCryptoError(error)) throw error
    throw new ConfigError([`${file}: ${error.message}`])
  }
  print(
    `Warning: LEDGERLINK_ENCRYPTION_KEY is not set; QuickBooks tokens are encrypted with the key in ${file}. ` +
      'Keep that file private and back it up, or set LEDGERLINK_ENCRYPTION_KEY.',
  )
  return Object.freeze({ ...config, encryptionKey: keyring })
}
