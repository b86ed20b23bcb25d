/**
 * Reads named string parameters from a parsed body or query string. RFC 6749 §3.1 forbids repeating a
 * parameter, and a JSON body could carry non-strings; both are reported instead of guessed at.
 *
 * @example
 * readParams({ grant_type: 'refresh_token' }, ['grant_type', 'refresh_token'])
 * // { ok: true, values: { grant_type: 'refresh_token', refresh_token: undefined } }
 */
export function readParams<Name extends string>(
  source: unknown,
  names: readonly Name[],
): { ok: true; values: Record<Name, string | undefined> } | { ok: false; problem: string } {
  const record = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {}
  const values = {} as Record<Name, string | undefined>
  for (const name of names) {
    const value = Object.hasOwn(record, name) ? record[name] : undefined
    if (Array.isArray(value)) return { ok: false, problem: `Parameter repeated: ${name}` }
    if (value !== undefined && typeof value !== 'string')
      return { ok: false, problem: `Parameter must be a string: ${name}` }
    values[name] = value === '' ? undefined : value
  }
  return { ok: true, values }
}
