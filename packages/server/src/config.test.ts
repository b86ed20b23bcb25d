import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

describe('config', () => {
  it('gives the zero-setup defaults: port 3000 on localhost, SQLite under ./data, the demo on', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      cookieSecure: false,
    })
    expect(config.dataDir).toMatch(/\/data$/)
    expect(config.demo.isEnabled).toBe(true)
    expect(Object.isFrozen(config) && Object.isFrozen(config.signIn)).toBe(true)
  })

  it('reports every bad variable together', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', COOKIE_SECURE: 'maybe' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const problems = (error as ConfigError).problems.join('\n')
      expect(problems).toContain('PORT')
      expect(problems).toContain('DATABASE_URL')
      expect(problems).toContain('COOKIE_SECURE')
    }
  })
})
