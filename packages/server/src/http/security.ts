import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * Security headers for every response, `Cache-Control: no-store` on the API (responses hold private data),
 * and TRACE refused (it would echo cookies back to a script).
 */
export const registerSecurity = async (
  app: FastifyInstance,
  options: { isHttps: boolean },
): Promise<void> => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        // Upgrading would break a plain-http install on localhost (the zero-setup default).
        'upgrade-insecure-requests': options.isHttps ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.isHttps,
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'TRACE' || request.method === 'TRACK') {
      return reply
        .code(405)
        .header('allow', 'GET, HEAD, POST, PATCH, DELETE')
        .send({ error: { code: 'METHOD_NOT_ALLOWED', message: 'This method is not allowed.' } })
    }
  })
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store')
    return payload
  })
}
