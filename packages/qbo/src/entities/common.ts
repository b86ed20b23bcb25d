/**
 * Shapes shared by QBO entities, spelled exactly as QBO spells them (API-NOTES §2). Fields with no value are
 * omitted by QBO, never null, so every optional field is `?:`.
 */

/**
 * An exact decimal string (`"362.07"`). QBO sends amounts as JSON numbers; this client converts them at the
 * boundary without rounding (see `parseQboJson`).
 *
 * @example
 * const amount: Decimal = '85.00'
 */
export type Decimal = string

/**
 * A calendar date `YYYY-MM-DD`.
 * @example
 * const d: IsoDate = '2026-01-15'
 */
export type IsoDate = string

/**
 * An ISO-8601 date-time with offset, e.g. `2014-09-18T12:56:01-07:00`.
 * @example
 * const t: IsoDateTime = '2014-09-18T12:56:01-07:00'
 */
export type IsoDateTime = string

/**
 * A reference to another object (`CustomerRef`, `ItemRef`, `CurrencyRef`…): `value` is its Id.
 * @example
 * const ref: ReferenceType = { value: '20', name: 'Red Rock Diner' }
 */
export interface ReferenceType {
  value: string
  name?: string
  type?: string
}

/**
 * An e-mail address (`PrimaryEmailAddr`, `BillEmail`).
 * @example
 * const email: EmailAddress = { Address: 'ap@example.com' }
 */
export interface EmailAddress {
  Address?: string
}

/**
 * A phone number (`PrimaryPhone`, `Mobile`, `Fax`, `AlternatePhone`).
 * @example
 * const phone: TelephoneNumber = { FreeFormNumber: '(555) 555-5555' }
 */
export interface TelephoneNumber {
  FreeFormNumber?: string
}

/**
 * A web address (`WebAddr`).
 * @example
 * const web: WebSiteAddress = { URI: 'https://example.com' }
 */
export interface WebSiteAddress {
  URI?: string
}

/**
 * A postal address (`BillAddr`, `ShipAddr`, `CompanyAddr`…). `Id`, `Lat` and `Long` are read-only.
 * @example
 * const addr: PhysicalAddress = { Line1: '12 Ocean Dr.', City: 'Half Moon Bay', CountrySubDivisionCode: 'CA', PostalCode: '94213' }
 */
export interface PhysicalAddress {
  Id?: string
  Line1?: string
  Line2?: string
  Line3?: string
  Line4?: string
  Line5?: string
  City?: string
  Country?: string
  CountryCode?: string
  CountrySubDivisionCode?: string
  PostalCode?: string
  Lat?: string
  Long?: string
}

/**
 * Creation and last-update times of an object.
 * @example
 * const meta: MetaData = { CreateTime: '2014-09-11T16:49:28-07:00', LastUpdatedTime: '2014-09-18T12:56:01-07:00' }
 */
export interface MetaData {
  CreateTime?: IsoDateTime
  LastUpdatedTime?: IsoDateTime
  LastModifiedByRef?: ReferenceType
}

/**
 * A link from one transaction to another (`TxnType`: `Invoice`, `Payment`, `Estimate`, …).
 * @example
 * const link: LinkedTxn = { TxnId: '70', TxnType: 'Invoice' }
 */
export interface LinkedTxn {
  TxnId: string
  TxnType: string
  TxnLineId?: string
}

/**
 * A memo shown to the customer (`CustomerMemo`).
 * @example
 * const memo: MemoRef = { value: 'Thank you for your business' }
 */
export interface MemoRef {
  value: string
}

/**
 * Detail of a sales item line.
 * @example
 * const detail: SalesItemLineDetail = { ItemRef: { value: '1', name: 'Services' }, Qty: '2', UnitPrice: '75' }
 */
export interface SalesItemLineDetail {
  ItemRef?: ReferenceType
  Qty?: Decimal
  UnitPrice?: Decimal
  TaxCodeRef?: ReferenceType
  ClassRef?: ReferenceType
  ServiceDate?: IsoDate
  [key: string]: unknown
}

/**
 * A transaction line. `DetailType` says which detail block is present; the server adds a
 * `SubTotalLineDetail` line on sales forms (API-NOTES §2.3). Unknown detail blocks are kept as-is.
 * @example
 * const line: Line = { Amount: '150.00', DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }
 */
export interface Line {
  Id?: string
  LineNum?: number
  Description?: string
  Amount?: Decimal
  DetailType?: string
  SalesItemLineDetail?: SalesItemLineDetail
  SubTotalLineDetail?: Record<string, unknown>
  DiscountLineDetail?: Record<string, unknown>
  LinkedTxn?: LinkedTxn[]
  LineEx?: Record<string, unknown>
  [key: string]: unknown
}

/**
 * Fields every stored QBO object carries.
 * @example
 * const base: QboObjectBase = { Id: '1', SyncToken: '0', domain: 'QBO', sparse: false }
 */
export interface QboObjectBase {
  Id?: string
  SyncToken?: string
  domain?: string
  sparse?: boolean
  MetaData?: MetaData
}
