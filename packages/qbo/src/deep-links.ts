import { type QboEnvironment, resolveEndpoints } from './environment'

/**
 * Links into the QBO web app for the configured environment (paths per API-NOTES §11). The link opens in
 * whatever company the browser is signed into; QBO has no realm parameter for these pages.
 *
 * @example
 * const links: QboDeepLinks = createDeepLinks({ environment: 'sandbox' })
 * links.invoice('130') // 'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=130'
 */
export interface QboDeepLinks {
  customer(customerId: string): string
  invoice(invoiceId: string): string
  estimate(estimateId: string): string
  payment(paymentId: string): string
}

/**
 * Creates the deep-link builders: production `https://app.qbo.intuit.com/app/…`, sandbox
 * `https://app.sandbox.qbo.intuit.com/app/…`, emulator `${emulatorBaseUrl}/app/…`.
 *
 * @example
 * createDeepLinks({ environment: 'production' }).customer('58') // 'https://app.qbo.intuit.com/app/customerdetail?nameId=58'
 * createDeepLinks({ environment: 'emulator', emulatorBaseUrl: 'http://127.0.0.1:4010' }).payment('7')
 * // 'http://127.0.0.1:4010/app/recvpayment?txnId=7'
 */
export function createDeepLinks(options: {
  environment: QboEnvironment
  emulatorBaseUrl?: string
  appBaseUrl?: string
}): QboDeepLinks {
  const base =
    options.appBaseUrl ??
    resolveEndpoints({ environment: options.environment, emulatorBaseUrl: options.emulatorBaseUrl })
      .appBaseUrl
  const link = (page: string, param: string, id: string) => {
    const url = new URL(`${base}/${page}`)
    url.searchParams.set(param, id)
    return url.href
  }
  return {
    customer: (id) => link('customerdetail', 'nameId', id),
    invoice: (id) => link('invoice', 'txnId', id),
    estimate: (id) => link('estimate', 'txnId', id),
    payment: (id) => link('recvpayment', 'txnId', id),
  }
}
