import { createServer } from 'node:net'

/**
 * A loopback port that was free a moment ago, for a child process that must be told its port before it
 * listens (a throwaway PostgreSQL, a server under test). Something else may take it meanwhile: where a process
 * can listen on port 0 and report its address, that is safer.
 * @example const port = await freePort()
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
