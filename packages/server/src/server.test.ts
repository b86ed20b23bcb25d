import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startServer } from './server'

describe('startServer', () => {
  it('seeds the demo workspace on first start, prints the credentials once, and starts the QBO emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerlink-start-'))
    const env = {
      PORT: '0',
      QBO_EMULATOR_PORT: '0',
      LEDGERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: dir,
    }
    const lines: string[] = []
    try {
      const first = await startServer(env, (line) => lines.push(line))
      try {
        expect(lines.join('\n')).toMatch(/email: {4}admin@example\.com\n {2}password: [A-Za-z0-9]{20}/)
        expect(first.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        const health = await fetch(`${first.url}/api/health`)
        expect(await health.json()).toEqual({ status: 'ok' })
        const password = /password: ([A-Za-z0-9]{20})/.exec(lines.join('\n'))?.[1]
        const signIn = await fetch(`${first.url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@example.com', password }),
        })
        expect(signIn.status).toBe(200)
      } finally {
        await first.close()
      }
      lines.length = 0
      const second = await startServer({ ...env, QBO_CLIENT_ID: 'configured' }, (line) => lines.push(line))
      await second.close()
      expect(lines.join('\n')).not.toMatch(/password: [A-Za-z0-9]{20}/)
      expect(second.emulatorUrl).toBeNull()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
