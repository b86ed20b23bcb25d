import { duplicateName, invalidCharacters, invalidProperty, noNameProvided, stringTooLong } from '../faults'
import type { CompanyState } from './company-state'
import type { EntityName, QboObject } from './types'

/** Name parts DisplayName is built from when omitted (API-NOTES.md §2.1). */
const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const

/** Maximum lengths of name-list string fields (API-NOTES.md §2.1). */
const MAX_LENGTH: Record<string, number> = {
  DisplayName: 500,
  Title: 16,
  GivenName: 100,
  MiddleName: 100,
  FamilyName: 100,
  Suffix: 16,
  CompanyName: 100,
  PrintOnCheckName: 110,
  Notes: 2000,
}

/** Fields that may not contain `:`, tab or newline (API-NOTES.md §2.1). */
const NO_SEPARATORS = new Set(['DisplayName', ...NAME_PARTS, 'PrintOnCheckName'])
const SEPARATOR = /[:\t\n\r]/

/**
 * DisplayName comparison key: trimmed and case-insensitive (unverified choice, §2.2).
 *
 * @example
 * normalizeName('  Acme Corp ') // 'acme corp'
 */
export const normalizeName = (name: string): string => name.trim().toLowerCase()

/**
 * Checks types, lengths and forbidden characters of the name fields present in `body`.
 *
 * @example
 * validateNameFields({ DisplayName: 'a:b' }) // throws 2040
 */
export function validateNameFields(body: QboObject): void {
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    const value = body[field]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string') throw invalidProperty(field, field)
    if (value.length > max) throw stringTooLong(field, max, value.length)
    if (NO_SEPARATORS.has(field) && SEPARATOR.test(value)) throw invalidCharacters(field)
  }
}

/**
 * The DisplayName to store: the given one (trimmed), else Title+Given+Middle+Family+Suffix, else
 * `fallback`; with none of them, 6080 No Name Provided.
 *
 * @example
 * resolveDisplayName({ GivenName: 'James', FamilyName: 'King' }) // 'James King'
 */
export function resolveDisplayName(body: QboObject, fallback?: string): string {
  const given = typeof body.DisplayName === 'string' ? body.DisplayName.trim() : ''
  if (given) return given
  const built = NAME_PARTS.map((p) => (typeof body[p] === 'string' ? (body[p] as string).trim() : ''))
    .filter(Boolean)
    .join(' ')
  if (built) {
    if (built.length > MAX_LENGTH.DisplayName!) throw stringTooLong('DisplayName', 500, built.length)
    return built
  }
  if (fallback) return fallback
  throw noNameProvided()
}

/**
 * Throws 6240 when another customer, vendor or employee holds `name`.
 *
 * @example
 * ensureNameFree(state, 'Acme Corp') // throws 6240 when taken
 */
export function ensureNameFree(
  state: CompanyState,
  name: string,
  self?: { entity: EntityName; id: string },
): void {
  const owner = state.names.get(normalizeName(name))
  if (owner && !(self && owner.entity === self.entity && owner.id === self.id)) throw duplicateName()
}

/**
 * Moves the name index from `oldName` to `newName` for one object.
 *
 * @example
 * renameInIndex(state, { entity: 'Customer', id: '2' }, 'Old', 'New')
 */
export function renameInIndex(
  state: CompanyState,
  owner: { entity: EntityName; id: string },
  oldName: string | undefined,
  newName: string,
): void {
  if (oldName !== undefined) {
    const key = normalizeName(oldName)
    const current = state.names.get(key)
    if (current && current.entity === owner.entity && current.id === owner.id) state.names.delete(key)
  }
  state.names.set(normalizeName(newName), owner)
}

const DELETED_SUFFIX = ' (deleted)'

/**
 * The name an inactive record takes: QBO shows inactive names with ` (deleted)` appended, which frees the
 * original name (API-NOTES.md §2.1, partly verified). A clash gets a counter: ` (deleted-2)`.
 *
 * @example
 * deletedName(state, 'Acme', { entity: 'Customer', id: '2' }) // 'Acme (deleted)'
 */
export function deletedName(
  state: CompanyState,
  name: string,
  self: { entity: EntityName; id: string },
): string {
  let candidate = `${name}${DELETED_SUFFIX}`
  for (let n = 2; isTaken(state, candidate, self); n++) candidate = `${name} (deleted-${n})`
  return candidate
}

/**
 * The name a reactivated record takes back (the suffix removed), if it is free.
 *
 * @example
 * reactivatedName('Acme (deleted)') // 'Acme'
 */
export function reactivatedName(name: string): string {
  const match = /^(.*) \(deleted(?:-\d+)?\)$/.exec(name)
  return match?.[1] ?? name
}

function isTaken(state: CompanyState, name: string, self: { entity: EntityName; id: string }): boolean {
  const owner = state.names.get(normalizeName(name))
  return owner !== undefined && !(owner.entity === self.entity && owner.id === self.id)
}
