import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { buildApp, QBO_CONCURRENT_REQUESTS } from './app'
import { type Config, loadConfig } from './config'
import { ensureEncryptionKey } from './config-encryption-key'
import { type DbHandle, openConfiguredDatabase } from './db'
import { seedDemoOnFirstStart } from './demo'
import { createLogger } from './logger'
import { removeExpiredSessions } from './modules/auth'
import { failRunningImports } from './modules/imports'
import { CALLBACK_PATH, createDbRateLimitStore, createQuickbooks } from './modules/quickbooks'
import { callbackUrlsFor, startEmbeddedEmulator } from './qbo-emulator'

export type RunningServer = {
  url: string
  app: FastifyInstance
  db: DbHandle
  emulatorUrl: string | null
  close: () => Promise<void>
}

/**
 * Opens and migrates the database, seeds the demo workspace on first start, starts the QBO emulator when no
 * Intuit credentials are configured (registering the server's own callback URLs with it), and listens. Used by main.ts and by end-to-end harnesses.
 * @example const server = await startServer({ PORT: '0', LEDGERLINK_DATA_DIR: dir })
 */
export const startServer = async (
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<RunningServer> => {
  const config: Config = ensureEncryptionKey(loadConfig(withDemoWebhookToken(env)), print)
  const logger = createLogger(config)
  const db = await openConfiguredDatabase(config, (error) =>
    logger.warn({ err: error }, 'an idle database connection was closed'),
  )
  await removeExpiredSessions(db.db)
  await failRunningImports(db.db)
  if (config.demo.isEnabled) await seedDemoOnFirstStart(db.db, config, print)
  // Shared with the emulator's development app, which reads it per request: filled in once the URL is known.
  const redirectUris: string[] = []
  const emulator =
    config.qbo.environment === 'emulator'
      ? await startEmbeddedEmulator(config, logger, print, redirectUris, demoWebhooksFor(config))
      : null
  const quickbooks = createQuickbooks({
    db: db.db,
    config,
    logger,
    redirectUris,
    // QBO's limits hold per company across every server process sharing the database (API-NOTES §9).
    rateLimitStore: createDbRateLimitStore({ db: db.db, concurrency: { limit: QBO_CONCURRENT_REQUESTS } }),
    ...(emulator ? { emulatorBaseUrl: emulator.url } : {}),
  })
  const app = await buildApp(config, { db: db.db, logger, quickbooks })
  const url = await app.listen({ port: config.port, host: config.host })
  redirectUris.push(...callbackUrlsFor(url, CALLBACK_PATH))
  print(`Ledgerlink is running at ${url.replace('127.0.0.1', 'localhost')}`)
  return {
    url,
    app,
    db,
    emulatorUrl: emulator?.url ?? null,
    close: async () => {
      await app.close()
      await emulator?.close()
      await db.close()
    },
  }
}

/**
 * With the embedded emulator, its webhooks are delivered to this server so that the demo's cache is
 * invalidated the way Intuit's notifications would: both sides share a verifier token made for this run
 * unless QBO_WEBHOOK_VERIFIER_TOKEN names one.
 */
const withDemoWebhookToken = (env: Record<string, string | undefined>) =>
  env.QBO_CLIENT_ID || env.QBO_WEBHOOK_VERIFIER_TOKEN
    ? env
    : { ...env, QBO_WEBHOOK_VERIFIER_TOKEN: randomBytes(24).toString('base64url') }

/** Where the emulator posts its notifications: this server's receiver, once the port is fixed (not PORT=0). */
const demoWebhooksFor = (config: Config) => {
  const token = config.qboCache.webhookVerifierToken
  if (!token || config.port === 0) return undefined
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  const origin = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${config.port}`).origin
  return { url: `${origin}/api/quickbooks/webhooks`, verifierToken: token, format: 'cloudevents' as const }
}
