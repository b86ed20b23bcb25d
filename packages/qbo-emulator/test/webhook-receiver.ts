import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One webhook delivery as received: headers and the raw body. */
export interface Delivery {
  headers: IncomingHttpHeaders
  body: string
}

/** A local HTTP endpoint that records webhook deliveries and answers 200. */
export async function startReceiver(): Promise<{
  url: string
  deliveries: Delivery[]
  waitFor(count: number, timeoutMs?: number): Promise<Delivery[]>
  close(): Promise<void>
}> {
  const deliveries: Delivery[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    deliveries,
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs
      while (deliveries.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
      return deliveries
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
