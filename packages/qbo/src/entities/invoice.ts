import type {
  Decimal,
  EmailAddress,
  IsoDate,
  Line,
  LinkedTxn,
  MemoRef,
  PhysicalAddress,
  QboObjectBase,
  ReferenceType,
} from './common'

/**
 * A QBO Invoice (API-NOTES §2.3). `TotalAmt` and `Balance` are computed by QBO; `Balance` 0 means paid.
 *
 * @example
 * const inv: Invoice = { CustomerRef: { value: '58' }, Line: [{ Amount: '150.00', DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }] }
 */
export interface Invoice extends QboObjectBase {
  CustomerRef?: ReferenceType
  Line?: Line[]
  DocNumber?: string
  TxnDate?: IsoDate
  DueDate?: IsoDate
  TotalAmt?: Decimal
  Balance?: Decimal
  HomeBalance?: Decimal
  HomeTotalAmt?: Decimal
  Deposit?: Decimal
  CurrencyRef?: ReferenceType
  ExchangeRate?: Decimal
  EmailStatus?: 'NotSet' | 'NeedToSend' | 'EmailSent' | (string & {})
  PrintStatus?: 'NotSet' | 'NeedToPrint' | 'PrintComplete' | (string & {})
  BillEmail?: EmailAddress
  BillAddr?: PhysicalAddress
  ShipAddr?: PhysicalAddress
  LinkedTxn?: LinkedTxn[]
  SalesTermRef?: ReferenceType
  ProjectRef?: ReferenceType
  CustomerMemo?: MemoRef
  PrivateNote?: string
  TxnTaxDetail?: Record<string, unknown>
  AllowOnlineCreditCardPayment?: boolean
  AllowOnlineACHPayment?: boolean
  InvoiceLink?: string
  [key: string]: unknown
}
