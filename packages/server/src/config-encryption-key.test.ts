import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'
import { ensureEncryptionKey } from './config-encryption-key'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-key-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the token encryption key', () => {
  it('is generated once into the data folder with mode 0600, with a warning, and reused on the next start', () => {
    const dir = tempDir()
    const lines: string[] = []
    const first = ensureEncryptionKey(loadConfig({ LEDGERLINK_DATA_DIR: dir }), (line) => lines.push(line))
    const file = join(dir, 'encryption.key')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(first.encryptionKey).toBe(readFileSync(file, 'utf8').trim())
    expect(lines.join('\n')).toContain('LEDGERLINK_ENCRYPTION_KEY is not set')
    expect(lines.join('\n')).not.toContain(first.encryptionKey)
    const second = ensureEncryptionKey(loadConfig({ LEDGERLINK_DATA_DIR: dir }), () => {})
    expect(second.encryptionKey).toBe(first.encryptionKey)
  })

  it('comes from LEDGERLINK_ENCRYPTION_KEY when set, and then no file is written', () => {
    const dir = tempDir()
    const key = `k9:${randomBytes(32).toString('base64')}`
    const lines: string[] = []
    const config = ensureEncryptionKey(
      loadConfig({ LEDGERLINK_DATA_DIR: dir, LEDGERLINK_ENCRYPTION_KEY: key }),
      (line) => lines.push(line),
    )
    expect(config.encryptionKey).toBe(key)
    expect(lines).toEqual([])
    expect(() => statSync(join(dir, 'encryption.key'))).toThrow()
  })

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
    try {
      loadConfig({ NODE_ENV: 'production' })
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toContain('LEDGERLINK_ENCRYPTION_KEY')
    }
  })

  it('refuses a malformed key without echoing it', () => {
    try {
      loadConfig({ LEDGERLINK_ENCRYPTION_KEY: 'k1:c2hvcnQ=' })
      expect.unreachable()
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n')
      expect(problems).toMatch(/LEDGERLINK_ENCRYPTION_KEY: .*32 bytes/)
      expect(problems).not.toContain('c2hvcnQ=')
    }
  })

  it('refuses a damaged key file instead of replacing it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'encryption.key'), 'garbage', { mode: 0o600 })
    expect(() => ensureEncryptionKey(loadConfig({ LEDGERLINK_DATA_DIR: dir }), () => {})).toThrow(ConfigError)
    expect(readFileSync(join(dir, 'encryption.key'), 'utf8')).toBe('garbage')
  })
})
