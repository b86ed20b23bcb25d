import type { Logger } from 'pino'
import { type Config, EMULATOR_CLIENT } from './config'

export type EmbeddedEmulator = { url: string; close: () => Promise<void> }

/**
 * Starts the QuickBooks Online emulator in-process (demo company) so the QuickBooks screens work without
 * Intuit credentials. A busy port is reported and the server carries on without it.
 *
 * `redirectUris` is the development app's list of accepted callback URLs. The emulator reads it on every
 * authorization request, so the caller can add the server's real URLs once it listens (with PORT=0 they are
 * not known before). `webhooks`, when given, sends Intuit-style signed notifications of every change there.
 */
export const startEmbeddedEmulator = async (
  config: Pick<Config, 'qbo'>,
  logger: Logger,
  print: (line: string) => void,
  redirectUris: string[],
  webhooks?: { url: string; verifierToken: string; format: 'legacy' | 'cloudevents' },
): Promise<EmbeddedEmulator | null> => {
  try {
    const { createEmulator } = await import('@ledgerlink/qbo-emulator')
    const emulator = createEmulator({
      seed: 'demo',
      testMode: false,
      clients: [{ ...EMULATOR_CLIENT, redirectUris }],
      ...(webhooks ? { webhooks } : {}),
    })
    const url = await emulator.listen({ port: config.qbo.emulatorPort, host: '127.0.0.1' })
    print(`QuickBooks Online emulator (demo company) at ${url}`)
    return { url, close: () => emulator.close() }
  } catch (error) {
    logger.warn({ err: error }, 'the QuickBooks Online emulator could not start')
    print('The QuickBooks Online emulator could not start (see the log); continuing without it.')
    return null
  }
}

/** The callback URLs of a server listening at `url`, in both the `localhost` and the `127.0.0.1` form. */
export const callbackUrlsFor = (url: string, callbackPath: string): string[] => {
  const base = new URL(url)
  const forms = new Set([base.origin])
  for (const host of ['localhost', '127.0.0.1']) {
    if (base.hostname === 'localhost' || base.hostname === '127.0.0.1') {
      const other = new URL(base.href)
      other.hostname = host
      forms.add(other.origin)
    }
  }
  return [...forms].map((origin) => `${origin}${callbackPath}`)
}
