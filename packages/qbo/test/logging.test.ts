import type { Emulator } from '@ledgerlink/qbo-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QboLogger } from '../src'
import { CLIENT_SECRET, clientFor, DEMO_REALM, startEmulator } from './helpers'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

describe('logging', () => {
  it('logs intuit_tid for every request and never a token, code or secret', async () => {
    const lines: string[] = []
    const record = (level: string) => (obj: Record<string, unknown>, msg: string) => {
      lines.push(`${level} ${msg} ${JSON.stringify(obj)}`)
    }
    const logger: QboLogger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    }
    const client = clientFor(emulator, { logger })

    const { url, state } = await client.oauth.authorizationUrl({
      scopes: ['com.intuit.quickbooks.accounting', 'openid'],
    })
    const page = await (await fetch(url)).text()
    const form = new URLSearchParams()
    for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(
        m[1] ?? '',
        (m[2] ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"'),
      )
    }
    form.set('realmId', DEMO_REALM)
    form.set('decision', 'connect')
    const redirect = await fetch(new URL('/connect/oauth2', url), {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    const callback = redirect.headers.get('location') ?? ''
    const code = new URL(callback).searchParams.get('code') ?? ''
    const { record: first } = await client.oauth.exchangeCode({ callbackUrl: callback, expectedState: state })

    const company = client.company(DEMO_REALM)
    await company.companyInfo()
    emulator.clock.advance(3_601_000)
    await company.preferences()
    await company.customers.readOrThrow('987654321').catch(() => undefined)
    const second = await client.tokenStore.load(DEMO_REALM)

    const secrets = [
      first.tokens.accessToken,
      first.tokens.refreshToken,
      first.tokens.idToken ?? 'no-id-token',
      second?.tokens.accessToken ?? 'missing',
      second?.tokens.refreshToken ?? 'missing',
      code,
      state,
      CLIENT_SECRET,
    ]
    expect(code.length).toBeGreaterThan(0)
    const text = lines.join('\n')
    for (const secret of secrets) expect(text).not.toContain(secret)

    const requests = lines.filter((l) => l.startsWith('debug qbo request'))
    expect(requests.length).toBe(3)
    for (const line of requests) expect(line).toMatch(/"intuitTid":"[^"]+"/)
    expect(text).toMatch(/qbo tokens refreshed/)
  })
})
