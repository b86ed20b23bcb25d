/**
 * A small in-memory company used by the query-language tests. Rows are handed to `runQuery` in a shuffled
 * order so that default ordering is exercised.
 */
import type { QboObject } from './evaluate'

const meta = (createTime: string, lastUpdatedTime: string) => ({
  CreateTime: createTime,
  LastUpdatedTime: lastUpdatedTime,
})

export const customers: QboObject[] = [
  {
    Id: '10',
    DisplayName: 'Zed',
    Active: false,
    Balance: 5,
    MetaData: meta('2014-01-01T00:00:00Z', '2014-01-01T00:00:00Z'),
  },
  {
    Id: '2',
    DisplayName: "Bill's Windsurf Shop",
    Active: true,
    Balance: 85,
    PrimaryEmailAddr: { Address: 'Surf@Intuit.com' },
    MetaData: meta('2014-09-11T16:49:28-07:00', '2014-09-18T12:49:41-07:00'),
  },
  {
    Id: '1',
    DisplayName: "Amy's Bird Sanctuary",
    GivenName: 'Amy',
    FamilyName: 'Lauterbach',
    CompanyName: "Amy's Bird Sanctuary",
    Active: true,
    Balance: 274.0,
    PrimaryEmailAddr: { Address: 'Birds@Intuit.com' },
    MetaData: meta('2014-09-11T16:48:43-07:00', '2015-07-01T10:14:15-07:00'),
  },
  {
    Id: '7',
    DisplayName: 'Élodie Öst',
    Active: true,
    Balance: 12.25,
    MetaData: meta('2016-01-01T00:00:00+02:00', '2016-06-01T12:00:00+02:00'),
  },
  {
    Id: '3',
    DisplayName: 'Cool Cars',
    Active: true,
    Balance: 0,
    MetaData: meta('2014-09-11T16:51:22-07:00', '2015-03-01T00:00:00-08:00'),
  },
  {
    // Active is absent: QBO's default is true (API-NOTES.md §2.1).
    Id: '5',
    DisplayName: 'dukes basketball camp',
    Balance: 460.5,
    PrimaryEmailAddr: { Address: 'Dukes_bball@intuit.com' },
    MetaData: meta('2014-09-11T16:52:00-07:00', '2015-07-01T00:00:00Z'),
  },
  {
    Id: '4',
    DisplayName: 'Diego Rodriguez',
    Active: false,
    Balance: 0,
    PrimaryEmailAddr: { Address: 'diego@Rodriguez.com' },
    MetaData: meta('2015-01-01T00:00:00Z', '2016-01-01T00:00:00Z'),
  },
  { Id: '6', DisplayName: 'Back\\slash 100% "Quoted"', Active: true },
]

export const invoices: QboObject[] = [
  {
    Id: '101',
    CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
    DocNumber: '1001',
    TxnDate: '2024-01-15',
    DueDate: '2024-02-14',
    Balance: 100,
    TotalAmt: 100,
    MetaData: meta('2024-01-15T09:00:00-08:00', '2024-01-15T09:00:00-08:00'),
  },
  {
    Id: '102',
    CustomerRef: { value: '1' },
    DocNumber: '1002',
    TxnDate: '2024-02-01',
    DueDate: '2024-03-02',
    Balance: 0,
    TotalAmt: 250.5,
  },
  {
    Id: '103',
    CustomerRef: { value: '2' },
    DocNumber: '1003',
    TxnDate: '2024-02-29',
    DueDate: '2024-03-30',
    Balance: 75.25,
    TotalAmt: 75.25,
  },
  {
    Id: '104',
    CustomerRef: { value: '3' },
    DocNumber: 'A-7',
    TxnDate: '2023-12-31',
    DueDate: '2024-01-30',
    Balance: 1200,
    TotalAmt: 1500,
  },
  {
    Id: '105',
    CustomerRef: { value: '10' },
    DocNumber: '1005',
    TxnDate: '2024-03-01',
    Balance: 0,
    TotalAmt: 0,
  },
]

export const payments: QboObject[] = [
  { Id: '201', CustomerRef: { value: '1' }, TxnDate: '2024-02-01', TotalAmt: 250.5, PaymentRefNum: 'chk-1' },
  { Id: '202', CustomerRef: { value: '2' }, TxnDate: '2024-03-05', TotalAmt: 10, PaymentRefNum: 'CHK-2' },
]

export const estimates: QboObject[] = [
  { Id: '302', CustomerRef: { value: '1' }, DocNumber: 'E2', TxnDate: '2024-01-06', TxnStatus: 'Accepted' },
  { Id: '301', CustomerRef: { value: '3' }, DocNumber: 'E1', TxnDate: '2024-01-05', TxnStatus: 'Pending' },
]

/** The rows of each entity of the sample company. */
export const sampleCompany: Record<string, QboObject[]> = {
  Customer: customers,
  Invoice: invoices,
  Payment: payments,
  Estimate: estimates,
}
