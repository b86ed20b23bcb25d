import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFilePersistence } from './file-persistence'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'qbo-emulator-persistence-'))
  dirs.push(dir)
  return dir
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('createFilePersistence', () => {
  it('loads nothing when the file does not exist yet', () => {
    expect(createFilePersistence(join(tempDir(), 'state.json')).load()).toBeUndefined()
  })

  it('writes the saved state on flush and loads it back', () => {
    const path = join(tempDir(), 'state.json')
    const persistence = createFilePersistence(path)
    const state = {
      version: 1,
      companies: [{ realmId: '1', name: 'Café "Ünïcode" <&>', tables: { Customer: [{ Id: '1' }] } }],
    }
    persistence.save(state)
    expect(existsSync(path)).toBe(false)
    persistence.flush()
    expect(createFilePersistence(path).load()).toEqual(state)
  })

  it('debounces many saves into one snapshot and one write of the latest state', async () => {
    const path = join(tempDir(), 'state.json')
    const persistence = createFilePersistence(path, { debounceMs: 30 })
    let snapshots = 0
    for (let n = 1; n <= 5; n++) {
      persistence.save(() => {
        snapshots++
        return { n }
      })
    }
    expect(existsSync(path)).toBe(false)
    for (let i = 0; i < 100 && !existsSync(path); i++) await wait(10)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ n: 5 })
    expect(snapshots).toBe(1)
    persistence.flush()
    expect(snapshots).toBe(1)
  })

  it('creates missing folders and leaves no temporary files behind', () => {
    const dir = tempDir()
    const path = join(dir, 'nested', 'deeper', 'state.json')
    const persistence = createFilePersistence(path)
    persistence.save({ a: 1 })
    persistence.flush()
    persistence.save({ a: 2 })
    persistence.flush()
    expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['state.json'])
    expect(createFilePersistence(path).load()).toEqual({ a: 2 })
  })

  it('keeps the previous file intact when a write fails, and retries the state on the next flush', () => {
    const path = join(tempDir(), 'state.json')
    const persistence = createFilePersistence(path)
    persistence.save({ good: true })
    persistence.flush()
    let fail = true
    persistence.save(() => {
      if (fail) return { bad: 1n }
      return { good: 'again' }
    })
    expect(() => persistence.flush()).toThrow(/BigInt/)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ good: true })
    expect(readdirSync(join(path, '..'))).toEqual(['state.json'])
    fail = false
    persistence.flush()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ good: 'again' })
  })

  it('records a failed background save instead of throwing it', async () => {
    const path = join(tempDir(), 'state.json')
    const persistence = createFilePersistence(path, { debounceMs: 5 })
    persistence.save(() => ({ bad: 1n }))
    for (let i = 0; i < 100 && !persistence.lastError(); i++) await wait(10)
    expect(persistence.lastError()?.message).toMatch(/BigInt/)
    expect(existsSync(path)).toBe(false)
  })

  it('refuses to load a file that is not JSON, naming it', () => {
    const path = join(tempDir(), 'state.json')
    writeFileSync(path, '{"half": ')
    expect(() => createFilePersistence(path).load()).toThrow(
      `The emulator state file ${path} is not valid JSON`,
    )
  })

  it('writes large states in chunks with exactly JSON.stringify output', () => {
    const path = join(tempDir(), 'state.json')
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      Id: String(i),
      DisplayName: `Customer ${i}`,
      skip: undefined,
    }))
    const state = {
      version: 1,
      companies: [{ realmId: '1', tables: { Customer: rows, Invoice: [] }, updatedAt: [['1', 5]] }],
      when: new Date(0),
      fn: () => 1,
      list: [undefined, 2],
    }
    const persistence = createFilePersistence(path)
    persistence.save(state)
    persistence.flush()
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(state))
  })

  it('does nothing on flush when nothing is pending', () => {
    const path = join(tempDir(), 'state.json')
    createFilePersistence(path).flush()
    expect(existsSync(path)).toBe(false)
  })
})
