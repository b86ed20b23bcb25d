import type { Decimal, IsoDate, Line, QboObjectBase, ReferenceType } from './common'

/**
 * A QBO Payment (receive payment, API-NOTES §2.5). Lines link the payment to invoices; lines are
 * all-or-nothing on update.
 *
 * @example
 * const pay: Payment = { CustomerRef: { value: '58' }, TotalAmt: '55.00', Line: [{ Amount: '55.00', LinkedTxn: [{ TxnId: '70', TxnType: 'Invoice' }] }] }
 */
export interface Payment extends QboObjectBase {
  CustomerRef?: ReferenceType
  TotalAmt?: Decimal
  UnappliedAmt?: Decimal
  TxnDate?: IsoDate
  PaymentRefNum?: string
  DepositToAccountRef?: ReferenceType
  PaymentMethodRef?: ReferenceType
  CurrencyRef?: ReferenceType
  ExchangeRate?: Decimal
  ProjectRef?: ReferenceType
  PrivateNote?: string
  ProcessPayment?: boolean
  Line?: Line[]
  [key: string]: unknown
}
