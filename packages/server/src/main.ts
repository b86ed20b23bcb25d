import { ConfigError } from './config'
import { startServer } from './server'

try {
  const server = await startServer()
  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
} catch (error) {
  process.stderr.write(`${explain(error)}\n`)
  process.exit(1)
}

function explain(error: unknown): string {
  if (error instanceof ConfigError) return error.message
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  // The code stays in the message: it is what a supervisor or a script looks for.
  if (code === 'EADDRINUSE')
    return `Ledgerlink could not start: the port is already in use (EADDRINUSE). Stop what uses it or set PORT.`
  return String((error as Error)?.stack ?? error)
}
