import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createEmulator, type Emulator } from './emulator'
import { DEFAULT_CLIENT, type EmulatorOptions, type SeedOption } from './options'

/** What the command line asks for. */
export interface CliConfig {
  port: number
  host: string
  options: EmulatorOptions
}

const USAGE = `Usage: ledgerlink-qbo-emulator [options]
  --port <n>              port to listen on (default 4010; 0 = any free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --test-mode             enable the /_emulator/* control routes
  --latency <ms>          added latency per Accounting API request (default 0)
  --seed <kind>           demo (default) | empty | generate:<customers>[:<documentsPerCustomer>]
  --persist <file.json>   keep companies and tokens in this file across restarts
  --client-id <id>        OAuth client id (default ${DEFAULT_CLIENT.clientId})
  --client-secret <s>     OAuth client secret (default ${DEFAULT_CLIENT.clientSecret})
  --redirect-uri <uri>    registered redirect URI; repeatable (default ${DEFAULT_CLIENT.redirectUris[0]})
  --webhook-url <url>     deliver webhooks to this URL
  --webhook-verifier <t>  verifier token that signs webhooks (required with --webhook-url)
  --webhook-format <f>    legacy (default) | cloudevents
  --no-rate-limits        turn QBO's throttles off
  --help                  show this text`

/**
 * Parses the command line. Throws an Error with a readable message on bad input.
 *
 * @example
 * parseCliArgs(['--port', '4010', '--test-mode']).port // 4010
 */
export function parseCliArgs(argv: string[]): CliConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'test-mode': { type: 'boolean', default: false },
      latency: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'demo' },
      persist: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'webhook-url': { type: 'string' },
      'webhook-verifier': { type: 'string' },
      'webhook-format': { type: 'string', default: 'legacy' },
      'no-rate-limits': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return 'help'
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0..65535, got ${values.port}`)
  const latencyMs = Number(values.latency)
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`--latency must be a non-negative number, got ${values.latency}`)
  const options: EmulatorOptions = {
    testMode: values['test-mode'],
    latencyMs,
    seed: parseSeed(values.seed),
    rateLimits: !values['no-rate-limits'],
    clients: [
      {
        clientId: values['client-id'] ?? DEFAULT_CLIENT.clientId,
        clientSecret: values['client-secret'] ?? DEFAULT_CLIENT.clientSecret,
        redirectUris: values['redirect-uri'] ?? DEFAULT_CLIENT.redirectUris,
      },
    ],
  }
  if (values.persist) options.persistPath = values.persist
  const format = values['webhook-format']
  if (format !== 'legacy' && format !== 'cloudevents')
    throw new Error('--webhook-format must be legacy or cloudevents')
  if (values['webhook-url']) {
    if (!values['webhook-verifier']) throw new Error('--webhook-url needs --webhook-verifier')
    options.webhooks = { url: values['webhook-url'], verifierToken: values['webhook-verifier'], format }
  }
  return { port, host: values.host, options }
}

function parseSeed(value: string): SeedOption {
  if (value === 'demo' || value === 'empty') return value
  const match = /^generate:(\d+)(?::(\d+))?$/.exec(value)
  if (!match)
    throw new Error(
      `--seed must be demo, empty or generate:<customers>[:<documentsPerCustomer>], got ${value}`,
    )
  return { customers: Number(match[1]), documentsPerCustomer: match[2] === undefined ? 10 : Number(match[2]) }
}

/**
 * The lines printed once listening. The secret is shown only when it is the public development default.
 *
 * @example
 * process.stdout.write(describeRunning('http://127.0.0.1:4010', config, emulator))
 */
export function describeRunning(baseUrl: string, config: CliConfig, emulator: Emulator): string {
  const client = config.options.clients?.[0] ?? DEFAULT_CLIENT
  const secret =
    client.clientSecret === DEFAULT_CLIENT.clientSecret
      ? client.clientSecret
      : '(as given with --client-secret)'
  return [
    `QBO emulator listening on ${baseUrl}`,
    `  Accounting API base: ${baseUrl}  (paths /v3/company/{realmId}/…)`,
    `  Discovery URL:       ${baseUrl}/.well-known/openid-configuration`,
    `  Client id:           ${client.clientId}`,
    `  Client secret:       ${secret}`,
    `  Redirect URIs:       ${client.redirectUris.join(', ')}`,
    `  Companies:           ${emulator
      .companies()
      .map((c) => `${c.realmId} (${c.name})`)
      .join(', ')}`,
    `  Test mode:           ${config.options.testMode ? `on (${baseUrl}/_emulator/*)` : 'off'}`,
  ].join('\n')
}

async function start(config: CliConfig): Promise<{ emulator: Emulator; baseUrl: string }> {
  const emulator = createEmulator(config.options)
  try {
    return { emulator, baseUrl: await emulator.listen({ port: config.port, host: config.host }) }
  } catch (err) {
    await emulator.close().catch(() => undefined)
    throw err
  }
}

/**
 * Runs the emulator until SIGINT or SIGTERM.
 *
 * @example
 * await main(['--port', '4010', '--test-mode'])
 */
export async function main(argv: string[]): Promise<void> {
  let config: CliConfig | 'help'
  try {
    config = parseCliArgs(argv)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`)
    process.exitCode = 2
    return
  }
  if (config === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let started: { emulator: Emulator; baseUrl: string }
  try {
    started = await start(config)
  } catch (err) {
    process.stderr.write(`Could not start the emulator: ${(err as Error).message}\n`)
    process.exitCode = 1
    return
  }
  const { emulator, baseUrl } = started
  process.stdout.write(`${describeRunning(baseUrl, config, emulator)}\n`)
  let closing = false
  const stop = (signal: string) => {
    if (closing) return
    closing = true
    process.stdout.write(`Received ${signal}, closing\n`)
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Close failed: ${(err as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

const invokedDirectly = (() => {
  try {
    return (
      process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
    )
  } catch {
    return false
  }
})()
if (invokedDirectly) await main(process.argv.slice(2))
