import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeJsonAtomic } from './json-file'

/** Saves and loads the emulator's state (companies and OAuth tokens) as one JSON file. */
export interface FilePersistence {
  /** The saved state, or undefined when the file does not exist. Throws on a file that is not JSON. */
  load(): unknown | undefined
  /**
   * Schedules a save. Pass a function to build the state only when the write happens: many changes within
   * the debounce window then cost one snapshot and one write.
   */
  save(state: unknown | (() => unknown)): void
  /** Writes a scheduled save now (call it on shutdown). Throws if the write fails. */
  flush(): void
  /** The error of the last failed background write, if any (cleared by a successful write). */
  lastError(): Error | undefined
}

/**
 * Creates a JSON-file persistence: saves are debounced (one write of the latest state 200 ms after the first
 * unsaved change, by default) and atomic (temporary file + rename), so the file always holds a complete state.
 *
 * @example
 * const persistence = createFilePersistence('/tmp/emulator.json')
 * const saved = persistence.load()
 * if (saved) registry.restore(saved)
 * registry.onChange(() => persistence.save(() => registry.snapshot()))
 * // on close:
 * persistence.flush()
 */
export function createFilePersistence(path: string, options: { debounceMs?: number } = {}): FilePersistence {
  const debounceMs = options.debounceMs ?? 200
  let pending: { state: unknown } | undefined
  let timer: NodeJS.Timeout | undefined
  let failure: Error | undefined

  const write = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!pending) return
    const { state } = pending
    pending = undefined
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeJsonAtomic(path, typeof state === 'function' ? (state as () => unknown)() : state)
      failure = undefined
    } catch (err) {
      // Keep the state for the next attempt unless a newer save replaced it meanwhile.
      pending ??= { state }
      throw err
    }
  }

  return {
    load() {
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
      try {
        return JSON.parse(text) as unknown
      } catch (err) {
        throw new Error(`The emulator state file ${path} is not valid JSON; move it away to start fresh`, {
          cause: err,
        })
      }
    },
    save(state) {
      pending = { state }
      // The window starts at the first unsaved change and is not extended, so a busy emulator still
      // writes at least once per window.
      if (timer) return
      timer = setTimeout(() => {
        try {
          write()
        } catch (err) {
          // A background save must not crash the emulator; the next save or flush tries again.
          failure = err as Error
        }
      }, debounceMs)
    },
    flush() {
      write()
    },
    lastError: () => failure,
  }
}
