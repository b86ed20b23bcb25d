import type {
  Decimal,
  EmailAddress,
  IsoDate,
  PhysicalAddress,
  QboObjectBase,
  ReferenceType,
  TelephoneNumber,
  WebSiteAddress,
} from './common'

/**
 * A QBO Customer (API-NOTES §2.1). `DisplayName` is unique across Customer, Vendor and Employee (§2.2);
 * customers cannot be deleted, only deactivated with `Active: false`.
 *
 * @example
 * const c: Customer = { Id: '58', SyncToken: '0', DisplayName: 'Bill’s Windsurf Shop', Balance: '85.00', Active: true }
 */
export interface Customer extends QboObjectBase {
  DisplayName?: string
  Title?: string
  GivenName?: string
  MiddleName?: string
  FamilyName?: string
  Suffix?: string
  CompanyName?: string
  PrintOnCheckName?: string
  FullyQualifiedName?: string
  PrimaryEmailAddr?: EmailAddress
  PrimaryPhone?: TelephoneNumber
  Mobile?: TelephoneNumber
  Fax?: TelephoneNumber
  AlternatePhone?: TelephoneNumber
  WebAddr?: WebSiteAddress
  BillAddr?: PhysicalAddress
  ShipAddr?: PhysicalAddress
  Notes?: string
  Active?: boolean
  Balance?: Decimal
  BalanceWithJobs?: Decimal
  OpenBalanceDate?: IsoDate
  Job?: boolean
  BillWithParent?: boolean
  ParentRef?: ReferenceType
  Level?: number
  CurrencyRef?: ReferenceType
  PreferredDeliveryMethod?: 'Print' | 'Email' | 'None' | (string & {})
  Taxable?: boolean
  DefaultTaxCodeRef?: ReferenceType
  SalesTermRef?: ReferenceType
  PaymentMethodRef?: ReferenceType
  CustomerTypeRef?: ReferenceType
  IsProject?: boolean
  [key: string]: unknown
}
