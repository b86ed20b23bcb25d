import type { ReactNode } from 'react'
import type { Address, QuickbooksCustomer } from '../../api'
import { addressLines } from './quickbooks-words'

const AddressValue = ({ address }: { address: Address | null }) => {
  const lines = addressLines(address)
  if (!lines.length) return null
  return (
    <address>
      {lines.map((line) => (
        <span key={line} className="address-line">
          {line}
        </span>
      ))}
    </address>
  )
}

const Item = ({ label, children }: { label: string; children: ReactNode }) =>
  children ? (
    <div className="details-item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  ) : null

const websiteHref = (website: string): string =>
  /^https?:\/\//i.test(website) ? website : `https://${website}`

/** The customer's contact information as QuickBooks has it. */
export const CustomerOverview = ({ customer }: { customer: QuickbooksCustomer }) => {
  const person = [customer.title, customer.givenName, customer.familyName].filter(Boolean).join(' ')
  const hasAny =
    customer.companyName ||
    person ||
    addressLines(customer.billingAddress).length ||
    addressLines(customer.shippingAddress).length ||
    customer.phones.primary ||
    customer.phones.mobile ||
    customer.phones.fax ||
    customer.email ||
    customer.website
  return (
    <section className="qb-panel" aria-labelledby="qb-contact-title">
      <h4 id="qb-contact-title" className="qb-panel-title">
        Contact information
      </h4>
      {hasAny ? (
        <dl className="qb-details">
          <Item label="Display name">{customer.displayName}</Item>
          <Item label="Company">{customer.companyName}</Item>
          <Item label="Contact person">{person}</Item>
          <Item label="Billing address">
            {addressLines(customer.billingAddress).length ? (
              <AddressValue address={customer.billingAddress} />
            ) : null}
          </Item>
          <Item label="Shipping address">
            {addressLines(customer.shippingAddress).length ? (
              <AddressValue address={customer.shippingAddress} />
            ) : null}
          </Item>
          <Item label="Phone">{customer.phones.primary}</Item>
          <Item label="Mobile">{customer.phones.mobile}</Item>
          <Item label="Fax">{customer.phones.fax}</Item>
          <Item label="Email">
            {customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : null}
          </Item>
          <Item label="Website">
            {customer.website ? (
              <a href={websiteHref(customer.website)} target="_blank" rel="noopener noreferrer">
                {customer.website}
              </a>
            ) : null}
          </Item>
        </dl>
      ) : (
        <p className="muted">QuickBooks has no contact information for this customer.</p>
      )}
    </section>
  )
}
