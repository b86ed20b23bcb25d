/**
 * The Ledgerlink server as the QuickBooks benchmarks run it: a child process (so its memory can be measured
 * on its own) built exactly like production — configuration from the environment, the database migrated,
 * `buildApp` with the QuickBooks capability, read cache and database rate-limit store it builds itself —
 * talking to the emulator at `QBO_EMULATOR_PORT`. Prints `listening <url>` once it accepts requests and stops
 * on SIGTERM.
 *
 * Run by qbo-harness.ts; not a benchmark on its own.
 */
import { buildApp, loadConfig, openConfiguredDatabase } from '@ledgerlink/server'

const config = loadConfig(process.env)
const database = await openConfiguredDatabase(config)
const app = await buildApp(config, { db: database.db })
const url = await app.listen({ port: config.port, host: '127.0.0.1' })
process.stdout.write(`listening ${url}\n`)

const stop = async () => {
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('SIGINT', () => void stop())
