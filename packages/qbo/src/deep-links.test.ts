import { describe, expect, it } from 'vitest'
import { createDeepLinks } from './deep-links'
import { isLoopbackHttpUrl, resolveEndpoints } from './environment'

describe('createDeepLinks', () => {
  it('points at the production web app', () => {
    const links = createDeepLinks({ environment: 'production' })
    expect(links.customer('58')).toBe('https://app.qbo.intuit.com/app/customerdetail?nameId=58')
    expect(links.invoice('130')).toBe('https://app.qbo.intuit.com/app/invoice?txnId=130')
    expect(links.estimate('41')).toBe('https://app.qbo.intuit.com/app/estimate?txnId=41')
    expect(links.payment('7')).toBe('https://app.qbo.intuit.com/app/recvpayment?txnId=7')
  })

  it('points at the sandbox web app', () => {
    expect(createDeepLinks({ environment: 'sandbox' }).invoice('1')).toBe(
      'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=1',
    )
  })

  it('points at the emulator pages and encodes ids', () => {
    const links = createDeepLinks({ environment: 'emulator', emulatorBaseUrl: 'http://127.0.0.1:4010/' })
    expect(links.payment('7')).toBe('http://127.0.0.1:4010/app/recvpayment?txnId=7')
    expect(links.customer('1&x=2')).toBe('http://127.0.0.1:4010/app/customerdetail?nameId=1%26x%3D2')
  })
})

describe('resolveEndpoints', () => {
  it('uses Intuit hosts and the non-standard discovery paths', () => {
    expect(resolveEndpoints({ environment: 'sandbox' })).toEqual({
      accountingBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
      discoveryUrl: 'https://developer.api.intuit.com/.well-known/openid_sandbox_configuration',
      appBaseUrl: 'https://app.sandbox.qbo.intuit.com/app',
      expectedIssuer: 'https://oauth.platform.intuit.com/op/v1',
    })
    expect(resolveEndpoints({ environment: 'production' }).discoveryUrl).toBe(
      'https://developer.api.intuit.com/.well-known/openid_configuration',
    )
  })

  it('requires the emulator base URL for the emulator', () => {
    expect(() => resolveEndpoints({ environment: 'emulator' })).toThrow(/emulatorBaseUrl/)
  })

  it('allows plain http only on loopback', () => {
    expect(isLoopbackHttpUrl('http://localhost:4010/x')).toBe(true)
    expect(isLoopbackHttpUrl('http://10.0.0.1:4010')).toBe(false)
    expect(isLoopbackHttpUrl('https://127.0.0.1')).toBe(false)
    expect(isLoopbackHttpUrl('not a url')).toBe(false)
  })
})
