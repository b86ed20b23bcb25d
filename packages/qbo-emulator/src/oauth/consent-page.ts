import { escapeHtml, renderDocument } from './html'
import { SCOPE_DESCRIPTIONS } from './scopes'

/**
 * What the consent page shows and carries back.
 *
 * @example
 * const input: ConsentPageInput = { appName: 'Ledgerlink Dev', companies: [], scopes: [], hiddenFields: {}, nonce: 'n' }
 */
export interface ConsentPageInput {
  appName: string
  companies: Array<{ realmId: string; name: string }>
  scopes: string[]
  /** Authorize parameters to carry in hidden fields, plus the anti-forgery token. */
  hiddenFields: Record<string, string>
  nonce: string
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
}

function companyChoices(companies: ConsentPageInput['companies']): string {
  if (companies.length === 0) return '<p>There is no QuickBooks company to connect.</p>'
  const choices = companies
    .map(
      (company, index) => `<div class="choice">
<input type="radio" id="company-${index}" name="realmId" value="${escapeHtml(company.realmId)}"${index === 0 ? ' checked' : ''} required>
<label for="company-${index}">${escapeHtml(company.name)} <span class="realm">(Realm ID ${escapeHtml(company.realmId)})</span></label>
</div>`,
    )
    .join('\n')
  return `<fieldset>
<legend>Choose a company</legend>
${choices}
</fieldset>`
}

/**
 * The consent page of `GET /connect/oauth2`: the companies as radio buttons, Connect and Cancel buttons
 * posting back to `/connect/oauth2`. Every interpolated value is escaped.
 *
 * @example
 * renderConsentPage({ appName: 'Ledgerlink Dev', companies, scopes: ['com.intuit.quickbooks.accounting'], hiddenFields, nonce })
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const app = escapeHtml(input.appName)
  const permissions = input.scopes
    .map((scope) => `<li>${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`)
    .join('\n')
  const connect =
    input.companies.length > 0
      ? '<button type="submit" name="decision" value="connect">Connect</button>\n'
      : ''
  const main = `<h1>${app} wants to connect to your QuickBooks company</h1>
<form method="post" action="/connect/oauth2">
${hidden(input.hiddenFields)}
${companyChoices(input.companies)}
<p id="permissions-heading">${app} will be able to:</p>
<ul aria-labelledby="permissions-heading">
${permissions}
</ul>
<div class="actions">
${connect}<button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`
  return renderDocument({ title: `Connect ${input.appName} to QuickBooks`, nonce: input.nonce, main })
}
