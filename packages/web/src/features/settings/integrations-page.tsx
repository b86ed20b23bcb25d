import { useDocumentTitle } from '../../ui'

/** Integrations: QuickBooks Online, honestly shown as not connected until the integration ships. */
export const IntegrationsPage = () => {
  useDocumentTitle('Integrations')
  return (
    <section aria-labelledby="integrations-title">
      <h2 id="integrations-title" className="settings-title" tabIndex={-1}>
        Integrations
      </h2>
      <article className="card integration-card" aria-labelledby="qbo-title">
        <div className="integration-logo" aria-hidden="true">
          qb
        </div>
        <div className="integration-body">
          <h3 id="qbo-title" className="integration-name">
            QuickBooks Online — <span className="status-pill status-off">not connected</span>
          </h3>
          <p id="qbo-explanation">
            Connecting a QuickBooks Online company arrives with the QuickBooks integration. Once connected,
            every organization, contact, opportunity and project will show its QuickBooks customer, balances,
            estimates, invoices and payments. Nothing is ever changed in QuickBooks unless someone asks for
            it.
          </p>
          <button type="button" className="btn btn-primary" disabled aria-describedby="qbo-explanation">
            Connect to QuickBooks
          </button>
        </div>
      </article>
    </section>
  )
}
