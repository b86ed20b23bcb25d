import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, type Harness, hasChromium, startHarness } from './harness'

if (!hasChromium) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium).`)
}

const CSV = [
  'Name,Phone,Website',
  'Fabrikam Inc,+1 555 0101,fabrikam.example',
  ',+1 555 0102,nameless.example',
  'Contoso Ltd,+1 555 0103,contoso.example',
].join('\n')

/** Opens a list page through the main navigation, as a person would. */
const openList = async (page: Page, label: string) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
  await page.getByRole('heading', { level: 1, name: label }).waitFor()
}

describe.skipIf(!hasChromium)('a salesperson working with CRM records in the browser', () => {
  let harness: Harness
  let page: Page

  beforeAll(async () => {
    harness = await startHarness()
    page = (await harness.newPage()).page
  }, 90_000)

  // A failed step leaves a picture of the page behind for whoever reads the report.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)
      await harness.screenshot(page, `failed-${name}`).catch(() => undefined)
    }
  })

  afterAll(async () => {
    await harness?.close()
  })

  it('refuses a wrong password with a plain message and stays on sign-in', async () => {
    await page.goto('/organizations')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.getByLabel('Email').fill(harness.admin.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await harness.screenshot(page, 'crm-01-sign-in-refused')
  })

  it('signs in and lands on organizations', async () => {
    await harness.signIn(page)
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor()
    await harness.screenshot(page, 'crm-02-organizations')
  })

  it('creates an organization and shows its details', async () => {
    await openList(page, 'Organizations')
    await page.getByRole('link', { name: 'New organization' }).click()
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByText('Name is required.').waitFor()
    await page.getByLabel('Name').first().fill('Northwind Traders')
    await page.getByLabel('Website').fill('https://northwind.example')
    await page.getByLabel('Phone', { exact: true }).fill('+1 206 555 0100')
    await page.getByRole('group', { name: 'Billing address' }).getByLabel('City').fill('Seattle')
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders' }).waitFor()
    await page.getByRole('tabpanel').getByText('Seattle').waitFor()
    await harness.screenshot(page, 'crm-03-organization-created')
  })

  it('creates a contact at that organization through the organization picker', async () => {
    await openList(page, 'Contacts')
    await page.getByRole('link', { name: 'New contact' }).click()
    await page.getByLabel('First name').fill('Nancy')
    await page.getByLabel('Last name').fill('Davolio')
    await page.getByLabel('Email', { exact: true }).fill('nancy@northwind.example')
    await page.getByRole('button', { name: 'Choose…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Choose an organization' })
    await dialog.getByLabel('Search organizations').fill('northw')
    await dialog.getByRole('radio', { name: 'Northwind Traders' }).check()
    await dialog.getByRole('button', { name: 'Choose' }).click()
    await page.getByRole('button', { name: 'Create contact' }).click()
    await page.getByRole('heading', { level: 1, name: 'Nancy Davolio' }).waitFor()
    await page.getByRole('tabpanel').getByRole('link', { name: 'Northwind Traders' }).waitFor()
  })

  it('links an opportunity to the organization and the contact', async () => {
    await openList(page, 'Opportunities')
    await page.getByRole('link', { name: 'New opportunity' }).click()
    await page.getByLabel('Name').fill('Northwind expansion')
    await page.getByLabel('Value').fill('5000')
    await page.getByRole('button', { name: 'Create opportunity' }).click()
    await page.getByRole('heading', { level: 1, name: 'Northwind expansion' }).waitFor()
    await page.getByRole('tab', { name: 'Related' }).click()
    await page.getByText('not linked to anything yet').waitFor()

    await page.getByRole('button', { name: 'Add link' }).click()
    let dialog = page.getByRole('dialog', { name: 'Add a link' })
    await dialog.getByLabel('Kind of record').selectOption('organizations')
    await dialog.getByLabel('Search organizations').fill('Northwind')
    await dialog.getByRole('radio', { name: 'Northwind Traders' }).check()
    await dialog.getByRole('button', { name: 'Add link' }).click()
    await page.getByRole('tabpanel').getByRole('link', { name: 'Northwind Traders' }).waitFor()

    await page.getByRole('button', { name: 'Add link' }).click()
    dialog = page.getByRole('dialog', { name: 'Add a link' })
    await dialog.getByLabel('Kind of record').selectOption('contacts')
    await dialog.getByLabel('Search contacts').fill('davolio')
    await dialog.getByRole('radio', { name: 'Nancy Davolio' }).check()
    await dialog.getByLabel('Role (optional)').fill('Buyer')
    await dialog.getByRole('button', { name: 'Add link' }).click()
    const nancy = page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: 'Nancy Davolio' })
    await expect(nancy.textContent()).resolves.toContain('Buyer')
    await harness.screenshot(page, 'crm-04-opportunity-related')
  })

  it('edits the opportunity, shows the change in history and undoes it', async () => {
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByLabel('Stage').selectOption('negotiation')
    await page.getByLabel('Value').fill('7500.50')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Changes saved.').waitFor()
    const panel = page.getByRole('tabpanel')
    await panel.getByText('Negotiation').waitFor()

    await page.getByRole('tab', { name: 'History' }).click()
    // Newest first: the edit's Stage row comes before the one recorded at creation.
    const stageRow = panel
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Stage' }) })
      .first()
    await expect.poll(() => stageRow.textContent()).toMatch(/Prospecting.*Negotiation/)
    await harness.screenshot(page, 'crm-05-history')
    await stageRow.getByRole('button', { name: 'Undo change to Stage' }).click()
    await page.getByText('Undid the change to stage.').waitFor()

    await page.getByRole('tab', { name: 'Details' }).click()
    const stage = panel.getByRole('definition').filter({ hasText: /^(Prospecting|Negotiation)$/ })
    await expect.poll(() => stage.textContent()).toBe('Prospecting')
  })

  it('shows the contact and the opportunity on the organization', async () => {
    await openList(page, 'Organizations')
    await page.getByRole('link', { name: 'Northwind Traders' }).click()
    await page.getByRole('tab', { name: 'Related' }).click()
    const panel = page.getByRole('tabpanel')
    await panel.getByRole('link', { name: 'Nancy Davolio' }).waitFor()
    await panel.getByRole('link', { name: 'Northwind expansion' }).waitFor()
  })

  it('searches contacts by part of a name and says when nothing matches', async () => {
    await openList(page, 'Contacts')
    const search = page.getByLabel('Search contacts')
    await search.fill('avoli')
    await page.getByRole('row').filter({ hasText: 'Nancy Davolio' }).waitFor()
    await search.fill('zzzz-nobody')
    await page.getByText('No contacts match “zzzz-nobody”.').waitFor()
  })

  it('imports organizations from a CSV file and lists the rows that failed', async () => {
    await page.goto('/import?type=organization')
    await page.getByLabel('CSV file').setInputFiles({
      name: 'organizations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    })
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await page.getByText('3 rows found').waitFor()
    await page.getByLabel('Field for column “Name”').selectOption('name')
    await harness.screenshot(page, 'crm-06-import-preview')
    await page.getByRole('button', { name: 'Import 3 organizations' }).click()
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 20_000 })
    await page.getByText(/2 created, 1 failed/).waitFor()
    await page.getByText(/Row 2:/).waitFor()
    await harness.screenshot(page, 'crm-07-import-finished')
    await page.getByRole('link', { name: 'See the imported organizations' }).click()
    await page.getByRole('link', { name: 'Fabrikam Inc' }).waitFor()
  })

  it('deletes a record only after confirmation', async () => {
    await openList(page, 'Organizations')
    await page.getByLabel('Search organizations').fill('Contoso')
    await page.getByRole('link', { name: 'Contoso Ltd' }).click()
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete Contoso Ltd?' })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('heading', { level: 1, name: 'Contoso Ltd' }).waitFor()
    await page.getByRole('button', { name: 'Delete' }).click()
    await dialog.getByRole('button', { name: 'Delete organization' }).click()
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor()
    await page.getByLabel('Search organizations').fill('Contoso')
    await page.getByText('No organizations match “Contoso”.').waitFor()
  })

  it('returns to sign-in when the session ends, then back to the page after signing in', async () => {
    const { context, page: other } = await harness.newPage()
    try {
      await harness.signIn(other)
      await other.goto('/projects')
      await other.getByRole('heading', { level: 1, name: 'Projects' }).waitFor()
      await context.clearCookies()
      await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click()
      await other.getByText('Your session has ended. Sign in again to carry on.').waitFor()
      await other.getByLabel('Email').fill(harness.admin.email)
      await other.getByLabel('Password').fill(harness.admin.password)
      await other.getByRole('button', { name: 'Sign in' }).click()
      await other.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor()
    } finally {
      await context.close()
    }
  })

  it('lets an administrator add a member, who works with records but has no Settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a user' })
    await dialog.getByLabel('Name').fill('Mia Member')
    await dialog.getByLabel('Email').fill('mia@e2e.test')
    await dialog.getByLabel('Password').fill('short')
    await dialog.getByRole('button', { name: 'Add user' }).click()
    await dialog.getByText('Use at least 8 characters.').waitFor()
    await dialog.getByLabel('Password').fill('mia-password-1')
    await dialog.getByRole('button', { name: 'Add user' }).click()
    await page.getByRole('rowheader', { name: /Mia Member/ }).waitFor()

    await page.getByRole('link', { name: 'Integrations' }).click()
    await page.getByText('QuickBooks Online — not connected').waitFor()
    await expect(page.getByRole('button', { name: 'Connect to QuickBooks' }).isEnabled()).resolves.toBe(true)
    await harness.screenshot(page, 'crm-08-integrations')

    const { context, page: member } = await harness.newPage()
    try {
      await harness.signIn(member, { email: 'mia@e2e.test', password: 'mia-password-1' })
      const nav = member.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'Contacts' }).waitFor()
      await expect(nav.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(0)
      await member.goto('/settings/users')
      await member.getByRole('heading', { name: 'Administrators only' }).waitFor()

      await member.getByRole('button', { name: /^Account menu/ }).click()
      await member.getByRole('menuitem', { name: 'Your account' }).click()
      await member.getByLabel('Current password').fill('not-my-password')
      await member.getByLabel('New password').first().fill('mia-password-2')
      await member.getByLabel('New password again').fill('mia-password-2')
      await member.getByRole('button', { name: 'Change password' }).click()
      await expect.poll(() => member.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true')
      await member.getByLabel('Current password').fill('mia-password-1')
      await member.getByRole('button', { name: 'Change password' }).click()
      await member.getByText('Your password has been changed.').waitFor()
    } finally {
      await context.close()
    }
  })

  it('fits a 390 px wide phone screen with a menu button for navigation', async () => {
    const { context, page: phone } = await harness.newPage({ width: 390, height: 844 })
    try {
      await harness.signIn(phone)
      await expect(phone.getByRole('link', { name: 'Contacts' }).isVisible()).resolves.toBe(false)
      await phone.getByRole('button', { name: 'Menu', exact: true }).click()
      await phone.getByRole('link', { name: 'Contacts' }).click()
      await phone.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor()
      const width = await phone.evaluate<number>('document.documentElement.scrollWidth')
      expect(width).toBeLessThanOrEqual(390)
      await harness.screenshot(phone, 'crm-09-phone-contacts')
      // The demo workspace holds more contacts than one page: the next page is appended below.
      const rows = phone.locator('tbody tr')
      const firstPage = await rows.count()
      await phone.getByRole('button', { name: 'Load more' }).click()
      await expect.poll(() => rows.count()).toBeGreaterThan(firstPage)
    } finally {
      await context.close()
    }
  })
})
