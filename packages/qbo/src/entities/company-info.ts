import type {
  EmailAddress,
  IsoDate,
  PhysicalAddress,
  QboObjectBase,
  TelephoneNumber,
  WebSiteAddress,
} from './common'

/**
 * The company's own details (API-NOTES §2.6); one per realm.
 *
 * @example
 * const info: CompanyInfo = { CompanyName: 'Ledgerlink Demo Landscaping', Country: 'US' }
 */
export interface CompanyInfo extends QboObjectBase {
  CompanyName?: string
  LegalName?: string
  CompanyAddr?: PhysicalAddress
  CustomerCommunicationAddr?: PhysicalAddress
  LegalAddr?: PhysicalAddress
  PrimaryPhone?: TelephoneNumber
  Email?: EmailAddress
  WebAddr?: WebSiteAddress
  Country?: string
  FiscalYearStartMonth?: string
  CompanyStartDate?: IsoDate
  SupportedLanguages?: string
  EmployerId?: string
  NameValue?: Array<{ Name: string; Value: string }>
  [key: string]: unknown
}

/**
 * Company preferences; `CurrencyPrefs` tells the home currency and whether multicurrency is on.
 *
 * @example
 * const prefs: Preferences = { CurrencyPrefs: { HomeCurrency: { value: 'USD' }, MultiCurrencyEnabled: true } }
 */
export interface Preferences extends QboObjectBase {
  CurrencyPrefs?: {
    HomeCurrency?: { value: string; name?: string }
    MultiCurrencyEnabled?: boolean
    [key: string]: unknown
  }
  SalesFormsPrefs?: Record<string, unknown>
  AccountingInfoPrefs?: Record<string, unknown>
  [key: string]: unknown
}
