import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { isTokenCryptoError, parseKeyring } from './modules/quickbooks/token-crypto'

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

const webDistDefault = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** Secrets are marked with `.meta({ secret: true })`: the logger redacts them and `describeConfig` hides them. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEDGERLINK_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional().meta({ secret: true }),
  COOKIE_SECURE: booleanString.default(false),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  LEDGERLINK_SEED_DEMO: booleanString.default(true),
  LEDGERLINK_ADMIN_EMAIL: z.email().optional(),
  LEDGERLINK_ADMIN_PASSWORD: z.string().min(8).max(200).optional().meta({ secret: true }),
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional().meta({ secret: true }),
  QBO_REDIRECT_URI: z.url().optional(),
  QBO_ENVIRONMENT: z.enum(['sandbox', 'production']).optional(),
  LEDGERLINK_ENCRYPTION_KEY: z.string().min(1).optional().meta({ secret: true }),
  QBO_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  QBO_WEBHOOK_VERIFIER_TOKEN: z.string().min(1).optional().meta({ secret: true }),
  QBO_CACHE_FRESHNESS_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  QBO_CDC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  WEB_DIST_DIR: z.string().min(1).default(webDistDefault),
})

/**
 * Which QuickBooks the server talks to. Without `QBO_CLIENT_ID` it is the embedded emulator with its built-in
 * development app; with it, Intuit's sandbox or production (QBO_ENVIRONMENT, default sandbox).
 */
export type QboConfig = {
  environment: 'emulator' | 'sandbox' | 'production'
  clientId: string
  clientSecret: string
  /** The registered callback URL; unset in emulator mode, where the server's own URL is used. */
  redirectUri: string | undefined
  emulatorPort: number
}

/** The development app every emulator knows (packages/qbo-emulator DEFAULT_CLIENT). */
export const EMULATOR_CLIENT = { clientId: 'ledgerlink-dev', clientSecret: 'ledgerlink-dev-secret' } as const

export type Config = Readonly<{
  nodeEnv: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  dataDir: string
  databaseUrl: string | undefined
  cookieSecure: boolean
  sessionIdleMs: number
  signIn: Readonly<{ maxAttempts: number; windowMs: number }>
  demo: Readonly<{ isEnabled: boolean; adminEmail: string | undefined; adminPassword: string | undefined }>
  qbo: Readonly<QboConfig>
  /** Keyring text for token encryption (`keyId:base64key,…`); see modules/quickbooks/token-crypto.ts. */
  encryptionKey: string | undefined
  /** The QuickBooks read cache: webhook verifier token (Intuit's, per app), freshness, CDC interval (0: off). */
  qboCache: Readonly<{
    webhookVerifierToken: string | undefined
    freshnessMs: number
    reconcileIntervalMs: number
  }>
  webDistDir: string
}>

/** Config paths that hold secrets; the logger redacts them wherever a config object is logged. */
export const SECRET_CONFIG_PATHS = [
  'databaseUrl',
  'demo.adminPassword',
  'qbo.clientSecret',
  'encryptionKey',
  'qboCache.webhookVerifierToken',
] as const satisfies readonly string[]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Env = z.infer<typeof envSchema>

const qboProblems = (e: Env): string[] => {
  if (!e.QBO_CLIENT_ID) {
    return e.QBO_CLIENT_SECRET || e.QBO_REDIRECT_URI || e.QBO_ENVIRONMENT
      ? ['QBO_CLIENT_ID: set it too (QBO_CLIENT_SECRET, QBO_REDIRECT_URI and QBO_ENVIRONMENT need it)']
      : []
  }
  const problems: string[] = []
  if (!e.QBO_CLIENT_SECRET) problems.push('QBO_CLIENT_SECRET: required with QBO_CLIENT_ID')
  if (!e.QBO_REDIRECT_URI) problems.push('QBO_REDIRECT_URI: required with QBO_CLIENT_ID')
  else if (!/^https:\/\//.test(e.QBO_REDIRECT_URI) && !/^http:\/\/localhost[:/]/.test(e.QBO_REDIRECT_URI))
    // Intuit accepts only https redirect URIs, plus http://localhost for sandbox apps (API-NOTES §10).
    problems.push('QBO_REDIRECT_URI: must be https (http only for localhost)')
  return problems
}

const encryptionKeyProblems = (e: Env): string[] => {
  if (!e.LEDGERLINK_ENCRYPTION_KEY) {
    return e.NODE_ENV === 'production'
      ? [
          'LEDGERLINK_ENCRYPTION_KEY: required in production (e.g. "k1:" followed by `openssl rand -base64 32`)',
        ]
      : []
  }
  try {
    parseKeyring(e.LEDGERLINK_ENCRYPTION_KEY)
    return []
  } catch (error) {
    if (isTokenCryptoError(error)) return [`LEDGERLINK_ENCRYPTION_KEY: ${error.message}`]
    throw error
  }
}

const qboConfigOf = (e: Env): QboConfig =>
  e.QBO_CLIENT_ID
    ? {
        environment: e.QBO_ENVIRONMENT ?? 'sandbox',
        clientId: e.QBO_CLIENT_ID,
        clientSecret: e.QBO_CLIENT_SECRET ?? '',
        redirectUri: e.QBO_REDIRECT_URI,
        emulatorPort: e.QBO_EMULATOR_PORT,
      }
    : {
        environment: 'emulator',
        ...EMULATOR_CLIENT,
        redirectUri: undefined,
        emulatorPort: e.QBO_EMULATOR_PORT,
      }

const deepFreeze = <T extends object>(value: T): T => {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child)
  }
  return Object.freeze(value)
}

/**
 * Parses the environment once. Every bad variable is reported together in one ConfigError.
 * @example const config = loadConfig({ PORT: '3001' })
 */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`))
  }
  const e = parsed.data
  const problems = [...qboProblems(e), ...encryptionKeyProblems(e)]
  if (problems.length > 0) throw new ConfigError(problems)
  return deepFreeze({
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.LEDGERLINK_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    signIn: { maxAttempts: e.SIGN_IN_MAX_ATTEMPTS, windowMs: e.SIGN_IN_WINDOW_MINUTES * 60_000 },
    demo: {
      isEnabled: e.LEDGERLINK_SEED_DEMO,
      adminEmail: e.LEDGERLINK_ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.LEDGERLINK_ADMIN_PASSWORD,
    },
    qbo: qboConfigOf(e),
    encryptionKey: e.LEDGERLINK_ENCRYPTION_KEY,
    qboCache: {
      webhookVerifierToken: e.QBO_WEBHOOK_VERIFIER_TOKEN,
      freshnessMs: e.QBO_CACHE_FRESHNESS_SECONDS * 1_000,
      reconcileIntervalMs: e.QBO_CDC_INTERVAL_SECONDS * 1_000,
    },
    webDistDir: resolve(e.WEB_DIST_DIR),
  })
}
