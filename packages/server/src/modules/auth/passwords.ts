import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS)

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A random password for people to copy: 20 characters from an unambiguous alphabet (about 100 bits). */
export const generatePassword = (): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(20)
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
}

/** Compared against when the email is unknown, so sign-in takes as long either way. */
let dummyHash: Promise<string> | undefined
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword(generatePassword())
  return dummyHash
}
