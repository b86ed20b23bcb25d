import { createEmulator, type Emulator, type EmulatorOptions } from '@ledgerlink/qbo-emulator'
import { createQboClient, type QboClient, type QboClientOptions } from '../src'

/** The demo seed's main company ("Ledgerlink Demo Landscaping"). */
export const DEMO_REALM = '9130357766900456'
/** The demo seed's second, small company. */
export const SECOND_REALM = '9130357766900457'

export const CLIENT_ID = 'ledgerlink-dev'
export const CLIENT_SECRET = 'ledgerlink-dev-secret'
export const REDIRECT_URI = 'http://localhost:3000/api/quickbooks/callback'

/** Starts an in-process emulator in test mode on a free loopback port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = createEmulator({ testMode: true, seed: 'demo', ...options })
  await emulator.listen({ port: 0, host: '127.0.0.1' })
  return emulator
}

/** A client for the emulator with short retry waits, so failure paths run in milliseconds. */
export function clientFor(emulator: Emulator, overrides: Partial<QboClientOptions> = {}): QboClient {
  return createQboClient({
    environment: 'emulator',
    emulatorBaseUrl: emulator.baseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    clock: emulator.clock,
    retry: { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 20, throttleDelayMs: 20, budgetMs: 10_000 },
    timeouts: { requestMs: 2_000, tokenMs: 2_000 },
    ...overrides,
  })
}

/** A client already connected to `realmId` with tokens minted by the emulator. */
export async function connectedClient(
  emulator: Emulator,
  realmId = DEMO_REALM,
  overrides: Partial<QboClientOptions> = {},
): Promise<QboClient> {
  const client = clientFor(emulator, overrides)
  await client.oauth.connectWithTokens(realmId, { ...emulator.issueTokens(realmId) })
  return client
}

/** A unique display name, so tests sharing one emulator never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 10)}`
}
