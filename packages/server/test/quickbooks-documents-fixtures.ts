import type { QboObject } from '@ledgerlink/qbo-emulator'
import { expect } from 'vitest'
import type { SignedIn } from './helpers'
import { DEMO_REALM_ID, type QuickbooksTestApp } from './quickbooks-helpers'

/** The QBO ids of the documents tests' own customers and documents. */
export type DocumentIds = Record<
  | 'contactCustomer'
  | 'orgCustomer'
  | 'euroCustomer'
  | 'looseCustomer'
  | 'invA'
  | 'payA'
  | 'estA'
  | 'invB'
  | 'invEuro'
  | 'invC1'
  | 'invC2'
  | 'payC',
  string
>

/** Writes straight into the emulator's demo company (no QBO request is counted). */
export const qboWriter = (t: QuickbooksTestApp) => {
  const store = () => {
    const company = t.emulator.store.get(DEMO_REALM_ID)
    if (!company) throw new Error('no demo company')
    return company
  }
  const line = (amount: number) => [
    { Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } },
  ]
  const createIn = (entity: 'Customer' | 'Invoice' | 'Payment' | 'Estimate', body: QboObject) =>
    String(store().create(entity, body).Id)
  const invoice = (customerId: string, number: string, date: string, amount: number, extra: QboObject = {}) =>
    createIn('Invoice', {
      CustomerRef: { value: customerId },
      DocNumber: number,
      TxnDate: date,
      DueDate: date,
      Line: line(amount),
      ...extra,
    })
  return { createIn, invoice, line }
}

/**
 * Customers and documents dated 2019, long before the demo company's history, so that searches by date find
 * only these: a contact's customer (invoice DT-A1 100, payment CHK-A1 40 applied to it, estimate DE-A1 300),
 * an organization's customer (DT-B1 250), a euro customer (DT-E1 80 EUR) and a loose customer (DT-C1 500,
 * DT-C2 700, unapplied payment CHK-C1 90).
 */
export const seedQboDocuments = (t: QuickbooksTestApp): DocumentIds => {
  const { createIn, invoice, line } = qboWriter(t)
  const contactCustomer = createIn('Customer', { DisplayName: 'Docs Contact Customer' })
  const orgCustomer = createIn('Customer', { DisplayName: 'Docs Org Customer' })
  const euroCustomer = createIn('Customer', {
    DisplayName: 'Docs Euro Customer',
    CurrencyRef: { value: 'EUR' },
  })
  const looseCustomer = createIn('Customer', { DisplayName: 'Docs Loose Customer' })
  const invA = invoice(contactCustomer, 'DT-A1', '2019-03-01', 100)
  return {
    contactCustomer,
    orgCustomer,
    euroCustomer,
    looseCustomer,
    invA,
    payA: createIn('Payment', {
      CustomerRef: { value: contactCustomer },
      TxnDate: '2019-03-05',
      PaymentRefNum: 'CHK-A1',
      TotalAmt: 40,
      Line: [{ Amount: 40, LinkedTxn: [{ TxnId: invA, TxnType: 'Invoice' }] }],
    }),
    estA: createIn('Estimate', {
      CustomerRef: { value: contactCustomer },
      DocNumber: 'DE-A1',
      TxnDate: '2019-02-01',
      Line: line(300),
    }),
    invB: invoice(orgCustomer, 'DT-B1', '2019-04-01', 250),
    invEuro: invoice(euroCustomer, 'DT-E1', '2019-04-02', 80, {
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
    }),
    invC1: invoice(looseCustomer, 'DT-C1', '2019-05-01', 500),
    invC2: invoice(looseCustomer, 'DT-C2', '2019-05-20', 700),
    payC: createIn('Payment', {
      CustomerRef: { value: looseCustomer },
      TxnDate: '2019-05-21',
      PaymentRefNum: 'CHK-C1',
      TotalAmt: 90,
    }),
  }
}

/** Requests to the test app as a signed-in user. */
export const requestsAs = (t: QuickbooksTestApp, who: SignedIn) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } }),
  post: (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload }),
  put: (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: who.headers, payload }),
  del: (url: string) => t.app.inject({ method: 'DELETE', url, headers: who.headers }),
})

/** Creates a CRM record and answers its id. */
export const createRecord = async (
  t: QuickbooksTestApp,
  who: SignedIn,
  path: string,
  payload: object,
): Promise<string> => {
  const response = await requestsAs(t, who).post(`/api/${path}`, payload)
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}
