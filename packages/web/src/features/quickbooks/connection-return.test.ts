import { describe, expect, it } from 'vitest'
import { environmentLabel, readConnectionReturn } from './connection-return'

describe('coming back from Intuit', () => {
  it('recognises a connection and a different-company confirmation', () => {
    expect(readConnectionReturn(new URLSearchParams('quickbooks=connected'))).toEqual({ kind: 'connected' })
    expect(readConnectionReturn(new URLSearchParams('quickbooks=confirm'))).toEqual({ kind: 'confirm' })
  })

  it('explains a cancelled or stale attempt in plain words', () => {
    const denied = readConnectionReturn(new URLSearchParams('quickbooks=error&reason=access_denied'))
    expect(denied).toMatchObject({ kind: 'error', reason: 'access_denied' })
    expect(denied?.kind === 'error' && denied.message).toMatch(/cancelled/)
    const stale = readConnectionReturn(new URLSearchParams('quickbooks=error&reason=invalid_state'))
    expect(stale?.kind === 'error' && stale.message).toMatch(/Start again/)
  })

  it('still reports a failure whose reason it does not know, and ignores other pages', () => {
    const odd = readConnectionReturn(new URLSearchParams('quickbooks=error&reason=%3Cscript%3E'))
    expect(odd).toMatchObject({
      kind: 'error',
      message: 'QuickBooks did not complete the connection. Try again.',
    })
    expect(readConnectionReturn(new URLSearchParams('tab=users'))).toBeNull()
  })

  it('names the environment the connection points at', () => {
    expect(environmentLabel('sandbox')).toBe('Intuit sandbox')
    expect(environmentLabel('emulator')).toMatch(/emulator/)
  })
})
