import { createEmulator, DEMO_REALM_ID, type Emulator, type EmulatorOptions } from '../src/index'

/** An HTTP answer, parsed. */
export interface Answer {
  status: number
  text: string
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
  body: any
  headers: Headers
}

/** A running emulator plus a small client for one realm. */
export interface Harness {
  emulator: Emulator
  baseUrl: string
  realmId: string
  token(realmId?: string): string | undefined
  get(path: string, opts?: { realmId?: string; token?: string | null }): Promise<Answer>
  post(
    path: string,
    body: unknown,
    opts?: { realmId?: string; token?: string | null; contentType?: string },
  ): Promise<Answer>
  query(text: string): Promise<Answer>
  close(): Promise<void>
}

/**
 * Starts an in-process emulator on a free port (test mode, rate limits off unless asked) with the two
 * demo realms.
 */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = createEmulator({ testMode: true, seed: 'empty', rateLimits: false, ...options })
  const baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
  // Tokens are re-minted when the emulator clock has moved past (or before) their lifetime.
  const tokens = new Map<string, { value: string | undefined; at: number }>()
  const token = (realmId = DEMO_REALM_ID) => {
    const now = emulator.clock.now()
    const cached = tokens.get(realmId)
    if (cached && now >= cached.at && now - cached.at < 50 * 60_000) return cached.value
    let value: string | undefined
    try {
      value = emulator.issueTokens(realmId).access_token
    } catch {
      value = undefined
    }
    tokens.set(realmId, { value, at: now })
    return value
  }
  const call = async (
    method: string,
    path: string,
    body: unknown,
    opts: { realmId?: string; token?: string | null; contentType?: string },
  ) => {
    const realmId = opts.realmId ?? DEMO_REALM_ID
    const headers: Record<string, string> = { accept: 'application/json' }
    const bearer = opts.token === undefined ? token(realmId) : opts.token
    if (bearer) headers.authorization = `Bearer ${bearer}`
    let payload: string | undefined
    if (body !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json'
      payload = typeof body === 'string' ? body : JSON.stringify(body)
    }
    const url = path.startsWith('/') ? `${baseUrl}${path}` : `${baseUrl}/v3/company/${realmId}/${path}`
    const res = await fetch(url, { method, headers, body: payload })
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    return { status: res.status, text, body: parsed, headers: res.headers }
  }
  return {
    emulator,
    baseUrl,
    realmId: DEMO_REALM_ID,
    token,
    get: (path, opts = {}) => call('GET', path, undefined, opts),
    post: (path, body, opts = {}) => call('POST', path, body, opts),
    query: (text) => call('POST', 'query?minorversion=75', text, { contentType: 'application/text' }),
    close: () => emulator.close(),
  }
}

/** Creates a customer through the API and returns it. */
export async function createCustomer(h: Harness, body: Record<string, unknown>) {
  const res = await h.post('customer', body)
  if (res.status !== 200) throw new Error(`create customer failed: ${res.text}`)
  return res.body.Customer as Record<string, unknown> & { Id: string; SyncToken: string }
}
