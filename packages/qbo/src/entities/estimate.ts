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
 * A QBO Estimate (API-NOTES §2.4).
 *
 * @example
 * const est: Estimate = { CustomerRef: { value: '58' }, TxnStatus: 'Pending', Line: [{ Amount: '99.00', DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }] }
 */
export interface Estimate extends QboObjectBase {
  CustomerRef?: ReferenceType
  Line?: Line[]
  DocNumber?: string
  TxnDate?: IsoDate
  DueDate?: IsoDate
  ExpirationDate?: IsoDate
  AcceptedDate?: IsoDate
  AcceptedBy?: string
  TxnStatus?: 'Pending' | 'Accepted' | 'Closed' | 'Rejected' | 'Converted' | (string & {})
  TotalAmt?: Decimal
  HomeTotalAmt?: Decimal
  CurrencyRef?: ReferenceType
  ExchangeRate?: Decimal
  LinkedTxn?: LinkedTxn[]
  EmailStatus?: string
  PrintStatus?: string
  BillEmail?: EmailAddress
  BillAddr?: PhysicalAddress
  ShipAddr?: PhysicalAddress
  ProjectRef?: ReferenceType
  CustomerMemo?: MemoRef
  PrivateNote?: string
  TxnTaxDetail?: Record<string, unknown>
  [key: string]: unknown
}
