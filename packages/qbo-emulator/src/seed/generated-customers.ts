import type { QboObject } from '../store'
import type { Random } from './random'
import {
  CITIES,
  COMPANY_FIRST_WORDS,
  COMPANY_SUFFIXES,
  COMPANY_TRADES,
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  STREETS,
} from './word-lists'

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '')

/**
 * Makes plausible, unique customer bodies: about 60% companies and 40% people, with an email derived from
 * the name, a phone number, a website for companies and a billing address. DisplayNames stay unique (QBO
 * rejects duplicates with 6240, API-NOTES.md §2.2): a repeated name gets a number appended.
 *
 * @example
 * const next = createCustomerFactory(createRandom(1))
 * next() // { DisplayName: 'Cedar Gardens LLC', PrimaryEmailAddr: { Address: 'billing@cedargardens.example.com' }, … }
 */
export function createCustomerFactory(random: Random): () => QboObject {
  const seen = new Map<string, number>()
  const unique = (name: string) => {
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    return n === 1 ? name : `${name} ${n}`
  }
  return () => {
    const given = random.pick(GIVEN_NAMES)
    const family = random.pick(FAMILY_NAMES)
    const [city, state, zip] = random.pick(CITIES)
    const domain = random.pick(EMAIL_DOMAINS)
    const address: QboObject = {
      Line1: `${random.int(1, 9999)} ${random.pick(STREETS)}`,
      City: city,
      CountrySubDivisionCode: state,
      PostalCode: `${zip}${String(random.int(0, 99)).padStart(2, '0')}`,
      Country: 'USA',
    }
    const phone = {
      FreeFormNumber: `(${random.int(201, 989)}) 555-${String(random.int(100, 9999)).padStart(4, '0')}`,
    }
    if (random.chance(0.6)) {
      const companyName = `${random.pick(COMPANY_FIRST_WORDS)} ${random.pick(COMPANY_TRADES)}${random.pick(COMPANY_SUFFIXES)}`
      const displayName = unique(companyName)
      const host = `${slug(displayName)}.${domain}`
      return {
        DisplayName: displayName,
        CompanyName: companyName,
        GivenName: given,
        FamilyName: family,
        PrimaryEmailAddr: { Address: `billing@${host}` },
        PrimaryPhone: phone,
        WebAddr: { URI: `https://www.${host}` },
        BillAddr: address,
        PreferredDeliveryMethod: 'Email',
      }
    }
    const displayName = unique(`${given} ${family}`)
    return {
      DisplayName: displayName,
      GivenName: given,
      FamilyName: family,
      PrimaryEmailAddr: {
        Address: `${slug(given)}.${slug(family)}${displayName === `${given} ${family}` ? '' : random.int(1, 999)}@${domain}`,
      },
      Mobile: phone,
      BillAddr: address,
      PreferredDeliveryMethod: 'Email',
    }
  }
}
