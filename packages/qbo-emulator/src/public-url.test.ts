import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from './emulator'

const PUBLIC = 'http://127.0.0.1:1'

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

const discoveryAt = async (listenUrl: string) => {
  const response = await fetch(`${listenUrl}/.well-known/openid-configuration`)
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, string>
}

describe('an emulator behind a proxy', () => {
  it('advertises its public URL in the discovery document while listening where it was asked', async () => {
    emulator = createEmulator({ seed: 'empty', publicUrl: `${PUBLIC}/` })
    const returned = await emulator.listen({ port: 0, host: '127.0.0.1' })
    expect(returned).toBe(PUBLIC)
    expect(emulator.baseUrl).toBe(PUBLIC)
    expect(emulator.listenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.listenUrl).not.toBe(PUBLIC)
    const document = await discoveryAt(emulator.listenUrl)
    for (const key of [
      'authorization_endpoint',
      'token_endpoint',
      'revocation_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
    ]) {
      expect(document[key]?.slice(0, PUBLIC.length + 1), key).toBe(`${PUBLIC}/`)
    }
    expect(document.issuer).toBe(`${PUBLIC}/op/v1`)
  })

  it('advertises where it listens when no public URL is given', async () => {
    emulator = createEmulator({ seed: 'empty' })
    const returned = await emulator.listen({ port: 0, host: '127.0.0.1' })
    expect(returned).toBe(emulator.listenUrl)
    expect((await discoveryAt(returned)).token_endpoint).toBe(`${returned}/oauth2/v1/tokens/bearer`)
  })
})
