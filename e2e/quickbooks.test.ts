import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chromiumPath, type Harness, hasChromium, startHarness, step } from './harness'

if (!hasChromium) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium).`)
}

const MEMBER = { email: 'quinn@e2e.test', password: 'quinn-password-1' }

/** Opens a record through its list's search, as a person would. */
const openRecord = async (page: Page, list: 'Organizations' | 'Contacts', name: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: list }).click()
  await page.getByRole('heading', { level: 1, name: list }).waitFor()
  await page.getByLabel(`Search ${list.toLowerCase()}`).fill(name)
  await page.getByRole('link', { name, exact: true }).click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

const openQuickbooksTab = async (page: Page) => {
  await page.getByRole('tab', { name: /^QuickBooks/ }).click()
}

/** Connect to QuickBooks → the emulator's consent page → Connect → back on Integrations. */
const connectThroughConsent = async (page: Page, harness: Harness, screenshot?: string) => {
  await step(harness, page, 'Opening the consent page', async () => {
    await page.getByRole('button', { name: /^(Connect to QuickBooks|Reconnect)$/ }).click()
    await page.getByRole('heading', { name: /wants to connect to your QuickBooks company/ }).waitFor()
  })
  if (screenshot) await harness.screenshot(page, screenshot)
  await step(harness, page, 'Approving on the consent page', async () => {
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await page.getByRole('heading', { name: 'Integrations' }).waitFor()
    await page.getByText('QuickBooks Online — connected').waitFor()
  })
}

describe.skipIf(!hasChromium)('QuickBooks for organizations and contacts in the browser', () => {
  let harness: Harness
  let admin: Page
  let member: Page
  let memberContext: BrowserContext

  beforeAll(async () => {
    harness = await startHarness()
    admin = (await harness.newPage()).page
    ;({ page: member, context: memberContext } = await harness.newPage())
  }, 90_000)

  // The tests tell one story: once a step fails, the ones after it are skipped rather than failing in turn,
  // so the first failure is the one reported.
  let failed = ''
  beforeEach((context) => {
    if (failed) context.skip(`an earlier step failed: ${failed}`)
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      failed ||= context.task.name
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)
      await harness.screenshot(admin, `failed-qb-admin-${name}`).catch(() => undefined)
      await harness.screenshot(member, `failed-qb-member-${name}`).catch(() => undefined)
    }
  })

  afterAll(async () => {
    await memberContext?.close()
    await harness?.close()
  })

  it('shows members no QuickBooks tab and administrators a pointer to Settings before connecting', async () => {
    await harness.signIn(admin)
    await admin.goto('/settings/users')
    await admin.getByRole('button', { name: 'Add user' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Add a user' })
    await dialog.getByLabel('Name').fill('Quinn Member')
    await dialog.getByLabel('Email').fill(MEMBER.email)
    await dialog.getByLabel('Password').fill(MEMBER.password)
    await dialog.getByRole('button', { name: 'Add user' }).click()
    await admin.getByRole('rowheader', { name: /Quinn Member/ }).waitFor()

    await harness.signIn(member, MEMBER)
    await openRecord(member, 'Contacts', 'Kate Whelan')
    await member.getByRole('tab', { name: 'History' }).waitFor()
    await expect(member.getByRole('tab', { name: /^QuickBooks/ }).count()).resolves.toBe(0)

    await openRecord(admin, 'Organizations', 'Riverside Community Church')
    await openQuickbooksTab(admin)
    await admin.getByText('This workspace is not connected to QuickBooks').waitFor()
    await harness.screenshot(admin, 'qb-01-admin-not-connected-tab')
    await admin.getByRole('link', { name: 'Settings → Integrations' }).click()
    await admin.getByText('QuickBooks Online — not connected').waitFor()
    await harness.screenshot(admin, 'qb-02-integrations-not-connected')
  })

  it('lets the administrator connect through the QuickBooks consent page', async () => {
    await connectThroughConsent(admin, harness, 'qb-03-consent-page')
    await admin.getByText(/^Connected to /).waitFor()
    const details = admin.locator('.connection-details')
    await expect(details.textContent()).resolves.toMatch(/emulator/i)
    await expect(details.textContent()).resolves.toContain('By ')
    expect(new URL(admin.url()).search).toBe('')
    await harness.screenshot(admin, 'qb-04-integrations-connected')
  })

  it('shows a member ranked suggestions and links one', async () => {
    await member.reload()
    await openQuickbooksTab(member)
    const suggestions = member.getByRole('list', { name: /Suggested QuickBooks customers/ })
    const kate = suggestions.getByRole('listitem').filter({ hasText: 'Kate Whelan' }).first()
    await kate.waitFor({ timeout: 20_000 })
    await expect(kate.textContent()).resolves.toMatch(/score \d+%/)
    await harness.screenshot(member, 'qb-05-suggestions')
    await kate.getByRole('button', { name: 'Add link to Kate Whelan' }).click()
    await member.getByRole('heading', { level: 3, name: 'Kate Whelan' }).waitFor({ timeout: 20_000 })
    await member.getByRole('tab', { name: 'QuickBooks, linked' }).waitFor()
  })

  it('shows the overview, the financial summary and the aging chart', async () => {
    const panel = member.getByRole('tabpanel')
    await panel.getByText(/figures as of/).waitFor()
    const chart = panel.getByRole('table', { name: /Accounts receivable aging/ })
    await chart.waitFor()
    await expect(chart.getByRole('rowheader').allTextContents()).resolves.toEqual([
      'Current',
      '1–30 days',
      '31–60 days',
      '61–90 days',
      'Over 90 days',
      'Total open',
    ])
    await expect(chart.textContent()).resolves.toMatch(/\$\d/)
    await panel.getByText('Open balance').waitFor()
    // View in QuickBooks opens the customer in a new tab.
    const [popup] = await Promise.all([
      member.context().waitForEvent('page'),
      (async () => {
        await panel.getByRole('button', { name: 'Actions' }).click()
        await member.getByRole('menuitem', { name: /View in QuickBooks/ }).click()
      })(),
    ])
    await popup.waitForLoadState()
    await expect(popup.textContent('body')).resolves.toContain('Kate Whelan')
    await popup.close()
    await panel.getByRole('button', { name: 'Refresh' }).click()
    await panel.getByRole('button', { name: 'Refresh' }).waitFor()
    await harness.screenshot(member, 'qb-06-linked-overview')
  })

  it('filters the documents list with Show', async () => {
    const panel = member.getByRole('tabpanel')
    const table = panel.getByRole('table', { name: /of this customer, newest first/ })
    await table.waitFor()
    await panel.getByLabel('Show').selectOption('invoices')
    await panel.getByRole('table', { name: /^Invoices of this customer/ }).waitFor()
    const types = await panel
      .getByRole('table', { name: /^Invoices of this customer/ })
      .locator('tbody tr td:first-child')
      .allTextContents()
    expect(types.length).toBeGreaterThan(0)
    expect(new Set(types)).toEqual(new Set(['Invoice']))
    const view = panel.getByRole('link', { name: /^View Invoice/ }).first()
    await expect(view.getAttribute('target')).resolves.toBe('_blank')
    await expect(view.getAttribute('rel')).resolves.toContain('noopener')
    await harness.screenshot(member, 'qb-07-documents-invoices')
    await panel.getByLabel('Show').selectOption('all')
  })

  it('copies a phone number to QuickBooks after a field-by-field preview', async () => {
    const panel = member.getByRole('tabpanel')
    await panel.getByRole('button', { name: 'Actions' }).click()
    await member.getByRole('menuitem', { name: 'Copy to QuickBooks…' }).click()
    const dialog = member.getByRole('dialog', { name: 'Copy to QuickBooks' })
    await dialog.getByRole('checkbox', { name: 'Phone', exact: true }).waitFor()
    await expect(dialog.getByRole('button', { name: /^Copy/ }).isDisabled()).resolves.toBe(true)
    await dialog.getByRole('checkbox', { name: 'Phone', exact: true }).check()
    await harness.screenshot(member, 'qb-08-copy-to-quickbooks')
    await dialog.getByRole('button', { name: 'Copy 1 field' }).click()
    await member.getByText('Copied phone to QuickBooks.').waitFor()
    await panel.getByText('(650) 555-2214').waitFor({ timeout: 20_000 })
  })

  it('copies an address from QuickBooks and undoes it in History', async () => {
    const panel = member.getByRole('tabpanel')
    await panel.getByRole('button', { name: 'Actions' }).click()
    await member.getByRole('menuitem', { name: 'Copy from QuickBooks…' }).click()
    const dialog = member.getByRole('dialog', { name: 'Copy from QuickBooks' })
    await dialog.getByRole('checkbox', { name: 'Mailing address' }).check()
    await harness.screenshot(member, 'qb-09-copy-from-quickbooks')
    await dialog.getByRole('button', { name: 'Copy 1 field' }).click()
    await member.getByText('Copied mailing address to Ledgerlink.').waitFor()

    await member.getByRole('tab', { name: 'History' }).click()
    const row = panel
      .getByRole('row')
      .filter({ has: member.getByRole('rowheader', { name: 'Mailing address' }) })
      .first()
    await row.waitFor()
    await harness.screenshot(member, 'qb-10-history-after-copy')
    await row.getByRole('button', { name: 'Undo change to Mailing address' }).click()
    await member.getByText('Undid the change to mailing address.').waitFor()
  })

  it('creates a new customer for an organization nothing matches', async () => {
    await openRecord(member, 'Organizations', 'Riverside Community Church')
    await openQuickbooksTab(member)
    await member.getByRole('heading', { name: 'Suggested customers' }).waitFor({ timeout: 20_000 })
    await member.getByRole('button', { name: 'New Customer' }).click()
    const dialog = member.getByRole('dialog', { name: 'New QuickBooks customer' })
    await expect(dialog.getByLabel('Customer name in QuickBooks').inputValue()).resolves.toBe(
      'Riverside Community Church',
    )
    await dialog.getByRole('button', { name: 'Create and link' }).click()
    await member
      .getByRole('heading', { level: 3, name: 'Riverside Community Church' })
      .waitFor({ timeout: 20_000 })
    await member.getByText('No estimates, invoices or payments yet.').waitFor()
    await harness.screenshot(member, 'qb-11-new-customer-linked')
  })

  it('makes one customer and one link when two browser tabs create the same customer at once', async () => {
    // Two tabs of the same browser (one session) on the same organization, both at "Create and link".
    const second = await memberContext.newPage()
    await second.goto('/')
    try {
      const tabs = [member, second]
      for (const tab of tabs) {
        await openRecord(tab, 'Organizations', 'Lotus Yoga Studio')
        await openQuickbooksTab(tab)
        await tab.getByRole('heading', { name: 'Suggested customers' }).waitFor({ timeout: 20_000 })
        await tab.getByRole('button', { name: 'New Customer' }).click()
        await tab.getByRole('dialog', { name: 'New QuickBooks customer' }).waitFor()
      }
      await Promise.all(
        tabs.map((tab) =>
          tab
            .getByRole('dialog', { name: 'New QuickBooks customer' })
            .getByRole('button', { name: 'Create and link' })
            .click(),
        ),
      )
      // One tab shows the new customer; the other says why it could not make a second one.
      const outcomes = await Promise.all(
        tabs.map((tab) =>
          Promise.race([
            tab
              .getByRole('heading', { level: 3, name: 'Lotus Yoga Studio' })
              .waitFor({ timeout: 20_000 })
              .then(() => 'linked'),
            tab
              .getByRole('dialog', { name: 'New QuickBooks customer' })
              .getByRole('alert')
              .waitFor({ timeout: 20_000 })
              .then(async () =>
                tab
                  .getByRole('dialog', { name: 'New QuickBooks customer' })
                  .getByRole('alert')
                  .first()
                  .textContent(),
              ),
          ]),
        ),
      )
      expect(outcomes).toContain('linked')
      const told = outcomes.find((outcome) => outcome !== 'linked')
      if (told)
        expect(told).toMatch(/Meanwhile this organization was linked to “Lotus Yoga Studio”|already used/)
      const toldTab = tabs[outcomes.findIndex((outcome) => outcome !== 'linked')]
      if (toldTab) {
        await harness.screenshot(toldTab, 'qb-11b-two-tabs-one-customer')
        // The tab that was told shows the customer the other one linked.
        const notice = toldTab
          .getByRole('dialog', { name: 'New QuickBooks customer' })
          .getByRole('alert')
          .first()
        if ((await notice.textContent())?.startsWith('Meanwhile')) {
          await notice.getByRole('button', { name: 'Show the linked customer' }).click()
          await toldTab
            .getByRole('heading', { level: 3, name: 'Lotus Yoga Studio' })
            .waitFor({ timeout: 20_000 })
        }
      }

      // QuickBooks has exactly one such customer, and the organization exactly one link to it.
      const found = await member.request.get('/api/quickbooks/customers?q=Lotus%20Yoga%20Studio')
      expect(found.status()).toBe(200)
      const named = ((await found.json()).items as Array<{ displayName: string }>).filter(
        (customer) => customer.displayName === 'Lotus Yoga Studio',
      )
      expect(named).toHaveLength(1)
      await second.reload()
      await openQuickbooksTab(second)
      await second.getByRole('heading', { level: 3, name: 'Lotus Yoga Studio' }).waitFor({ timeout: 20_000 })
    } finally {
      await second.close()
      // The tab that was told may still show its dialog: start the next story from a fresh page.
      await member.reload()
    }
  })

  it('explains a taken name and offers to link the customer that has it', async () => {
    await openRecord(member, 'Organizations', 'Stonebridge Apartments')
    await openQuickbooksTab(member)
    await member.getByRole('heading', { name: 'Suggested customers' }).waitFor({ timeout: 20_000 })
    // The search box finds customers by any part of a name.
    await member.getByLabel('Search QuickBooks customers by name or email').fill('ool car')
    await member.getByRole('button', { name: 'Search', exact: true }).click()
    const results = member.getByRole('list', { name: 'QuickBooks customers matching “ool car”' })
    await results.getByRole('button', { name: 'Add link to Cool Cars' }).waitFor({ timeout: 20_000 })
    await member.getByLabel('Search QuickBooks customers by name or email').fill('zzzz-nobody')
    await member.getByRole('button', { name: 'Search', exact: true }).click()
    await member.getByText('No QuickBooks customer matches “zzzz-nobody”.').waitFor({ timeout: 20_000 })

    await member.getByRole('button', { name: 'New Customer' }).click()
    const dialog = member.getByRole('dialog', { name: 'New QuickBooks customer' })
    const name = dialog.getByLabel('Customer name in QuickBooks')

    await name.fill('Hicks Hardware')
    await dialog.getByRole('button', { name: 'Create and link' }).click()
    await dialog.getByText(/already used by a vendor/).waitFor({ timeout: 20_000 })
    await expect(dialog.getByRole('button', { name: 'Link that customer' }).count()).resolves.toBe(0)
    await harness.screenshot(member, 'qb-12-name-taken-by-vendor')

    await name.fill('Cool Cars')
    await dialog.getByRole('button', { name: 'Create and link' }).click()
    await dialog.getByText(/already has a customer named “Cool Cars”/).waitFor({ timeout: 20_000 })
    await harness.screenshot(member, 'qb-13-name-taken-by-customer')
    await dialog.getByRole('button', { name: 'Link that customer' }).click()
    await member.getByRole('heading', { level: 3, name: 'Cool Cars' }).waitFor({ timeout: 20_000 })
  })

  it('unlinks only after confirmation', async () => {
    const panel = member.getByRole('tabpanel')
    await panel.getByRole('button', { name: 'Actions' }).click()
    await member.getByRole('menuitem', { name: 'Unlink' }).click()
    const dialog = member.getByRole('dialog', { name: 'Unlink Cool Cars?' })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await member.getByRole('heading', { level: 3, name: 'Cool Cars' }).waitFor()
    // The Actions menu works from the keyboard: Enter opens it on its first item, Unlink.
    await panel.getByRole('button', { name: 'Actions' }).focus()
    await member.keyboard.press('Enter')
    await expect
      .poll(() => member.evaluate<string | null>('document.activeElement?.textContent ?? null'))
      .toBe('Unlink')
    await member.keyboard.press('Enter')
    await dialog.getByRole('button', { name: 'Unlink' }).click()
    await member.getByRole('heading', { name: 'Suggested customers' }).waitFor({ timeout: 20_000 })
    await member.getByRole('tab', { name: 'QuickBooks, not linked' }).waitFor()
  })

  it('fits a 390 px wide phone screen', async () => {
    const { context, page: phone } = await harness.newPage({ width: 390, height: 844 })
    try {
      await harness.signIn(phone, MEMBER)
      await phone.goto('/contacts')
      await phone.getByLabel('Search contacts').fill('Kate Whelan')
      await phone.getByRole('link', { name: 'Kate Whelan', exact: true }).click()
      await openQuickbooksTab(phone)
      await phone.getByRole('table', { name: /Accounts receivable aging/ }).waitFor({ timeout: 20_000 })
      await harness.screenshot(phone, 'qb-14-phone-linked')
      const width = await phone.evaluate<number>('document.documentElement.scrollWidth')
      expect(width).toBeLessThanOrEqual(390)
    } finally {
      await context.close()
    }
  })

  it('lets the administrator disconnect and reconnect, and the links come back', async () => {
    await admin.goto('/settings/integrations')
    await admin.getByRole('button', { name: 'Disconnect' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Disconnect QuickBooks?' })
    await harness.screenshot(admin, 'qb-15-disconnect-confirm')
    await dialog.getByRole('button', { name: 'Disconnect' }).click()
    await admin.getByText('QuickBooks Online — not connected').waitFor()
    await admin.getByText(/Reconnecting to the same company brings its links back/).waitFor()
    await harness.screenshot(admin, 'qb-16-disconnected')

    // A stale or forged return from Intuit is explained, and the page forgets it.
    await admin.goto('/settings/integrations?quickbooks=error&reason=invalid_state')
    await admin.getByText(/has expired or was started in another session/).waitFor()
    expect(new URL(admin.url()).search).toBe('')

    // Cancelling on the consent page connects nothing and says so.
    await admin.getByRole('button', { name: 'Connect to QuickBooks' }).click()
    await admin.getByRole('button', { name: 'Cancel' }).click()
    await admin.getByText(/cancelled on the Intuit page/).waitFor()
    await admin.getByText('QuickBooks Online — not connected').waitFor()

    // Choosing another company asks first, because switching clears the links to the previous one.
    await admin.getByRole('button', { name: 'Connect to QuickBooks' }).click()
    await admin.getByLabel(/Second Sandbox Company/).check()
    await admin.getByRole('button', { name: 'Connect', exact: true }).click()
    await admin.getByRole('heading', { name: 'Switch to Second Sandbox Company?' }).waitFor()
    await admin.getByText(/clears 3 links/).waitFor()
    await harness.screenshot(admin, 'qb-17-different-company-confirm')
    await admin.getByRole('button', { name: 'Keep the previous company' }).click()
    await admin.getByText('Kept the connection as it was.').waitFor()

    await connectThroughConsent(admin, harness)
    await member.goto('/contacts')
    await member.getByLabel('Search contacts').fill('Kate Whelan')
    await member.getByRole('link', { name: 'Kate Whelan', exact: true }).click()
    await member.getByRole('tab', { name: 'QuickBooks, linked' }).click()
    await member.getByRole('heading', { level: 3, name: 'Kate Whelan' }).waitFor({ timeout: 20_000 })
  })
})
