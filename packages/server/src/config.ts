import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

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
  QBO_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  WEB_DIST_DIR: z.string().min(1).default(webDistDefault),
})

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
  qbo: Readonly<{ clientId: string | undefined; clientSecret: string | undefined; emulatorPort: number }>
  webDistDir: string
}>

/** Config paths that hold secrets; the logger redacts them wherever a config object is logged. */
export const SECRET_CONFIG_PATHS = [
  'databaseUrl',
  'demo.adminPassword',
  'qbo.clientSecret',
] as const satisfies readonly string[]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
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
    qbo: { clientId: e.QBO_CLIENT_ID, clientSecret: e.QBO_CLIENT_SECRET, emulatorPort: e.QBO_EMULATOR_PORT },
    webDistDir: resolve(e.WEB_DIST_DIR),
  })
}
