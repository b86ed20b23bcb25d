import type { CustomerCandidate } from '../../api'
import { formatMoney } from './money'
import { matchReasonText, scorePercent } from './quickbooks-words'

type Props = {
  candidates: CustomerCandidate[]
  /** The customer being linked right now: its button shows progress and the others wait. */
  linkingId: string | null
  onLink: (candidate: CustomerCandidate) => void
  label: string
}

/** QuickBooks customers offered for linking, each with what it is known by and an Add Link button. */
export const CandidateList = ({ candidates, linkingId, onLink, label }: Props) => (
  <ul className="candidate-list" aria-label={label}>
    {candidates.map((candidate) => {
      const reasons = candidate.reasonText ?? matchReasonText(candidate.reasons)
      const contact = [candidate.email, candidate.phone, candidate.city].filter(Boolean)
      return (
        <li key={candidate.customerId} className="candidate">
          <div className="candidate-main">
            <p className="candidate-name">
              {candidate.displayName}
              {candidate.active ? null : <span className="badge candidate-inactive">Inactive</span>}
            </p>
            {candidate.companyName && candidate.companyName !== candidate.displayName ? (
              <p className="muted small">{candidate.companyName}</p>
            ) : null}
            {contact.length ? <p className="small candidate-contact">{contact.join(' · ')}</p> : null}
            {candidate.score !== null || reasons ? (
              <p className="small candidate-reasons">
                {reasons}
                {candidate.score !== null ? (
                  <span className="candidate-score">
                    {reasons ? ' · ' : ''}score {scorePercent(candidate.score)}%
                  </span>
                ) : null}
              </p>
            ) : null}
          </div>
          <div className="candidate-side">
            {candidate.balance !== null ? (
              <p className="candidate-balance">
                <span className="muted small">Balance </span>
                {formatMoney(candidate.balance, candidate.currency ?? 'USD')}
              </p>
            ) : null}
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={`Add link to ${candidate.displayName}`}
              disabled={linkingId !== null}
              onClick={() => onLink(candidate)}
            >
              {linkingId === candidate.customerId ? 'Linking…' : 'Add Link'}
            </button>
          </div>
        </li>
      )
    })}
  </ul>
)
