import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('persistence', () => {
  it('keeps companies, objects and tokens across a restart and skips the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qbo-emulator-'))
    dirs.push(dir)
    const persistPath = join(dir, 'state.json')
    const first = createEmulator({ seed: 'empty', persistPath, rateLimits: false })
    const base1 = await first.listen()
    const realm = '9130357766900456'
    const tokens = first.issueTokens(realm)
    const headers = {
      authorization: `Bearer ${tokens.access_token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    }
    const created = await fetch(`${base1}/v3/company/${realm}/customer`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ DisplayName: 'Persisted Co' }),
    })
    const customer = ((await created.json()) as { Customer: { Id: string } }).Customer
    await first.close()

    const second = createEmulator({ seed: 'demo', persistPath, rateLimits: false })
    const base2 = await second.listen()
    try {
      expect(second.companies()).toHaveLength(2)
      const read = await fetch(`${base2}/v3/company/${realm}/customer/${customer.Id}`, { headers })
      expect(read.status).toBe(200)
      expect(((await read.json()) as { Customer: { DisplayName: string } }).Customer.DisplayName).toBe(
        'Persisted Co',
      )
      expect([...second.store.get(realm)!.list('Invoice')]).toHaveLength(0)
      const dup = await fetch(`${base2}/v3/company/${realm}/vendor`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ DisplayName: 'persisted co' }),
      })
      expect(dup.status).toBe(400)
    } finally {
      await second.close()
    }
  })
})
