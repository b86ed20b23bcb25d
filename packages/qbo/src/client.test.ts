import { describe, expect, it } from 'vitest'
import { createQboClient } from './client'
import type { QboClientOptions } from './options'

const base: QboClientOptions = {
  environment: 'emulator',
  emulatorBaseUrl: 'http://127.0.0.1:4010',
  clientId: 'ledgerlink-dev',
  clientSecret: 'ledgerlink-dev-secret',
  redirectUri: 'http://localhost:3000/api/quickbooks/callback',
}

describe('createQboClient', () => {
  it('accepts plain http only for a loopback emulator', () => {
    expect(() => createQboClient(base)).not.toThrow()
    expect(() => createQboClient({ ...base, emulatorBaseUrl: 'http://10.0.0.5:4010' })).toThrow(/https/)
    expect(() =>
      createQboClient({
        ...base,
        environment: 'sandbox',
        baseUrls: { accountingBaseUrl: 'http://qbo.example' },
      }),
    ).toThrow(/https/)
  })

  it('needs the emulator base URL for the emulator environment', () => {
    expect(() => createQboClient({ ...base, emulatorBaseUrl: undefined })).toThrow(/emulatorBaseUrl/)
  })

  it('points deep links and endpoints at the configured environment', () => {
    const sandbox = createQboClient({ ...base, environment: 'sandbox' })
    expect(sandbox.endpoints.accountingBaseUrl).toBe('https://sandbox-quickbooks.api.intuit.com')
    expect(sandbox.deepLinks.customer('5')).toBe(
      'https://app.sandbox.qbo.intuit.com/app/customerdetail?nameId=5',
    )
    expect(createQboClient(base).deepLinks.estimate('9')).toBe('http://127.0.0.1:4010/app/estimate?txnId=9')
  })

  it('refuses a realm id that is not a QBO company id before any request', () => {
    const client = createQboClient(base)
    expect(() => client.company('../../admin')).toThrow(TypeError)
    expect(client.company('9130357766900456').realmId).toBe('9130357766900456')
  })
})
