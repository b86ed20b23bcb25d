import type { Ledger } from './ledger'

/**
 * Hand-written documents that the demo must always show, whatever the random history holds: invoices in
 * every aging bucket, a partly paid and a voided invoice, every estimate status (one estimate converted into
 * an invoice), a payment applied to several invoices and an unapplied credit, jobs with their own
 * invoices, and foreign-currency documents. Customers are named by DisplayName.
 *
 * @example
 * planScenarios(ledger, (name) => ids.get(name) ?? '')
 */
export function planScenarios(ledger: Ledger, customerId: (displayName: string) => string): void {
  const amy = customerId("Amy's Bird Sanctuary")
  ledger.invoice('amy-overdue', amy, {
    daysAgo: 130,
    dueDaysAgo: 100,
    lines: [
      { item: 'Rock Fountain', qty: 1, unitPrice: 275 },
      { item: 'Fountain Pump', qty: 1, unitPrice: 12.75 },
    ],
  })
  ledger.payment('amy-deposit', amy, {
    daysAgo: 4,
    apply: [],
    total: 200,
    refNum: '3301',
  })

  const bill = customerId("Bill's Windsurf Shop")
  ledger.invoice('bill-current', bill, {
    daysAgo: 5,
    lines: [
      { item: 'Gardening', qty: 4, unitPrice: 25 },
      { item: 'Trimming', qty: 2, unitPrice: 35 },
    ],
  })
  ledger.invoice('bill-duplicate', bill, {
    daysAgo: 20,
    lines: [{ item: 'Gardening', qty: 4, unitPrice: 25 }],
    privateNote: 'Entered twice by mistake',
  })
  ledger.voidInvoice('bill-duplicate', 19)

  const redRock = customerId('Red Rock Diner')
  ledger.invoice('redrock-partial', redRock, {
    daysAgo: 50,
    dueDaysAgo: 20,
    lines: [
      { item: 'Installation', qty: 6, unitPrice: 50 },
      { item: 'Sod', qty: 10, unitPrice: 20 },
    ],
  })
  ledger.payment('redrock-partial-pay', redRock, {
    daysAgo: 15,
    apply: [{ invoice: 'redrock-partial', amount: 150 }],
    refNum: '1024',
  })

  const coolCars = customerId('Cool Cars')
  ledger.invoice('coolcars-45', coolCars, {
    daysAgo: 75,
    dueDaysAgo: 45,
    lines: [
      { item: 'Pest Control', qty: 2, unitPrice: 35 },
      { item: 'Hours', qty: 3, unitPrice: 40 },
    ],
  })
  ledger.estimate('coolcars-pending', coolCars, {
    daysAgo: 3,
    status: 'Pending',
    lines: [{ item: 'Pest Control', qty: 1, unitPrice: 35, description: 'Pest Control Services' }],
  })

  const jeff = customerId("Jeff's Jalopies")
  ledger.invoice('jeff-75', jeff, {
    daysAgo: 105,
    dueDaysAgo: 75,
    lines: [
      { item: 'Maintenance & Repair', qty: 2, unitPrice: 60 },
      { item: 'Sprinkler Heads', qty: 20, unitPrice: 2 },
    ],
  })

  const dukes = customerId('Dukes Basketball Camp')
  ledger.invoice('dukes-120', dukes, {
    daysAgo: 150,
    dueDaysAgo: 120,
    lines: [{ item: 'Hours', qty: 8, unitPrice: 40 }],
  })
  ledger.invoice('dukes-200', dukes, {
    daysAgo: 230,
    dueDaysAgo: 200,
    lines: [
      { item: 'Sod', qty: 25, unitPrice: 20 },
      { item: 'Installation', qty: 4, unitPrice: 50 },
    ],
  })

  const sonnenschein = customerId('Sonnenschein Family Store')
  ledger.estimate('sonnenschein-est', sonnenschein, {
    daysAgo: 62,
    status: 'Accepted',
    lines: [
      { item: 'Rock Fountain', qty: 1, unitPrice: 275 },
      { item: 'Fountain Pump', qty: 1, unitPrice: 12.75 },
      { item: 'Concrete', qty: 5, unitPrice: 9.5, description: 'Concrete for fountain installation' },
    ],
  })
  ledger.invoice('sonnenschein-from-est', sonnenschein, {
    daysAgo: 55,
    fromEstimate: 'sonnenschein-est',
    lines: [
      { item: 'Rock Fountain', qty: 1, unitPrice: 275 },
      { item: 'Fountain Pump', qty: 1, unitPrice: 12.75 },
      { item: 'Concrete', qty: 5, unitPrice: 9.5, description: 'Concrete for fountain installation' },
    ],
  })
  ledger.markConverted('sonnenschein-est', 55)
  ledger.invoice('sonnenschein-second', sonnenschein, {
    daysAgo: 48,
    lines: [{ item: 'Gardening', qty: 6, unitPrice: 25 }],
  })
  ledger.payment('sonnenschein-both', sonnenschein, {
    daysAgo: 21,
    apply: [
      { invoice: 'sonnenschein-from-est', amount: 'balance' },
      { invoice: 'sonnenschein-second', amount: 'balance' },
    ],
    refNum: '2741',
  })

  const paulsen = customerId('Paulsen Medical Supplies')
  ledger.invoice('paulsen-current', paulsen, {
    daysAgo: 9,
    lines: [{ item: 'Design', qty: 4, unitPrice: 75 }],
  })
  ledger.payment('paulsen-credit', paulsen, { daysAgo: 12, apply: [], total: 150, refNum: '5021' })

  ledger.estimate('weiskopf-accepted', customerId('Weiskopf Consulting'), {
    daysAgo: 8,
    status: 'Accepted',
    lines: [
      { item: 'Design', qty: 6, unitPrice: 75 },
      { item: 'Installation', qty: 8, unitPrice: 50 },
    ],
  })
  ledger.estimate('videogames-rejected', customerId('Video Games by Dan'), {
    daysAgo: 40,
    status: 'Rejected',
    lines: [{ item: 'Rocks', qty: 20, unitPrice: 12 }],
  })
  ledger.estimate('sushi-closed', customerId('Sushi by Katsuyuki'), {
    daysAgo: 90,
    status: 'Closed',
    lines: [{ item: 'Trimming', qty: 3, unitPrice: 35 }],
  })

  const oceanView = customerId('0969 Ocean View Road')
  ledger.invoice('oceanview-open', oceanView, {
    daysAgo: 70,
    dueDaysAgo: 40,
    lines: [
      { item: 'Sprinkler Heads', qty: 30, unitPrice: 2 },
      { item: 'Hours', qty: 4, unitPrice: 40 },
    ],
  })
  const twinLane = customerId('55 Twin Lane')
  ledger.invoice('twinlane-paid', twinLane, {
    daysAgo: 95,
    lines: [
      { item: 'Soil', qty: 12, unitPrice: 10 },
      { item: 'Gardening', qty: 3, unitPrice: 25 },
    ],
  })
  ledger.payment('twinlane-pay', twinLane, {
    daysAgo: 80,
    apply: [{ invoice: 'twinlane-paid', amount: 'balance' }],
    refNum: '7712',
  })
  ledger.invoice('barnett-current', customerId('Barnett Design'), {
    daysAgo: 6,
    lines: [{ item: 'Design', qty: 3, unitPrice: 75 }],
  })

  const maple = customerId('Maple Leaf Outfitters')
  ledger.invoice('maple-overdue', maple, {
    daysAgo: 40,
    dueDaysAgo: 10,
    lines: [
      { item: 'Design', qty: 5, unitPrice: 75 },
      { item: 'Hours', qty: 6, unitPrice: 40 },
    ],
  })
  ledger.invoice('maple-paid', maple, {
    daysAgo: 120,
    lines: [{ item: 'Trimming', qty: 4, unitPrice: 35 }],
  })
  ledger.payment('maple-pay', maple, {
    daysAgo: 100,
    apply: [{ invoice: 'maple-paid', amount: 'balance' }],
    refNum: 'EFT-20931',
  })
  ledger.invoice('berliner-open', customerId('Berliner Gartenbau GmbH'), {
    daysAgo: 14,
    lines: [{ item: 'Design', qty: 10, unitPrice: 75 }],
  })
}
