/**
 * File persistence of the emulator's state: debounced, atomic JSON writes.
 *
 * @example
 * import { createFilePersistence } from './persistence'
 * const persistence = createFilePersistence('./emulator-state.json')
 */
export { createFilePersistence, type FilePersistence } from './file-persistence'
export { writeJsonAtomic } from './json-file'
