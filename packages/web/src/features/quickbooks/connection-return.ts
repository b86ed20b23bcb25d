/** What the Integrations page says after Intuit sends the administrator back (`?quickbooks=…&reason=…`). */
export type ConnectionReturn =
  | { kind: 'connected' }
  | { kind: 'confirm' }
  | { kind: 'error'; reason: string; message: string }
  | null

const REASONS: Record<string, string> = {
  access_denied: 'The connection was cancelled on the Intuit page, so nothing was connected.',
  invalid_state:
    'That connection attempt has expired or was started in another session, so it was ignored. Start again with “Connect to QuickBooks”.',
  forbidden: 'Only administrators can connect the workspace to QuickBooks.',
  token_exchange_failed: 'QuickBooks did not finish the connection. Try again in a moment.',
  quickbooks_unavailable:
    'QuickBooks could not be reached, so nothing was connected. Try again in a few minutes.',
}

/** Reads the return parameters; anything unexpected is a generic failure rather than silence. */
export const readConnectionReturn = (params: URLSearchParams): ConnectionReturn => {
  const outcome = params.get('quickbooks')
  if (outcome === 'connected') return { kind: 'connected' }
  if (outcome === 'confirm') return { kind: 'confirm' }
  if (outcome === 'error') {
    const reason = params.get('reason') ?? 'unknown'
    return {
      kind: 'error',
      reason,
      message: REASONS[reason] ?? 'QuickBooks did not complete the connection. Try again.',
    }
  }
  return null
}

const ENVIRONMENT_LABELS: Record<string, string> = {
  emulator: 'Built-in QuickBooks emulator (demo data)',
  sandbox: 'Intuit sandbox',
  production: 'Production',
}

export const environmentLabel = (environment: string): string =>
  ENVIRONMENT_LABELS[environment] ?? environment
