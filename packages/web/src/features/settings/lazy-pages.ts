import { lazy } from 'react'

export const SettingsLayout = lazy(() =>
  import('./settings-layout').then((m) => ({ default: m.SettingsLayout })),
)
export const UsersPage = lazy(() => import('./users-page').then((m) => ({ default: m.UsersPage })))
export const IntegrationsPage = lazy(() =>
  import('./integrations-page').then((m) => ({ default: m.IntegrationsPage })),
)
