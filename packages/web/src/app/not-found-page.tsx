import { Link } from 'react-router'
import { PageHeader, useDocumentTitle } from '../ui'

export const NotFoundPage = () => {
  useDocumentTitle('Page not found')
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <p>
        There is nothing at this address. <Link to="/organizations">Go to organizations</Link>.
      </p>
    </div>
  )
}
