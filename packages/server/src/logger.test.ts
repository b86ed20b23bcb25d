import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'
import { REDACT_PATHS } from './logger'

describe('log redaction', () => {
  it('never writes passwords, cookies, CSRF tokens or secret config values', () => {
    let output = ''
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString()
        done()
      },
    })
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink)
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:hunter2@db/x',
      LEDGERLINK_ADMIN_PASSWORD: 'secret-admin-pw',
    })
    logger.info({ config }, 'config')
    logger.info(
      {
        req: {
          headers: { cookie: 'll_session=abc123', authorization: 'Bearer tok', 'x-csrf-token': 'csrf-1' },
        },
      },
      'req',
    )
    logger.info({ body: { password: 'pw-1', currentPassword: 'pw-2', newPassword: 'pw-3' } }, 'body')
    for (const secret of [
      'hunter2',
      'secret-admin-pw',
      'abc123',
      'Bearer tok',
      'csrf-1',
      'pw-1',
      'pw-2',
      'pw-3',
    ]) {
      expect(output).not.toContain(secret)
    }
    expect(output).toContain('[redacted]')
  })
})
