import pino, { type Logger } from 'pino'
import { type Config, SECRET_CONFIG_PATHS } from './config'

/** Everything that may carry a secret, wherever it appears in a log line. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.csrfToken',
  '*.token',
  'password',
  'csrfToken',
  ...SECRET_CONFIG_PATHS.map((path) => `config.${path}`),
]

export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } })
