import { Link } from 'react-router'
import { EmptyState } from '../../ui'
import { useSession } from '../auth'

/** The tab of a workspace without a QuickBooks connection: where to connect, or whom to ask. */
export const NotConnected = () => {
  const session = useSession()
  return (
    <EmptyState title="This workspace is not connected to QuickBooks">
      {session.user.role === 'admin' ? (
        <p>
          Connect a QuickBooks Online company in{' '}
          <Link to="/settings/integrations">Settings → Integrations</Link> to find and link invoices, payments
          and estimates here.
        </p>
      ) : (
        <p>Ask an administrator to connect QuickBooks.</p>
      )}
    </EmptyState>
  )
}

/** The tab while the connection needs an administrator to reconnect it; links are kept meanwhile. */
export const NeedsReconnect = () => {
  const session = useSession()
  return (
    <div className="warning-notice" role="alert">
      <p>
        <strong>QuickBooks needs to be reconnected.</strong> The workspace’s connection expired or was
        revoked, so documents cannot be read. Links are kept.
      </p>
      {session.user.role === 'admin' ? (
        <p>
          <Link to="/settings/integrations">Reconnect in Settings → Integrations</Link>
        </p>
      ) : (
        <p>Ask an administrator to reconnect it.</p>
      )}
    </div>
  )
}
