import type { Logger } from 'pino'
import type { Config } from './config'

export type EmbeddedEmulator = { url: string; close: () => Promise<void> }

/**
 * Starts the QuickBooks Online emulator in-process (demo company) so the QuickBooks screens work without
 * Intuit credentials. A busy port is reported and the server carries on without it.
 */
export const startEmbeddedEmulator = async (
  config: Pick<Config, 'qbo'>,
  logger: Logger,
  print: (line: string) => void,
): Promise<EmbeddedEmulator | null> => {
  try {
    const { createEmulator } = await import('@ledgerlink/qbo-emulator')
    const emulator = createEmulator({ seed: 'demo', testMode: false })
    const url = await emulator.listen({ port: config.qbo.emulatorPort, host: '127.0.0.1' })
    print(`QuickBooks Online emulator (demo company) at ${url}`)
    return { url, close: () => emulator.close() }
  } catch (error) {
    logger.warn({ err: error }, 'the QuickBooks Online emulator could not start')
    print('The QuickBooks Online emulator could not start (see the log); continuing without it.')
    return null
  }
}
