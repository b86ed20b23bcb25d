import type { QuickbooksConnection } from '../../api'
import { environmentLabel } from './connection-return'
import { formatTimestamp } from './quickbooks-words'

/** Which company the workspace is connected to, by whom, since when, and when QuickBooks last answered. */
export const ConnectionDetails = ({ connection }: { connection: QuickbooksConnection }) => (
  <dl className="connection-details">
    <div>
      <dt>Company</dt>
      <dd>
        {connection.companyName ?? 'Unnamed company'}{' '}
        <span className="muted small">(Realm ID {connection.realmId})</span>
      </dd>
    </div>
    <div>
      <dt>Environment</dt>
      <dd>{environmentLabel(connection.environment)}</dd>
    </div>
    <div>
      <dt>Connected</dt>
      <dd>
        {connection.connectedBy ? `By ${connection.connectedBy.name}, ` : ''}
        {formatTimestamp(connection.connectedAt)}
      </dd>
    </div>
    <div>
      <dt>Last successful call</dt>
      <dd>{connection.lastSuccessAt ? formatTimestamp(connection.lastSuccessAt) : 'None yet'}</dd>
    </div>
  </dl>
)
