import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, type Harness, hasChromium, startHarness, step } from './harness'

if (!hasChromium) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium).`)
}

/** A demo opportunity linked to one contact, Geeta Kalapatapu, who is also a customer in the demo company. */
const DEAL = 'Backyard renovation'
const CONTACT = 'Geeta Kalapatapu'

type Found = {
  id: string
  number: string | null
  date: string
  status: string
  total: string
  balance: string | null
  viewUrl: string
  customer: { id: string; name: string }
}

/** The signed-in page's API, with its session cookie and CSRF token (for setting up what the test is not about). */
const api = async (page: Page) => {
  const session = await (await page.request.get('/api/auth/session')).json()
  const headers = { 'x-csrf-token': session.csrfToken as string }
  return {
    get: async (url: string) => {
      const response = await page.request.get(url)
      expect(response.status(), `${url} ${await response.text()}`).toBe(200)
      return response.json()
    },
    post: async (url: string, data: object) => {
      const response = await page.request.post(url, { data, headers })
      expect(response.status(), `${url} ${await response.text()}`).toBe(201)
      return response.json()
    },
    put: async (url: string, data: object) => {
      const response = await page.request.put(url, { data, headers })
      expect(response.status(), `${url} ${await response.text()}`).toBe(200)
      return response.json()
    },
  }
}

const DEMO_REALM_ID = '9130357766900456'

/**
 * Someone working in QuickBooks itself, meanwhile: signs in to the server's built-in emulator through its own
 * consent page (as the development app) and deletes or voids documents through the Accounting API.
 */
const quickbooksUser = async (emulatorUrl: string, redirectUri: string) => {
  const authorize = new URL('/connect/oauth2', emulatorUrl)
  for (const [name, value] of Object.entries({
    client_id: 'ledgerlink-dev',
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    redirect_uri: redirectUri,
    state: 'e2e-quickbooks-user',
  }))
    authorize.searchParams.set(name, value)
  const html = await (await fetch(authorize)).text()
  const form = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.set(match[1] ?? '', (match[2] ?? '').replaceAll('&amp;', '&'))
  form.set('decision', 'connect')
  form.set('realmId', DEMO_REALM_ID)
  const consent = await fetch(authorize.origin + authorize.pathname, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? ''
  const token = await fetch(new URL('/oauth2/v1/tokens/bearer', emulatorUrl), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('ledgerlink-dev:ledgerlink-dev-secret').toString('base64')}`,
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  })
  const { access_token: accessToken } = (await token.json()) as { access_token: string }
  const call = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(new URL(`/v3/company/${DEMO_REALM_ID}/${path}`, emulatorUrl), {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    expect(response.status, `${method} ${path}`).toBe(200)
    return response.json() as Promise<Record<string, { SyncToken: string }>>
  }
  return {
    deleteInvoice: async (id: string) => {
      const { Invoice } = await call('GET', `invoice/${id}`)
      await call('POST', 'invoice?operation=delete', { Id: id, SyncToken: Invoice?.SyncToken })
    },
    voidPayment: async (id: string) => {
      const { Payment } = await call('GET', `payment/${id}`)
      await call('POST', 'payment?operation=update&include=void', {
        Id: id,
        SyncToken: Payment?.SyncToken,
        sparse: true,
      })
    },
  }
}

const openDeal = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Opportunities' }).click()
  await page.getByRole('heading', { level: 1, name: 'Opportunities' }).waitFor()
  await page.getByLabel('Search opportunities').fill(DEAL)
  await page.getByRole('link', { name: DEAL, exact: true }).click()
  await page.getByRole('heading', { level: 1, name: DEAL }).waitFor()
  await page.getByRole('tab', { name: /^QuickBooks/ }).click()
}

describe.skipIf(!hasChromium)('QuickBooks documents of an opportunity in the browser', () => {
  let harness: Harness
  let page: Page
  let invoice: Found
  let payment: Found

  beforeAll(async () => {
    harness = await startHarness()
    page = (await harness.newPage()).page
    await harness.signIn(page)
    await step(harness, page, 'Connecting to QuickBooks', async () => {
      await page.goto('/settings/integrations')
      await page.getByRole('button', { name: 'Connect to QuickBooks' }).click()
      await page.getByRole('heading', { name: /wants to connect to your QuickBooks company/ }).waitFor()
      await page.getByRole('button', { name: 'Connect', exact: true }).click()
      await page.getByText('QuickBooks Online — connected').waitFor()
    })

    // An invoice and a payment of other customers than the contact's, to link directly.
    const client = await api(page)
    const invoices = await client.get('/api/quickbooks/documents/find?kind=invoice&from=2000-01-01')
    invoice = invoices.items.find((item: Found) => item.customer.name !== CONTACT && item.number)
    const payments = await client.get('/api/quickbooks/documents/find?kind=payment&from=2000-01-01')
    payment = payments.items.find((item: Found) => item.customer.name !== CONTACT)
    expect(invoice?.number).toBeTruthy()
    expect(payment?.date).toBeTruthy()
  }, 90_000)

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)
      await harness.screenshot(page, `failed-qbdocs-${name}`).catch(() => undefined)
    }
  })

  afterAll(async () => harness?.close())

  it('opens an opportunity’s QuickBooks tab with nothing linked yet', async () => {
    await openDeal(page)
    await page.getByText('No QuickBooks documents yet.').waitFor({ timeout: 20_000 })
    await page.getByRole('tab', { name: 'QuickBooks, not linked' }).waitFor()
    await harness.screenshot(page, 'qbdocs-01-empty')
  })

  it('finds an invoice by number and links it', async () => {
    await page.getByRole('button', { name: /^Invoice actions/ }).click()
    await page.getByRole('menuitem', { name: 'Find invoices…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Find invoices in QuickBooks' })
    // The number field has focus: typing goes straight into it.
    await page.keyboard.type(invoice.number ?? '')
    await page.keyboard.press('Enter')
    const results = dialog.getByRole('list', { name: 'Invoice results' })
    await results.getByRole('listitem').first().waitFor({ timeout: 20_000 })
    await expect(results.getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(1)
    const view = results.getByRole('link', {
      name: `View Invoice ${invoice.number} in QuickBooks (opens a new tab)`,
    })
    await expect(view.getAttribute('target')).resolves.toBe('_blank')
    await harness.screenshot(page, 'qbdocs-02-find-invoice')
    await results.getByRole('button', { name: `Link Invoice ${invoice.number} to ${DEAL}` }).click()
    await dialog.getByText(`Invoice ${invoice.number} linked to ${DEAL}.`).waitFor()
    await results.getByText('Linked', { exact: true }).first().waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()

    const table = page.getByRole('table', { name: /linked to Backyard renovation/ })
    const row = table.getByRole('row').filter({ hasText: invoice.number ?? '' })
    await row.getByText('Linked', { exact: true }).waitFor()
    await row.getByRole('button', { name: `Un-link Invoice ${invoice.number}` }).waitFor()
    await page.getByRole('tab', { name: 'QuickBooks, linked' }).waitFor()
  })

  it('finds payments by date range, refuses a range that ends before it starts, and links one', async () => {
    await page.getByRole('button', { name: /^Payment actions/ }).click()
    await page.getByRole('menuitem', { name: 'Find payments…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Find payments in QuickBooks' })
    await dialog.getByLabel('Payment date from').fill('2030-01-02')
    await dialog.getByLabel('Payment date to').fill('2030-01-01')
    await dialog.getByRole('button', { name: 'Search' }).click()
    await dialog.getByText('The end date must be on or after the start date.').waitFor()

    await dialog.getByLabel('Payment date from').fill(payment.date)
    await dialog.getByLabel('Payment date to').fill(payment.date)
    await dialog.getByRole('button', { name: 'Search' }).click()
    const results = dialog.getByRole('list', { name: 'Payment results' })
    await results.getByRole('listitem').first().waitFor({ timeout: 20_000 })
    await harness.screenshot(page, 'qbdocs-03-find-payments')
    const name = `Payment ${payment.number ?? payment.id}`
    await results.getByRole('button', { name: `Link ${name} to ${DEAL}` }).click()
    await dialog.getByText(`${name} linked to ${DEAL}.`).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    const table = page.getByRole('table', { name: /linked to Backyard renovation/ })
    await table.getByRole('button', { name: `Un-link ${name}` }).waitFor()
    await expect(table.locator('tbody tr').count()).resolves.toBe(2)
    await harness.screenshot(page, 'qbdocs-04-two-direct')
  })

  it('shows the documents of the contact’s customer labelled “via” the contact, with totals', async () => {
    const client = await api(page)
    const contacts = await client.get(`/api/contacts?q=${encodeURIComponent(CONTACT)}`)
    const contact = contacts.items.find(
      (item: { id: string; firstName: string }) => item.firstName === 'Geeta',
    )
    const customers = await client.get(`/api/quickbooks/customers?q=${encodeURIComponent(CONTACT)}`)
    const customer = customers.items.find((item: { displayName: string }) => item.displayName === CONTACT)
    await client.put(`/api/contacts/${contact.id}/quickbooks/link`, { customerId: customer.customerId })

    await page.getByRole('button', { name: 'Refresh' }).click()
    const table = page.getByRole('table', { name: /linked to Backyard renovation/ })
    await table.getByText(`via ${CONTACT}`).first().waitFor({ timeout: 20_000 })
    const rows = await table.locator('tbody tr').count()
    expect(rows).toBeGreaterThan(2)
    // Indirect rows cannot be un-linked here: only the two direct ones have the button.
    await expect(table.getByRole('button', { name: /^Un-link/ }).count()).resolves.toBe(2)
    const totals = page.getByRole('region', { name: 'Totals of the documents shown' })
    await totals.getByText('Open balance').waitFor()
    await expect(totals.textContent()).resolves.toMatch(/\$\d/)
    await harness.screenshot(page, 'qbdocs-05-direct-and-via')
  })

  it('filters with Show', async () => {
    await page.getByLabel('Show', { exact: true }).selectOption('payments')
    const table = page.getByRole('table', { name: /^Payments linked to Backyard renovation/ })
    await table.waitFor({ timeout: 20_000 })
    const types = await table.locator('tbody tr td:first-child').allTextContents()
    expect(types.length).toBeGreaterThan(0)
    expect(new Set(types)).toEqual(new Set(['Payment']))
    await harness.screenshot(page, 'qbdocs-06-show-payments')
    await page.getByLabel('Show', { exact: true }).selectOption('all')
    await page.getByRole('table', { name: /^All linked to Backyard renovation/ }).waitFor({ timeout: 20_000 })
  })

  it('un-links the invoice with the keyboard', async () => {
    const table = page.getByRole('table', { name: /linked to Backyard renovation/ })
    const before = await table.locator('tbody tr').count()
    await table.getByRole('button', { name: `Un-link Invoice ${invoice.number}` }).focus()
    await page.keyboard.press('Enter')
    await page.getByText(`Invoice ${invoice.number} un-linked from ${DEAL}.`).waitFor()
    await expect.poll(() => table.locator('tbody tr').count()).toBe(before - 1)
    await expect(table.getByRole('button', { name: /^Un-link/ }).count()).resolves.toBe(1)
    // Focus does not fall back to the top of the page when the focused button goes away.
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement?.textContent ?? null'))
      .toBe('Estimates, invoices and payments')
    await harness.screenshot(page, 'qbdocs-07-after-unlink')
  })

  it('shows a document deleted in QuickBooks and one voided there, each still with Un-link', async () => {
    const client = await api(page)
    const dealId = new URL(page.url()).pathname.split('/')[2]
    const invoices = await client.get('/api/quickbooks/documents/find?kind=invoice&from=2000-01-01')
    const doomed: Found = invoices.items.find(
      (item: Found) =>
        item.customer.name !== CONTACT &&
        item.id !== invoice.id &&
        item.number &&
        item.balance === item.total,
    )
    const payments = await client.get('/api/quickbooks/documents/find?kind=payment&from=2000-01-01')
    const voided: Found = payments.items.find(
      (item: Found) => item.customer.name !== CONTACT && item.id !== payment.id && item.number,
    )
    for (const [kind, documentId] of [
      ['invoice', doomed.id],
      ['payment', voided.id],
    ])
      await client.post(`/api/opportunities/${dealId}/quickbooks/document-links`, { kind, documentId })

    const someoneInQuickbooks = await quickbooksUser(
      new URL(doomed.viewUrl).origin,
      `${harness.baseUrl}/api/quickbooks/callback`,
    )
    await someoneInQuickbooks.deleteInvoice(doomed.id)
    await someoneInQuickbooks.voidPayment(voided.id)

    await page.getByRole('button', { name: 'Refresh' }).click()
    const table = page.getByRole('table', { name: /linked to Backyard renovation/ })
    const deletedRow = table.getByRole('row').filter({ hasText: doomed.number ?? '' })
    await deletedRow.getByText('Deleted in QuickBooks').waitFor({ timeout: 20_000 })
    await expect(deletedRow.getByRole('link', { name: /^View/ }).count()).resolves.toBe(0)
    const voidedRow = table.getByRole('row').filter({ hasText: voided.number ?? '' })
    await voidedRow.getByText('Voided', { exact: true }).waitFor()
    await voidedRow.getByRole('button', { name: `Un-link Payment ${voided.number}` }).waitFor()
    await harness.screenshot(page, 'qbdocs-08-deleted-and-voided')

    await deletedRow.getByRole('button', { name: `Un-link Invoice ${doomed.number}` }).click()
    await page.getByText(`Invoice ${doomed.number} un-linked from ${DEAL}.`).waitFor()
    await expect.poll(() => table.getByText('Deleted in QuickBooks').count()).toBe(0)
  })

  it('fits a 390 px wide phone screen, list and Find', async () => {
    const { context, page: phone } = await harness.newPage({ width: 390, height: 844 })
    try {
      await harness.signIn(phone)
      await phone.goto('/opportunities')
      await phone.getByLabel('Search opportunities').fill(DEAL)
      await phone.getByRole('link', { name: DEAL, exact: true }).click()
      await phone.getByRole('tab', { name: /^QuickBooks/ }).click()
      await phone.getByRole('table', { name: /linked to Backyard renovation/ }).waitFor({ timeout: 20_000 })
      await harness.screenshot(phone, 'qbdocs-09-phone-list')
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
      await phone.getByRole('button', { name: /^Estimate actions/ }).click()
      await phone.getByRole('menuitem', { name: 'Find estimates…' }).click()
      const dialog = phone.getByRole('dialog', { name: 'Find estimates in QuickBooks' })
      await dialog.getByLabel('Estimate date from').fill('2000-01-01')
      await dialog.getByRole('button', { name: 'Search' }).click()
      await dialog.getByRole('list', { name: 'Estimate results' }).getByRole('listitem').first().waitFor()
      await harness.screenshot(phone, 'qbdocs-10-phone-find')
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
    } finally {
      await context.close()
    }
  })
})
