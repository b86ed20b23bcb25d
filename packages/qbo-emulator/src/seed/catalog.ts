import type { CompanyStore, QboObject } from '../store'

/** A product or service the landscaping company sells, with its usual price. */
export interface CatalogItem {
  name: string
  description: string
  unitPrice: number
  type: 'Service' | 'NonInventory'
  /** Typical quantity range on one line. */
  qty: readonly [number, number]
}

/** The demo company's price list (names follow Intuit's sample landscaping company). */
export const CATALOG: readonly CatalogItem[] = [
  { name: 'Design', description: 'Custom garden design', unitPrice: 75, type: 'Service', qty: [2, 8] },
  {
    name: 'Gardening',
    description: 'Weekly gardening service',
    unitPrice: 25,
    type: 'Service',
    qty: [2, 12],
  },
  { name: 'Hours', description: 'Labor, per hour', unitPrice: 40, type: 'Service', qty: [1, 10] },
  {
    name: 'Installation',
    description: 'Installation of landscape design',
    unitPrice: 50,
    type: 'Service',
    qty: [2, 10],
  },
  {
    name: 'Maintenance & Repair',
    description: 'Sprinkler system maintenance',
    unitPrice: 60,
    type: 'Service',
    qty: [1, 4],
  },
  { name: 'Pest Control', description: 'Pest control services', unitPrice: 35, type: 'Service', qty: [1, 3] },
  { name: 'Trimming', description: 'Tree and shrub trimming', unitPrice: 35, type: 'Service', qty: [1, 6] },
  { name: 'Rock Fountain', description: 'Rock fountain', unitPrice: 275, type: 'NonInventory', qty: [1, 1] },
  {
    name: 'Fountain Pump',
    description: 'Fountain pump',
    unitPrice: 12.75,
    type: 'NonInventory',
    qty: [1, 2],
  },
  {
    name: 'Concrete',
    description: 'Concrete for fountain installation',
    unitPrice: 9.5,
    type: 'NonInventory',
    qty: [2, 10],
  },
  {
    name: 'Sprinkler Heads',
    description: 'Sprinkler heads',
    unitPrice: 2,
    type: 'NonInventory',
    qty: [10, 40],
  },
  { name: 'Sod', description: 'Sod, per pallet', unitPrice: 20, type: 'NonInventory', qty: [5, 30] },
  { name: 'Soil', description: '2 cubic ft. bag', unitPrice: 10, type: 'NonInventory', qty: [3, 20] },
  { name: 'Rocks', description: 'Garden rocks', unitPrice: 12, type: 'NonInventory', qty: [5, 25] },
]

/** Chart of accounts; the order fixes the Ids (4 = Undeposited Funds, QBO's default DepositToAccountRef). */
const ACCOUNTS: readonly QboObject[] = [
  { Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking', Classification: 'Asset' },
  { Name: 'Savings', AccountType: 'Bank', AccountSubType: 'Savings', Classification: 'Asset' },
  {
    Name: 'Accounts Receivable (A/R)',
    AccountType: 'Accounts Receivable',
    AccountSubType: 'AccountsReceivable',
    Classification: 'Asset',
  },
  {
    Name: 'Undeposited Funds',
    AccountType: 'Other Current Asset',
    AccountSubType: 'UndepositedFunds',
    Classification: 'Asset',
  },
  { Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Classification: 'Revenue' },
  {
    Name: 'Sales of Product Income',
    AccountType: 'Income',
    AccountSubType: 'SalesOfProductIncome',
    Classification: 'Revenue',
  },
  {
    Name: 'Discounts given',
    AccountType: 'Income',
    AccountSubType: 'DiscountsRefundsGiven',
    Classification: 'Revenue',
  },
]

/** A reference to an item, as sales lines carry it. */
export type ItemRefs = ReadonlyMap<string, { value: string; name: string }>

/**
 * Creates the accounts and the catalog's items in a company and answers the item references.
 *
 * @example
 * const refs = seedCatalog(company)
 * refs.get('Gardening') // { value: '2', name: 'Gardening' }
 */
export function seedCatalog(company: CompanyStore): ItemRefs {
  for (const account of ACCOUNTS) company.create('Account', { ...account })
  const refs = new Map<string, { value: string; name: string }>()
  for (const item of CATALOG) {
    const created = company.create('Item', {
      Name: item.name,
      Description: item.description,
      Type: item.type,
      UnitPrice: item.unitPrice,
      IncomeAccountRef: { value: '5', name: 'Services' },
    })
    refs.set(item.name, { value: created.Id as string, name: item.name })
  }
  return refs
}
