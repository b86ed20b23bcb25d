import { lazy } from 'react'

// Each page is its own chunk, fetched the first time someone opens it: the sign-in page stays small.
export const RecordListPage = lazy(() =>
  import('./record-list-page').then((m) => ({ default: m.RecordListPage })),
)
export const RecordPage = lazy(() => import('./record-page').then((m) => ({ default: m.RecordPage })))
export const RecordFormPage = lazy(() =>
  import('./record-form-page').then((m) => ({ default: m.RecordFormPage })),
)
export const ImportPage = lazy(() => import('./import-page').then((m) => ({ default: m.ImportPage })))
