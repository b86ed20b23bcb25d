/**
 * Normalisation of names, emails, phone numbers and web addresses before they are compared.
 * Pure functions, no I/O. Everything here is deliberately conservative: a rule that merges two
 * different parties (for example stripping a word that is really part of a name) costs more than
 * a rule that misses a variant, because the ranking's fuzzy layer catches most variants anyway.
 */

/** Letters that NFKD does not decompose into a base letter plus a combining mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
}

/**
 * Legal-form words, as normalised token sequences, removed from the end of a name. Multi-token forms come
 * first so that "Pty Ltd" is removed as one unit. "L.L.C." and "S.A." normalise to "llc" and "sa" because
 * dots are deleted, not turned into spaces.
 */
const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['pty', 'ltd'],
  ['pty', 'limited'],
  ['co', 'ltd'],
  ['and', 'co'],
  ['inc'],
  ['incorporated'],
  ['llc'],
  ['llp'],
  ['lp'],
  ['ltd'],
  ['limited'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['company'],
  ['gmbh'],
  ['ag'],
  ['kg'],
  ['sa'],
  ['sas'],
  ['sarl'],
  ['srl'],
  ['spa'],
  ['bv'],
  ['nv'],
  ['plc'],
  ['pllc'],
  ['pc'],
  ['pty'],
  ['pte'],
  ['ab'],
  ['oy'],
  // Left dangling once "Co., Ltd." is gone from "Smith & Co., Ltd.".
  ['and'],
]

/** Words dropped from the start of a name: "The Home Depot" and "Home Depot" are the same party. */
const LEADING_NOISE = new Set(['the'])

/** A name split into comparable tokens. */
export interface NameAnalysis {
  /** Every normalised token, in order (legal suffixes included). */
  tokens: readonly string[]
  /** The tokens without legal suffixes and leading "the"; never empty when `tokens` is not. */
  coreTokens: readonly string[]
  /** The original words removed (legal suffixes, a leading "The"), as written ("Inc.", "L.L.C."), for explanations. */
  strippedWords: readonly string[]
  /** `coreTokens` joined without spaces, so that "Cool Cars" and "CoolCars" compare equal. */
  joined: string
}

const EMPTY_ANALYSIS: NameAnalysis = { tokens: [], coreTokens: [], strippedWords: [], joined: '' }

/**
 * Lower-cases, removes accents (NFKD, then drops combining marks) and maps letters NFKD leaves alone
 * (ß, æ, ø, ł…). Punctuation is not touched here.
 *
 * @example
 * foldText('Crème Brûlée GmbH') // 'creme brulee gmbh'
 */
export function foldText(value: string): string {
  // Most names are plain ASCII; skipping NFKD for them halves the cost of indexing a large customer list.
  if (PLAIN_ASCII.test(value)) return value.toLowerCase()
  const decomposed = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
  return decomposed.replace(/[ßæœøđðłþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/

/** Characters deleted inside a word rather than splitting it: apostrophes and dots. */
const DELETED = new Set(["'", '’', '‘', '`', 'ʼ', '´', '.'])

/**
 * The tokens of one whitespace-separated word: apostrophes and dots are deleted ("Bill's" → "bills",
 * "L.L.C." → "llc"), `&` and `+` become "and", any other non-alphanumeric character separates tokens.
 * A hand-written scan: this runs for every word of every customer when a matcher is built.
 */
function tokenizeWord(word: string): string[] {
  const folded = foldText(word)
  const tokens: string[] = []
  let current = ''
  for (let i = 0; i < folded.length; i++) {
    const char = folded[i]!
    const code = folded.charCodeAt(i)
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      current += char
    } else if (!DELETED.has(char)) {
      if (current !== '') tokens.push(current)
      current = ''
      if (char === '&' || char === '+') tokens.push('and')
    }
  }
  if (current !== '') tokens.push(current)
  return tokens
}

/**
 * Splits a display, company or person name into normalised tokens and separates the legal-form suffix.
 * Case, accents, punctuation, `&`/"and", whitespace and possessives ("Bill's" = "Bills") are ignored.
 *
 * @example
 * analyzeName("Bill's Windsurf Shop, L.L.C.").coreTokens // ['bills', 'windsurf', 'shop']
 * analyzeName("Bill's Windsurf Shop, L.L.C.").strippedWords // ['L.L.C.']
 */
export function analyzeName(raw: string | undefined): NameAnalysis {
  if (raw === undefined) return EMPTY_ANALYSIS
  const tokens: string[] = []
  const sources: string[] = []
  for (const word of raw.replace(/[&+]/g, ' & ').split(/[\s,;/]+/)) {
    for (const token of tokenizeWord(word)) {
      tokens.push(token)
      sources.push(word)
    }
  }
  if (tokens.length === 0) return EMPTY_ANALYSIS
  let end = tokens.length
  for (let removed = true; removed; ) {
    removed = false
    for (const suffix of LEGAL_SUFFIXES) {
      if (end - suffix.length < 1) continue
      if (suffix.every((part, i) => tokens[end - suffix.length + i] === part)) {
        end -= suffix.length
        removed = true
        break
      }
    }
  }
  let start = 0
  while (start < end - 1 && LEADING_NOISE.has(tokens[start]!)) start++
  const coreTokens = tokens.slice(start, end)
  const strippedWords = [...new Set([...sources.slice(0, start), ...sources.slice(end)])]
  return { tokens, coreTokens, strippedWords, joined: coreTokens.join('') }
}

/**
 * Providers whose mailboxes belong to individuals: a shared domain there says nothing about the company.
 * Also used to decide which domains are worth indexing.
 */
const FREE_EMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'fastmail.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
])

/** Gmail ignores dots in the local part and everything after `+`; googlemail.com is the same service. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

/**
 * Canonical form of an email address for equality: trimmed and lower-cased. Only for gmail.com and
 * googlemail.com are dots and `+tag`s removed from the local part (and googlemail.com becomes gmail.com),
 * because only Google documents that those variants reach the same mailbox; elsewhere `a.b@x` and `ab@x`
 * may be two people. Returns `undefined` for anything that is not `local@domain.tld`.
 *
 * @example
 * normalizeEmail(' Amy.Lauterbach+crm@GoogleMail.com ') // 'amylauterbach@gmail.com'
 * normalizeEmail('Amy.Lauterbach+crm@acme.com') // 'amy.lauterbach+crm@acme.com'
 */
export function normalizeEmail(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase()
  if (!value) return undefined
  const at = value.lastIndexOf('@')
  if (at < 1 || at === value.length - 1) return undefined
  let local = value.slice(0, at)
  let domain = value.slice(at + 1)
  if (!domain.includes('.') || /\s/.test(value)) return undefined
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.split('+')[0]!.replace(/\./g, '')
    domain = 'gmail.com'
    if (local === '') return undefined
  }
  return `${local}@${domain}`
}

/**
 * The domain of a normalised email, or `undefined`.
 *
 * @example
 * emailDomain('amy@acme.com') // 'acme.com'
 */
export function emailDomain(email: string | undefined): string | undefined {
  if (email === undefined) return undefined
  const at = email.lastIndexOf('@')
  return at < 0 ? undefined : email.slice(at + 1)
}

/**
 * Whether a domain belongs to a public mail provider (gmail.com, outlook.com…), i.e. says nothing
 * about which company a person works for.
 *
 * @example
 * isFreeEmailDomain('gmail.com') // true
 */
export function isFreeEmailDomain(domain: string): boolean {
  return FREE_EMAIL_DOMAINS.has(domain)
}

/**
 * The host of a web address or bare domain, lower-cased, without `www.`, scheme, port or path.
 *
 * @example
 * normalizeDomain('https://WWW.Acme.com/contact') // 'acme.com'
 * normalizeDomain('@acme.com') // 'acme.com'
 */
export function normalizeDomain(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase()
  if (!value) return undefined
  const host = value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^@/, '')
    .split(/[/?#:]/)[0]!
    .replace(/^www\./, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined
}

/**
 * A comparable key for a phone number: its last ten digits (so "+1 (555) 010-2030" equals "555-010-2030",
 * and "+44 20 7946 0958" equals "020 7946 0958"), or all digits when there are seven to nine. Shorter
 * numbers are too ambiguous to compare and give `undefined`.
 *
 * @example
 * phoneKey('+1 (555) 010-2030') // '5550102030'
 */
export function phoneKey(raw: string | undefined): string | undefined {
  const digits = raw?.replace(/\D/g, '') ?? ''
  if (digits.length < 7) return undefined
  return digits.length > 10 ? digits.slice(-10) : digits
}
