import { lazy } from 'react'

/** The Settings → Integrations card, loaded with the page that shows it rather than with the first page. */
export const QuickbooksConnectionCard = lazy(() =>
  import('./quickbooks-connection-card').then((m) => ({ default: m.QuickbooksConnectionCard })),
)
