/**
 * Input and output shapes of the customer matcher. The customer side keeps QBO's field names so that a
 * QBO Customer object (API-NOTES.md §2.1) can be passed in unchanged; the CRM side uses the product's words.
 */

/** The subset of a QBO Customer the matcher reads (API-NOTES.md §2.1); extra fields are ignored. */
export interface MatchableCustomer {
  Id: string
  DisplayName: string
  CompanyName?: string
  GivenName?: string
  FamilyName?: string
  PrimaryEmailAddr?: { Address?: string }
  PrimaryPhone?: { FreeFormNumber?: string }
  Mobile?: { FreeFormNumber?: string }
  WebAddr?: { URI?: string }
  BillAddr?: { City?: string; Country?: string; PostalCode?: string }
  Balance?: number | string
  CurrencyRef?: { value: string; name?: string }
  /** QBO defaults to true when absent. */
  Active?: boolean
}

/** A CRM organization to find in QBO. */
export interface OrganizationToMatch {
  kind: 'organization'
  name: string
  /** Domains the organization's people write from ("acme.com"); free-mail domains are ignored. */
  emailDomains?: readonly string[]
  website?: string
  phone?: string
}

/** A CRM contact to find in QBO. */
export interface ContactToMatch {
  kind: 'contact'
  firstName?: string
  lastName?: string
  email?: string
  otherEmail?: string
  /** The name of the contact's organization, a supporting signal against CompanyName. */
  organizationName?: string
  phone?: string
}

/** Either kind of CRM record the matcher accepts. */
export type RecordToMatch = OrganizationToMatch | ContactToMatch

/** Why a candidate was suggested. */
export type MatchReason =
  | 'email-exact'
  | 'name-exact'
  | 'name-swapped'
  | 'name-fuzzy'
  | 'company-name'
  | 'email-domain'
  | 'phone'

/** One suggested QBO customer. */
export interface MatchCandidate {
  qboCustomerId: string
  displayName: string
  isActive: boolean
  /** 0–1, two decimals; candidates below the threshold are never returned. */
  score: number
  /** Machine-readable reasons, strongest first. */
  reasons: MatchReason[]
  /** The reasons in plain words for the user ("Same email address; Similar name (1 letter different)"). */
  reasonText: string
}

/** Options of a ranking call. */
export interface RankOptions {
  /** Most candidates to return (default 5). */
  limit?: number
  /** Lowest score suggested (default {@link MATCH_THRESHOLD}). */
  minScore?: number
}

/**
 * Below this score nothing is suggested. Chosen on the labelled set (matching-labelled-set.ts): a shared
 * family name with a different given name (≈ 0.56), two names sharing one word of two (Cool Cars / Cool
 * Cats Grooming, ≈ 0.54) or a shared work-email domain alone (0.2) stay below it; one typo in a two-word
 * name (≈ 0.85), a name minus its legal suffix (0.96) or an exact email (0.97) stay well above.
 */
export const MATCH_THRESHOLD = 0.7
