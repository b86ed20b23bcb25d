import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { DEMO_COMPANIES, seedDemo } from '../seed'
import { type CompanyStore, createRegistry, type QboObject } from '../store'
import { registerDeepLinkPages } from './routes'

const NOW = Date.parse('2026-11-24T16:15:00Z')
const clock = createClock({ startMs: NOW, realNow: () => NOW })
const registry = createRegistry(clock)
seedDemo(registry, clock)
const demo = registry.get(DEMO_COMPANIES.demo.realmId) as CompanyStore
const second = registry.get(DEMO_COMPANIES.second.realmId) as CompanyStore

const XSS_NAME = `<script>alert("x")</script> & Sons`
const xss = demo.create('Customer', {
  DisplayName: XSS_NAME,
  CompanyName: `"><img src=x onerror=alert(1)>`,
  Notes: '<iframe src="https://evil.example"></iframe>',
  WebAddr: { URI: 'javascript:alert(1)' },
  PrimaryEmailAddr: { Address: 'a"onmouseover="alert(1)@example.com' },
})
const xssInvoice = demo.create('Invoice', {
  CustomerRef: { value: xss.Id },
  PrivateNote: '</dd><script>alert(2)</script>',
  Line: [
    {
      Amount: 10,
      DetailType: 'SalesItemLineDetail',
      Description: '<b>bold</b>',
      SalesItemLineDetail: { ItemRef: { value: '1', name: '<svg onload=alert(3)>' } },
    },
  ],
})

const find = (
  company: CompanyStore,
  entity: 'Customer' | 'Invoice' | 'Estimate' | 'Payment',
  test: (r: QboObject) => boolean,
) => [...company.list(entity)].find(test) as QboObject
const named = (name: string) => find(demo, 'Customer', (c) => c.DisplayName === name)

let app: FastifyInstance
beforeAll(async () => {
  app = Fastify()
  registerDeepLinkPages(app, registry, { clock })
  await app.ready()
})
afterAll(() => app.close())

const get = (url: string) => app.inject({ method: 'GET', url })

describe('deep-link pages', () => {
  it("shows a customer's names, contact details, addresses, balance and open invoices", async () => {
    const diner = named('Red Rock Diner')
    const res = await get(`/app/customerdetail?nameId=${String(diner.Id)}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const html = res.body
    expect(html).toContain('<h1>Red Rock Diner')
    expect(html).toContain('Stephanie Martini')
    expect(html).toContain('qbwebsamplecompany@yahoo.com')
    expect(html).toContain('(650) 555-4973')
    expect(html).toContain('500 Red Rock Rd.')
    expect(html).toContain('Bayshore, CA 94326')
    expect(html).toContain('Ledgerlink Demo Landscaping')
    const balance = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      Number(diner.Balance),
    )
    expect(html).toContain(balance)
    const open = [...demo.list('Invoice')].filter(
      (i) => (i.CustomerRef as QboObject).value === diner.Id && Number(i.Balance) > 0,
    )
    expect(open.length).toBeGreaterThan(0)
    for (const inv of open)
      expect(html).toContain(`/app/invoice?txnId=${String(inv.Id)}&amp;realmId=${demo.realmId}`)
    expect(html).toMatch(/Overdue \d+ days/)
  })

  it('sends a strict Content-Security-Policy and no script at all', async () => {
    const res = await get('/app/customerdetail?nameId=1')
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(res.headers['content-security-policy']).toMatch(/style-src 'nonce-[\w-]+'/)
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.body).not.toMatch(/<script/i)
  })

  it('escapes markup in every field it shows and links only http(s) websites', async () => {
    const customer = await get(`/app/customerdetail?nameId=${String(xss.Id)}`)
    const invoice = await get(`/app/invoice?txnId=${String(xssInvoice.Id)}`)
    for (const res of [customer, invoice]) {
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toMatch(/<script|<img|<iframe|<svg|<b>bold/i)
      expect(res.body).not.toMatch(/href="javascript:/i)
      expect(res.body).not.toContain('"onmouseover=')
    }
    expect(customer.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons')
    expect(customer.body).toContain('javascript:alert(1)')
    expect(invoice.body).toContain('&lt;/dd&gt;&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(invoice.body).toContain('&lt;svg onload=alert(3)&gt;')
  })

  it('shows an invoice with its lines, totals, status, the estimate it came from and the payments applied', async () => {
    const estimate = find(demo, 'Estimate', (e) => e.TxnStatus === 'Converted')
    const link = (estimate.LinkedTxn as QboObject[])[0] as QboObject
    const invoice = demo.read('Invoice', String(link.TxnId)) as QboObject
    const payment = (invoice.LinkedTxn as QboObject[]).find((l) => l.TxnType === 'Payment') as QboObject
    const res = await get(`/app/invoice?txnId=${String(invoice.Id)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`Invoice no. ${String(invoice.DocNumber)}`)
    expect(res.body).toContain('Sonnenschein Family Store')
    expect(res.body).toContain('Rock Fountain')
    expect(res.body).toContain('Concrete for fountain installation')
    expect(res.body).toContain('$335.25')
    expect(res.body).toContain('>Paid<')
    expect(res.body).toContain(`/app/estimate?txnId=${String(estimate.Id)}`)
    expect(res.body).toContain(`/app/recvpayment?txnId=${String(payment.TxnId)}`)
  })

  it('shows partly paid and voided invoices with their status', async () => {
    const partial = find(
      demo,
      'Invoice',
      (i) => Number(i.Balance) > 0 && Number(i.Balance) < Number(i.TotalAmt),
    )
    const voided = find(demo, 'Invoice', (i) => String(i.PrivateNote ?? '').startsWith('Voided'))
    const partialPage = await get(`/app/invoice?txnId=${String(partial.Id)}`)
    expect(partialPage.body).toMatch(/Overdue \d+ days|Partially paid/)
    expect(partialPage.body).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(partial.Balance)),
    )
    const voidedPage = await get(`/app/invoice?txnId=${String(voided.Id)}`)
    expect(voidedPage.body).toContain('>Voided<')
  })

  it('shows an estimate with its status and the invoice made from it', async () => {
    const estimate = find(demo, 'Estimate', (e) => e.TxnStatus === 'Converted')
    const res = await get(`/app/estimate?txnId=${String(estimate.Id)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`Estimate no. ${String(estimate.DocNumber)}`)
    expect(res.body).toContain('>Converted<')
    const invoiceId = ((estimate.LinkedTxn as QboObject[])[0] as QboObject).TxnId
    expect(res.body).toContain(`/app/invoice?txnId=${String(invoiceId)}`)
    const rejected = find(demo, 'Estimate', (e) => e.TxnStatus === 'Rejected')
    expect((await get(`/app/estimate?txnId=${String(rejected.Id)}`)).body).toContain('>Rejected<')
  })

  it('shows a payment with its amount, reference, the invoices it pays and any unapplied credit', async () => {
    const several = find(demo, 'Payment', (p) => (p.Line as QboObject[]).length >= 2)
    const res = await get(`/app/recvpayment?txnId=${String(several.Id)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`Payment ${String(several.PaymentRefNum)}`)
    for (const line of several.Line as QboObject[]) {
      const id = ((line.LinkedTxn as QboObject[])[0] as QboObject).TxnId
      expect(res.body).toContain(`/app/invoice?txnId=${String(id)}`)
    }
    const credit = find(demo, 'Payment', (p) => (p.Line as QboObject[]).length === 0)
    const creditPage = await get(`/app/recvpayment?txnId=${String(credit.Id)}`)
    expect(creditPage.body).toContain('Unapplied credit')
    expect(creditPage.body).toContain('Not applied to any invoice.')
  })

  it('opens the first company holding the id, names the others, and lets realmId choose', async () => {
    const plain = await get('/app/customerdetail?nameId=1')
    expect(plain.body).toContain('birds@intuit.com')
    expect(plain.body).toContain(`/app/customerdetail?nameId=1&amp;realmId=${second.realmId}`)
    const chosen = await get(`/app/customerdetail?nameId=1&realmId=${second.realmId}`)
    expect(chosen.statusCode).toBe(200)
    expect(chosen.body).toContain('amelia@northbirds.example')
    expect(chosen.body).toContain('Second Sandbox Company')
    expect(chosen.body).not.toContain('birds@intuit.com')
  })

  it('answers a friendly 404 page for an unknown id or company', async () => {
    const unknown = await get('/app/invoice?txnId=999999')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(unknown.body).toContain('We can&#39;t find this invoice')
    expect(unknown.headers['content-security-policy']).toMatch(/default-src 'none'/)
    const otherRealm = await get(`/app/recvpayment?txnId=1&realmId=123`)
    expect(otherRealm.statusCode).toBe(404)
    expect(otherRealm.body).toContain('Company not found')
    const notThere = await get(`/app/estimate?txnId=9999&realmId=${second.realmId}`)
    expect(notThere.statusCode).toBe(404)
  })

  it('answers 400 for a missing, non-numeric or repeated id', async () => {
    for (const url of [
      '/app/customerdetail',
      '/app/customerdetail?nameId=',
      '/app/invoice?txnId=abc',
      `/app/invoice?txnId=1%3Cscript%3E`,
      '/app/estimate?txnId=1&txnId=2',
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.body).toContain('Link not valid')
      expect(res.body).not.toContain('<script')
    }
  })
})
