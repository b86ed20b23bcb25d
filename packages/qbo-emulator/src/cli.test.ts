import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli'

describe('command line', () => {
  it('parses every flag', () => {
    const config = parseCliArgs([
      '--port',
      '4010',
      '--host',
      '0.0.0.0',
      '--test-mode',
      '--latency',
      '100',
      '--seed',
      'generate:500:3',
      '--persist',
      'state.json',
      '--client-id',
      'app',
      '--client-secret',
      'shh',
      '--redirect-uri',
      'http://a/cb',
      '--redirect-uri',
      'http://b/cb',
      '--webhook-url',
      'http://127.0.0.1:9/hook',
      '--webhook-verifier',
      'v',
      '--webhook-format',
      'cloudevents',
    ])
    expect(config).toEqual({
      port: 4010,
      host: '0.0.0.0',
      options: {
        testMode: true,
        latencyMs: 100,
        seed: { customers: 500, documentsPerCustomer: 3 },
        rateLimits: true,
        persistPath: 'state.json',
        clients: [{ clientId: 'app', clientSecret: 'shh', redirectUris: ['http://a/cb', 'http://b/cb'] }],
        webhooks: { url: 'http://127.0.0.1:9/hook', verifierToken: 'v', format: 'cloudevents' },
      },
    })
  })

  it('defaults to port 4010, the demo seed and the development client', () => {
    const config = parseCliArgs([])
    expect(config).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      options: {
        seed: 'demo',
        testMode: false,
        clients: [
          {
            clientId: 'ledgerlink-dev',
            clientSecret: 'ledgerlink-dev-secret',
            redirectUris: ['http://localhost:3000/api/quickbooks/callback'],
          },
        ],
      },
    })
    expect(parseCliArgs(['--seed', 'generate:20'])).toMatchObject({
      options: { seed: { customers: 20, documentsPerCustomer: 10 } },
    })
  })

  it.each([
    [['--port', 'abc'], /--port/],
    [['--latency', '-5'], /--latency/],
    [['--seed', 'lots'], /--seed/],
    [['--webhook-url', 'http://x'], /--webhook-verifier/],
    [['--webhook-format', 'xml'], /--webhook-format/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message)
  })

  it('runs through the bin shim, prints the URLs and closes cleanly on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../bin/ledgerlink-qbo-emulator.js', import.meta.url))
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', 'empty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match?.[1] && out.includes('Test mode')) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
      child.once('exit', () => reject(new Error(`exited early: ${out}`)))
    })
    expect(out).toContain(`${baseUrl}/.well-known/openid-configuration`)
    expect(out).toContain('ledgerlink-dev-secret')
    expect((await fetch(`${baseUrl}/.well-known/openid-configuration`)).status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
