import { Suspense } from 'react'
import { LoadingState, useDocumentTitle } from '../../ui'
import { QuickbooksConnectionCard } from '../quickbooks'

/** Integrations: the workspace's connection to QuickBooks Online. */
export const IntegrationsPage = () => {
  useDocumentTitle('Integrations')
  return (
    <section aria-labelledby="integrations-title">
      <h2 id="integrations-title" className="settings-title" tabIndex={-1}>
        Integrations
      </h2>
      <Suspense fallback={<LoadingState label="Reading the connection…" />}>
        <QuickbooksConnectionCard />
      </Suspense>
    </section>
  )
}
