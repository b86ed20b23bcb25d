import type { RecordData } from '../crm'

export type ImportRecordType = 'organization' | 'contact'
export type ImportField = { name: string; label: string; required: boolean; synonyms: string[] }

const address = (prefix: string, label: string): ImportField[] => [
  {
    name: `${prefix}Street`,
    label: `${label} street`,
    required: false,
    synonyms: [`${prefix}address`, 'street', 'address'],
  },
  { name: `${prefix}City`, label: `${label} city`, required: false, synonyms: ['city', 'town'] },
  {
    name: `${prefix}Region`,
    label: `${label} region`,
    required: false,
    synonyms: ['state', 'region', 'province', 'county'],
  },
  {
    name: `${prefix}PostalCode`,
    label: `${label} postal code`,
    required: false,
    synonyms: ['zip', 'zipcode', 'postcode', 'postalcode'],
  },
  { name: `${prefix}Country`, label: `${label} country`, required: false, synonyms: ['country'] },
]

/** The columns an import can fill, per record type, with header names that suggest each one. */
export const IMPORT_FIELDS: Record<ImportRecordType, ImportField[]> = {
  organization: [
    {
      name: 'name',
      label: 'Name',
      required: true,
      synonyms: ['organization', 'organisation', 'company', 'companyname', 'account', 'accountname'],
    },
    { name: 'phone', label: 'Phone', required: false, synonyms: ['telephone', 'phonenumber', 'tel'] },
    { name: 'otherPhone', label: 'Other phone', required: false, synonyms: ['phone2', 'alternatephone'] },
    { name: 'fax', label: 'Fax', required: false, synonyms: [] },
    {
      name: 'emailDomains',
      label: 'Email domains',
      required: false,
      synonyms: ['domain', 'domains', 'emaildomain'],
    },
    { name: 'website', label: 'Website', required: false, synonyms: ['web', 'url', 'site', 'homepage'] },
    ...address('billing', 'Billing'),
    ...address('shipping', 'Shipping'),
    { name: 'background', label: 'Background', required: false, synonyms: ['notes', 'description', 'about'] },
  ],
  contact: [
    { name: 'firstName', label: 'First name', required: false, synonyms: ['first', 'givenname', 'forename'] },
    { name: 'lastName', label: 'Last name', required: false, synonyms: ['last', 'surname', 'familyname'] },
    { name: 'title', label: 'Title', required: false, synonyms: ['jobtitle', 'position', 'role'] },
    {
      name: 'organization',
      label: 'Organization name',
      required: false,
      synonyms: ['organisation', 'company', 'companyname', 'account', 'employer'],
    },
    { name: 'email', label: 'Email', required: false, synonyms: ['emailaddress', 'mail', 'workemail'] },
    { name: 'otherEmail', label: 'Other email', required: false, synonyms: ['email2', 'personalemail'] },
    {
      name: 'phone',
      label: 'Phone',
      required: false,
      synonyms: ['telephone', 'workphone', 'phonenumber', 'tel'],
    },
    {
      name: 'mobilePhone',
      label: 'Mobile phone',
      required: false,
      synonyms: ['mobile', 'cell', 'cellphone'],
    },
    { name: 'fax', label: 'Fax', required: false, synonyms: [] },
    { name: 'website', label: 'Website', required: false, synonyms: ['web', 'url'] },
    ...address('mailing', 'Mailing'),
    { name: 'background', label: 'Background', required: false, synonyms: ['notes', 'description'] },
  ],
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Suggests a field for each column from its header; each field is suggested for one column at most. */
export const suggestMapping = (type: ImportRecordType, columns: string[]): Record<string, string | null> => {
  const fields = IMPORT_FIELDS[type]
  const used = new Set<string>()
  const mapping: Record<string, string | null> = {}
  const exact = (header: string) =>
    fields.find((f) => !used.has(f.name) && (normalise(f.name) === header || normalise(f.label) === header))
  const synonym = (header: string) => fields.find((f) => !used.has(f.name) && f.synonyms.includes(header))
  for (const column of columns) {
    const header = normalise(column)
    const field = exact(header) ?? synonym(header)
    mapping[column] = field?.name ?? null
    if (field) used.add(field.name)
  }
  return mapping
}

/** Turns one CSV row into record input, given the mapping from column index to field name. */
export const rowToInput = (
  type: ImportRecordType,
  row: string[],
  columnFields: (string | null)[],
): { input: RecordData; organizationName: string | null } => {
  const values: Record<string, string> = {}
  columnFields.forEach((field, index) => {
    const value = row[index]?.trim()
    if (field && value) values[field] = value
  })
  const input: RecordData = {}
  const addressOf = (prefix: string) => {
    const parts = ['Street', 'City', 'Region', 'PostalCode', 'Country'].map(
      (part) => values[`${prefix}${part}`] ?? null,
    )
    if (parts.every((part) => part === null)) return undefined
    const [street, city, region, postalCode, country] = parts
    return { street, city, region, postalCode, country }
  }
  for (const [field, value] of Object.entries(values)) {
    if (/^(billing|shipping|mailing)/.test(field) || field === 'organization') continue
    input[field] = field === 'emailDomains' ? value.split(/[;,\s]+/).filter(Boolean) : value
  }
  if (type === 'organization') {
    const billing = addressOf('billing')
    const shipping = addressOf('shipping')
    if (billing) input.billingAddress = billing
    if (shipping) input.shippingAddress = shipping
  } else {
    const mailing = addressOf('mailing')
    if (mailing) input.mailingAddress = mailing
  }
  return { input, organizationName: values.organization ?? null }
}
