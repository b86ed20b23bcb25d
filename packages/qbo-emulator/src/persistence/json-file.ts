import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'

/** Arrays longer than this are written member by member, at any depth. */
const STREAM_THRESHOLD = 1_000
/** Objects and arrays this close to the root are written member by member (snapshot → companies → tables). */
const STREAM_DEPTH = 6
/** Bytes buffered before each write to the file. */
const CHUNK = 1 << 20

/**
 * Writes `value` as JSON to an open file in chunks, with `JSON.stringify`'s output. A large company (500,000
 * documents) serialises to more than V8's maximum string length, so the outer levels and long arrays are
 * written member by member instead of as one string.
 */
function writeJson(fd: number, value: unknown): void {
  let buffer = ''
  const out = (text: string) => {
    buffer += text
    if (buffer.length >= CHUNK) {
      writeSync(fd, buffer)
      buffer = ''
    }
  }
  const visit = (v: unknown, depth: number) => {
    const isPlain =
      v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
    const large = Array.isArray(v) && v.length > STREAM_THRESHOLD
    if (!isPlain || (depth >= STREAM_DEPTH && !large)) {
      const text = JSON.stringify(v)
      out(text === undefined ? 'null' : text)
      return
    }
    if (Array.isArray(v)) {
      out('[')
      v.forEach((item, i) => {
        if (i > 0) out(',')
        visit(item === undefined || typeof item === 'function' ? null : item, depth + 1)
      })
      out(']')
      return
    }
    out('{')
    let first = true
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue
      out(`${first ? '' : ','}${JSON.stringify(k)}:`)
      first = false
      visit(x, depth + 1)
    }
    out('}')
  }
  visit(value, 0)
  if (buffer) writeSync(fd, buffer)
}

/**
 * Replaces `path` with `value` as JSON atomically: the JSON goes to a temporary file beside it, is flushed
 * to disk, and is then renamed over the old file, so a crash leaves either the old or the new file, never a
 * half-written one. On failure the temporary file is removed and the old file stays.
 *
 * @example
 * writeJsonAtomic('/var/lib/emulator/state.json', registry.snapshot())
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`
  let fd: number | undefined
  try {
    fd = openSync(temp, 'w', 0o600)
    writeJson(fd, value)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, path)
  } catch (err) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, { force: true })
    throw err
  }
}
