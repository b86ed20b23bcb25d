import { describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { createTokenRegistry } from './token-registry'

const GRANT = { clientId: 'app', realmId: '1', scopes: ['com.intuit.quickbooks.accounting'], sub: 'user' }
const HOUR = 3600_000

describe('token registry', () => {
  it('drops superseded refresh tokens and expired access tokens as it goes, so memory stays bounded', () => {
    const clock = createClock({ startMs: Date.parse('2026-01-01T00:00:00Z') })
    const registry = createTokenRegistry(clock)
    let minted = registry.createGrant(GRANT)
    for (let round = 0; round < 600; round += 1) {
      clock.advance(25 * HOUR)
      const next = registry.refresh(minted.refreshToken, 'app')
      if (next === undefined) throw new Error(`refresh failed in round ${round}`)
      minted = next
    }
    // Without sweeping, 600 rounds would leave 601 refresh and 601 access tokens behind.
    const counts = registry.counts()
    expect(counts.refreshTokens).toBeLessThan(100)
    expect(counts.accessTokens).toBeLessThan(100)
    clock.advance(25 * HOUR)
    const snapshot = registry.snapshot()
    expect(snapshot.grants).toHaveLength(1)
    expect(snapshot.refreshTokens).toEqual([
      { token: minted.refreshToken, grantId: snapshot.grants[0]?.id, supersededAtMs: null },
    ])
    expect(snapshot.accessTokens).toHaveLength(0)
  })

  it('binds a code to its client, redirect URI and company', () => {
    const clock = createClock()
    const registry = createTokenRegistry(clock)
    const code = registry.issueCode({ ...GRANT, redirectUri: 'https://app.example/cb' })
    expect(registry.exchangeCode(code, 'other', 'https://app.example/cb')).toBeUndefined()
    expect(registry.exchangeCode(code, 'app', 'https://app.example/other')).toBeUndefined()
    const minted = registry.exchangeCode(code, 'app', 'https://app.example/cb')
    expect(minted?.grant).toMatchObject({ realmId: '1', clientId: 'app', sub: 'user' })
    expect(registry.exchangeCode(code, 'app', 'https://app.example/cb')).toBeUndefined()
  })

  it('measures the five-year cap from the consent, not from the code exchange', () => {
    // A frozen clock: with real time ticking, the exchange and the expectation could straddle a second.
    const clock = createClock({ startMs: Date.parse('2026-03-01T12:00:00Z'), realNow: () => 0 })
    const registry = createTokenRegistry(clock)
    const code = registry.issueCode({ ...GRANT, redirectUri: 'https://app.example/cb' })
    clock.advance(9 * 60_000)
    const minted = registry.exchangeCode(code, 'app', 'https://app.example/cb')
    const expected = (Date.parse('2031-03-01T12:00:00Z') - clock.now()) / 1000
    expect(minted?.hardExpiresInS).toBe(Math.floor(expected))
  })

  it('ignores tokens of grants missing from a restored snapshot', () => {
    const registry = createTokenRegistry(createClock())
    registry.restore({
      grants: [],
      refreshTokens: [{ token: 'L0orphan', grantId: 'gone', supersededAtMs: null }],
      accessTokens: [{ token: 'eyJorphan', grantId: 'gone', expiresAtMs: Number.MAX_SAFE_INTEGER }],
      codes: [],
    })
    expect(registry.verifyAccessToken('eyJorphan')).toBeUndefined()
    expect(registry.refresh('L0orphan', 'app')).toBeUndefined()
  })
})
