import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, SECRET_CONFIG_PATHS } from './config'

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

  it('uses the embedded emulator and its development app when no Intuit app is configured', () => {
    expect(loadConfig({}).qbo).toEqual({
      environment: 'emulator',
      clientId: 'ledgerlink-dev',
      clientSecret: 'ledgerlink-dev-secret',
      redirectUri: undefined,
      emulatorPort: 4010,
    })
  })

  it('uses Intuit (sandbox unless told production) with a client id, secret and https redirect URI', () => {
    const env = {
      QBO_CLIENT_ID: 'ABc123',
      QBO_CLIENT_SECRET: 'shh',
      QBO_REDIRECT_URI: 'https://crm.example.com/api/quickbooks/callback',
    }
    expect(loadConfig(env).qbo).toMatchObject({
      environment: 'sandbox',
      clientId: 'ABc123',
      clientSecret: 'shh',
    })
    expect(loadConfig({ ...env, QBO_ENVIRONMENT: 'production' }).qbo.environment).toBe('production')
  })

  it('reports a client id without its secret or redirect URI, a plain-http redirect URI and a bad environment', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env)
      } catch (error) {
        return (error as ConfigError).problems.join('\n')
      }
      return ''
    }
    const missing = problemsOf({ QBO_CLIENT_ID: 'x' })
    expect(missing).toContain('QBO_CLIENT_SECRET')
    expect(missing).toContain('QBO_REDIRECT_URI')
    expect(
      problemsOf({
        QBO_CLIENT_ID: 'x',
        QBO_CLIENT_SECRET: 'y',
        QBO_REDIRECT_URI: 'http://crm.example.com/cb',
      }),
    ).toContain('must be https')
    expect(problemsOf({ QBO_ENVIRONMENT: 'staging' })).toContain('QBO_ENVIRONMENT')
    expect(problemsOf({ QBO_CLIENT_SECRET: 'y' })).toContain('QBO_CLIENT_ID')
  })

  it('lists the QuickBooks secret and the encryption key among the secrets to redact', () => {
    expect(SECRET_CONFIG_PATHS).toEqual(expect.arrayContaining(['qbo.clientSecret', 'encryptionKey']))
  })
})
