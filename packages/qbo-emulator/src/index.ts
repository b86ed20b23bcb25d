/**
 * An offline emulator of QuickBooks Online's Accounting API and Intuit OAuth 2.0.
 *
 * @example
 * import { createEmulator } from '@ledgerlink/qbo-emulator'
 * const emulator = createEmulator({ testMode: true })
 * const baseUrl = await emulator.listen({ port: 0 })
 */
export { type Clock, type ControllableClock, createClock } from './clock'
export { createEmulator, type Emulator } from './emulator'
export type { FaultError, FaultType } from './faults'
export { QboFault } from './faults'
export type { FaultScope, InjectedFault } from './faults-injection'
export type { TokenResponse } from './integrations'
export {
  type ClientOptions,
  type ConfigureOptions,
  DEFAULT_CLIENT,
  DEFAULT_RATE_LIMITS,
  type EmulatorOptions,
  type FaultOptions,
  type InjectedFaultKind,
  type RateLimitOptions,
  type SeedOption,
  type WebhookOptions,
} from './options'
export {
  type ParsedQuery,
  parseQuery,
  type QueryEntity,
  QueryLanguageError,
  type QueryResult,
  runQuery,
} from './query-language'
export type { StatsSnapshot } from './routes/stats'
export { DEMO_REALM_ID, SECOND_REALM_ID } from './seeding'
export type {
  ChangeEvent,
  ChangeRecord,
  CompanyStore,
  EntityName,
  QboObject,
  Registry,
} from './store'
export { createRegistry } from './store'
export { signWebhookPayload, verifyWebhookSignature } from './webhooks'
