import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomer, type Harness, startHarness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h.close())

describe('deep-link pages', () => {
  it('serves the customer, invoice, estimate and payment pages at QBO’s deep-link paths', async () => {
    const c = await createCustomer(h, { DisplayName: 'Page <Customer> & Co' })
    const line = [{ Amount: 12.5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }]
    const inv = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: line })).body.Invoice
    const est = (await h.post('estimate', { CustomerRef: { value: c.Id }, Line: line })).body.Estimate
    const pay = (await h.post('payment', { CustomerRef: { value: c.Id }, TotalAmt: 5 })).body.Payment
    for (const path of [
      `/app/customerdetail?nameId=${c.Id}`,
      `/app/invoice?txnId=${inv.Id}`,
      `/app/estimate?txnId=${est.Id}`,
      `/app/recvpayment?txnId=${pay.Id}`,
    ]) {
      const res = await fetch(`${h.baseUrl}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain('Page &lt;Customer&gt; &amp; Co')
      expect(html).not.toContain('<Customer>')
    }
  })
})
