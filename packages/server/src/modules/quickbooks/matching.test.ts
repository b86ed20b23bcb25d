import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMatcher, MATCH_THRESHOLD, type MatchableCustomer, rankCandidates } from './matching'
import { createPicker, generateCompany, generatePerson } from './matching-labelled-generator'
import { LABELLED_CASES, LABELLED_CUSTOMERS } from './matching-labelled-set'

const amy: MatchableCustomer = {
  Id: '1',
  DisplayName: "Amy's Bird Sanctuary",
  CompanyName: "Amy's Bird Sanctuary",
  GivenName: 'Amy',
  FamilyName: 'Lauterbach',
  PrimaryEmailAddr: { Address: 'Birds@Intuit.com' },
  PrimaryPhone: { FreeFormNumber: '(650) 555-3311' },
}

const ids = (candidates: { qboCustomerId: string }[]) =>
  candidates.map((candidate) => candidate.qboCustomerId)

describe('rankCandidates for contacts', () => {
  it('ranks an exact email match above a fuzzy name match', () => {
    const customers: MatchableCustomer[] = [
      { Id: 'name', DisplayName: 'Amy Lauterbah', GivenName: 'Amy', FamilyName: 'Lauterbah' },
      { Id: 'email', DisplayName: 'A. L. Birdwatching', PrimaryEmailAddr: { Address: 'amy@birds.example' } },
    ]
    const result = rankCandidates(
      { kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach', email: 'AMY@birds.example' },
      customers,
    )
    expect(ids(result)).toEqual(['email', 'name'])
    expect(result[0]!.reasons).toEqual(['email-exact'])
    expect(result[0]!.reasonText).toBe('Same email address')
    expect(result[1]!.reasons).toEqual(['name-fuzzy'])
    expect(result[1]!.reasonText).toBe('Similar name (1 letter different)')
  })

  it('scores email and name together above either alone', () => {
    const [both] = rankCandidates(
      { kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach', email: 'birds@intuit.com' },
      [amy],
    )
    expect(both!.score).toBe(1)
    expect(both!.reasons).toEqual(['email-exact', 'name-exact'])
    expect(both!.reasonText).toBe('Same email address; Same name')
  })

  it('finds a contact whose first and last names are swapped', () => {
    const [candidate] = rankCandidates({ kind: 'contact', firstName: 'Lauterbach', lastName: 'Amy' }, [amy])
    expect(candidate?.qboCustomerId).toBe('1')
    expect(candidate!.reasons).toEqual(['name-swapped'])
    expect(candidate!.score).toBeGreaterThan(0.9)
  })

  it('reads a person from a DisplayName written "Family, Given"', () => {
    const customers = [{ Id: '7', DisplayName: "O'Brien, Siobhán" }]
    const [candidate] = rankCandidates(
      { kind: 'contact', firstName: 'SIOBHAN', lastName: 'obrien' },
      customers,
    )
    expect(candidate?.qboCustomerId).toBe('7')
    expect(candidate!.reasons).toEqual(['name-exact'])
  })

  it('accepts a known nickname for the given name', () => {
    const customers = [
      { Id: '2', DisplayName: 'William Lucchini', GivenName: 'William', FamilyName: 'Lucchini' },
    ]
    const [candidate] = rankCandidates(
      { kind: 'contact', firstName: 'Bill', lastName: 'Lucchini' },
      customers,
    )
    expect(candidate?.reasons).toEqual(['name-fuzzy'])
    expect(candidate!.reasonText).toBe('Similar name (Bill / William)')
    expect(candidate!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD)
  })

  it('does not suggest a relative who shares only the family name', () => {
    const customers = [{ Id: '24', DisplayName: 'Jane Melton', GivenName: 'Jane', FamilyName: 'Melton' }]
    expect(rankCandidates({ kind: 'contact', firstName: 'Jake', lastName: 'Melton' }, customers)).toEqual([])
  })

  it('treats a shared work email domain as a weak signal that only supports a name match', () => {
    const colleague = {
      Id: 'c',
      DisplayName: 'Jane Melton',
      PrimaryEmailAddr: { Address: 'jane@melton.com' },
    }
    const alone = rankCandidates(
      { kind: 'contact', firstName: 'Jake', lastName: 'Ng', email: 'jake@melton.com' },
      [colleague],
    )
    expect(alone).toEqual([])
    const withName = rankCandidates(
      { kind: 'contact', firstName: 'Jane', lastName: 'Meltonn', email: 'j.melton@melton.com' },
      [colleague],
    )
    expect(withName[0]!.reasons).toEqual(['name-fuzzy', 'email-domain'])
    const sameNameOtherDomain = rankCandidates({ kind: 'contact', firstName: 'Jane', lastName: 'Meltonn' }, [
      colleague,
    ])
    expect(withName[0]!.score).toBeGreaterThan(sameNameOtherDomain[0]!.score)
  })

  it('ignores a shared free-mail domain', () => {
    const customers = [
      { Id: 'g', DisplayName: 'Ines Castellanos', PrimaryEmailAddr: { Address: 'ines@gmail.com' } },
    ]
    const [candidate] = rankCandidates(
      { kind: 'contact', firstName: 'Ines', lastName: 'Castellanos', email: 'ines.c@gmail.com' },
      customers,
    )
    expect(candidate!.reasons).toEqual(['name-exact'])
  })

  it('matches gmail addresses that differ only by dots and a +tag, and no other provider', () => {
    const customers = [
      { Id: 'gmail', DisplayName: 'Geeta K', PrimaryEmailAddr: { Address: 'gkalapatapu@gmail.com' } },
      {
        Id: 'work',
        DisplayName: 'Geeta K (work)',
        PrimaryEmailAddr: { Address: 'gkalapatapu@acme.example' },
      },
    ]
    const viaGmail = rankCandidates({ kind: 'contact', email: 'G.Kalapatapu+crm@googlemail.com' }, customers)
    expect(ids(viaGmail)).toEqual(['gmail'])
    const viaWork = rankCandidates({ kind: 'contact', email: 'g.kalapatapu@acme.example' }, customers)
    expect(viaWork).toEqual([])
  })

  it('uses the other email address and a reformatted phone number', () => {
    const byOtherEmail = rankCandidates(
      { kind: 'contact', email: 'x@y.example', otherEmail: 'birds@intuit.com' },
      [amy],
    )
    expect(byOtherEmail[0]!.reasons).toEqual(['email-exact'])
    const byPhone = rankCandidates(
      { kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach', phone: '+1 650.555.3311' },
      [amy],
    )
    expect(byPhone[0]!.reasons).toEqual(['name-exact', 'phone'])
  })

  it('adds a matching organization name as supporting evidence', () => {
    const [candidate] = rankCandidates(
      {
        kind: 'contact',
        firstName: 'Amy',
        lastName: 'Lauterbach',
        organizationName: 'Amys Bird Sanctuary Inc',
      },
      [amy],
    )
    expect(candidate!.reasons).toEqual(['name-exact', 'company-name'])
    expect(candidate!.reasonText).toBe('Same name; Same organization')
  })
})

describe('rankCandidates for organizations', () => {
  it('ignores legal suffixes and says which one', () => {
    const customers = [
      { Id: 'a', DisplayName: 'Mountain View Dental, L.L.C.' },
      { Id: 'b', DisplayName: 'Koala Coffee Roasters Pty Ltd' },
      { Id: 'c', DisplayName: 'Acme Widgets Inc.' },
    ]
    const [dental] = rankCandidates({ kind: 'organization', name: 'Mountain View Dental LLC' }, customers)
    expect(dental!.qboCustomerId).toBe('a')
    expect(dental!.reasons).toEqual(['name-exact'])
    const [koala] = rankCandidates({ kind: 'organization', name: 'Koala Coffee Roasters' }, customers)
    expect(koala!.reasonText).toBe("Name matches, ignoring 'Pty' and 'Ltd'")
    const [depot] = rankCandidates({ kind: 'organization', name: 'The Garden Depot' }, [
      { Id: 'd', DisplayName: 'Garden Depot' },
    ])
    expect(depot!.reasonText).toBe("Name matches, ignoring 'The'")
    const [cool] = rankCandidates({ kind: 'organization', name: 'CoolCars' }, [
      { Id: 'c', DisplayName: 'Cool Cars' },
    ])
    expect(cool!.reasonText).toBe('Name matches, ignoring spacing')
    const [acme] = rankCandidates({ kind: 'organization', name: 'ACME WIDGETS' }, customers)
    expect(acme!.reasonText).toBe("Name matches, ignoring 'Inc.'")
    expect(acme!.score).toBeGreaterThan(0.9)
  })

  it('ignores accents, case, punctuation, possessives and "&" versus "and"', () => {
    const customers = [
      { Id: 'creme', DisplayName: 'Crème de la Crème Pâtisserie' },
      { Id: 'bill', DisplayName: "Bill's Windsurf Shop" },
      { Id: 'smith', DisplayName: 'Smith & Sons Plumbing' },
    ]
    const cases = [
      ['CREME DE LA CREME PATISSERIE', 'creme'],
      ['Bills Windsurf Shop', 'bill'],
      ['Smith and Sons Plumbing', 'smith'],
    ] as const
    for (const [name, expected] of cases) {
      const [candidate] = rankCandidates({ kind: 'organization', name }, customers)
      expect(candidate?.qboCustomerId).toBe(expected)
      expect(candidate!.score).toBe(1)
      expect(candidate!.reasonText).toBe('Same name')
    }
  })

  it('tolerates a small typo and says how many letters differ', () => {
    const customers = [{ Id: 'r', DisplayName: 'Sushi by Katsuyuki' }]
    const [candidate] = rankCandidates({ kind: 'organization', name: 'Sushi by Katsuyki' }, customers)
    expect(candidate!.reasons).toEqual(['name-fuzzy'])
    expect(candidate!.reasonText).toBe('Similar name (1 letter different)')
    expect(candidate!.score).toBeGreaterThan(MATCH_THRESHOLD)
    expect(candidate!.score).toBeLessThan(0.96)
  })

  it('ranks look-alike distractors below the real customer', () => {
    const customers = [
      { Id: 'cats', DisplayName: 'Cool Cats Grooming LLC' },
      { Id: 'cars', DisplayName: 'Cool Cars' },
      { Id: 'grill', DisplayName: 'Red Rock Grill' },
      { Id: 'diner', DisplayName: 'Red Rock Diner' },
    ]
    expect(ids(rankCandidates({ kind: 'organization', name: 'Cool Cars Inc' }, customers))).toEqual(['cars'])
    expect(ids(rankCandidates({ kind: 'organization', name: 'Red Rock Dinner' }, customers))[0]).toBe('diner')
  })

  it('suggests nothing when only a look-alike exists', () => {
    const customers = [
      { Id: 'cats', DisplayName: 'Cool Cats Grooming LLC' },
      { Id: 'cars', DisplayName: 'Cool Cars' },
    ]
    expect(rankCandidates({ kind: 'organization', name: 'Cool Karts' }, customers)).toEqual([])
    expect(rankCandidates({ kind: 'organization', name: 'Blue Heron Imports' }, customers)).toEqual([])
  })

  it('matches on CompanyName when DisplayName differs and says so', () => {
    const customers = [{ Id: 'k', DisplayName: 'Kathy Nguyen', CompanyName: 'Kookies by Kathy' }]
    const [candidate] = rankCandidates({ kind: 'organization', name: 'Kookies by Kathy' }, customers)
    expect(candidate!.reasons).toEqual(['name-exact', 'company-name'])
    expect(candidate!.reasonText).toBe('Same company name')
  })

  it('finds an organization by its website domain alone', () => {
    const customers = [
      {
        Id: 'ibm',
        DisplayName: 'International Business Machines Corp',
        PrimaryEmailAddr: { Address: 'ap@ibm.com' },
      },
    ]
    const [candidate] = rankCandidates(
      { kind: 'organization', name: 'IBM', website: 'https://www.ibm.com/us-en' },
      customers,
    )
    expect(candidate!.reasons).toEqual(['email-domain'])
    expect(candidate!.reasonText).toBe('Same domain (ibm.com)')
  })

  it('keeps a customer found by domain among many found by name', () => {
    const picker = createPicker(11)
    const crowd = Array.from({ length: 300 }, (_, i) => generateCompany(`c${i}`, picker).customer)
    const customers = [
      ...crowd,
      { Id: 'name', DisplayName: 'Blue Heron Outfitters' },
      { Id: 'domain', DisplayName: 'BHO Holdings', PrimaryEmailAddr: { Address: 'ap@blueheron.example' } },
    ]
    const result = rankCandidates(
      { kind: 'organization', name: 'Blue Heron Outfitters', emailDomains: ['blueheron.example'] },
      customers,
    )
    expect(ids(result)).toEqual(['name', 'domain'])
  })

  it('ranks an inactive customer below an active one of equal evidence', () => {
    const customers = [
      {
        Id: 'old',
        DisplayName: 'Travis Waldron (deleted)',
        GivenName: 'Travis',
        FamilyName: 'Waldron',
        Active: false,
      },
      { Id: 'new', DisplayName: 'Travis Waldron', GivenName: 'Travis', FamilyName: 'Waldron' },
    ]
    const result = rankCandidates({ kind: 'contact', firstName: 'Travis', lastName: 'Waldron' }, customers)
    expect(ids(result)).toEqual(['new', 'old'])
    expect(result.map((candidate) => candidate.isActive)).toEqual([true, false])
  })
})

describe('rankCandidates edge cases', () => {
  it('returns no candidates for empty inputs', () => {
    expect(rankCandidates({ kind: 'organization', name: '  ' }, [amy])).toEqual([])
    expect(rankCandidates({ kind: 'organization', name: '&&&' }, [amy])).toEqual([])
    expect(rankCandidates({ kind: 'contact' }, [amy])).toEqual([])
    expect(rankCandidates({ kind: 'contact', firstName: 'Amy', lastName: 'Lauterbach' }, [])).toEqual([])
    expect(
      rankCandidates({ kind: 'contact', email: 'not-an-email' }, [{ Id: 'x', DisplayName: 'not-an-email' }]),
    ).toEqual([])
  })

  it('returns no candidates when nothing reaches the threshold, unless the caller lowers it', () => {
    const customers = [{ Id: 'w', DisplayName: 'Weiskopf Consulting' }]
    const record = { kind: 'organization', name: 'Weiskopf Consultants' } as const
    expect(rankCandidates(record, customers)).toEqual([])
    const lowered = rankCandidates(record, customers, { minScore: 0.3 })
    expect(ids(lowered)).toEqual(['w'])
    expect(lowered[0]!.score).toBeLessThan(MATCH_THRESHOLD)
  })

  it('returns at most the requested number of candidates, best first, scores within 0 and 1', () => {
    const customers = Array.from({ length: 8 }, (_, i) => ({
      Id: String(i),
      DisplayName: `Acme Widgets${' Extra'.repeat(i % 3)}${i > 4 ? ' (deleted)' : ''}`,
      Active: i <= 4,
    }))
    const all = rankCandidates({ kind: 'organization', name: 'Acme Widgets' }, customers, {
      limit: 20,
      minScore: 0,
    })
    expect(all.length).toBe(8)
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score)
    for (const candidate of all) expect(candidate.score).toBeGreaterThanOrEqual(0)
    for (const candidate of all) expect(candidate.score).toBeLessThanOrEqual(1)
    expect(
      rankCandidates({ kind: 'organization', name: 'Acme Widgets' }, customers, { limit: 2 }),
    ).toHaveLength(2)
    expect(rankCandidates({ kind: 'organization', name: 'Acme Widgets' }, customers, { limit: 0 })).toEqual(
      [],
    )
  })
})

describe('createMatcher', () => {
  it('finds the same best candidates among 5,000 customers as among a handful', () => {
    const picker = createPicker(7)
    const crowd: MatchableCustomer[] = []
    for (let i = 0; i < 2500; i++) crowd.push(generateCompany(`c${i}`, picker).customer)
    for (let i = 0; i < 2500; i++) crowd.push(generatePerson(`p${i}`, picker).customer)
    const matcher = createMatcher([amy, ...crowd])
    expect(matcher.size).toBe(5001)
    const records = [
      { kind: 'contact', firstName: 'Lauterbach', lastName: 'Amy' },
      { kind: 'contact', email: 'birds@intuit.com' },
      { kind: 'organization', name: 'Amys Bird Sanctuary Inc' },
      { kind: 'organization', name: "Amy's Brid Sanctuary" },
    ] as const
    for (const record of records) {
      expect(matcher.rank(record)[0]?.qboCustomerId).toBe('1')
    }
  })
})

describe('blocking', () => {
  it('finds the same best score as scoring every customer one by one, on the labelled set', () => {
    const matcher = createMatcher(LABELLED_CUSTOMERS)
    const singles = LABELLED_CUSTOMERS.map((customer) => createMatcher([customer]))
    let compared = 0
    for (const item of LABELLED_CASES.filter((_, i) => i % 3 === 0)) {
      const exhaustiveBest = Math.max(0, ...singles.map((single) => single.rank(item.record)[0]?.score ?? 0))
      const indexedBest = matcher.rank(item.record)[0]?.score ?? 0
      expect(indexedBest, item.id).toBe(exhaustiveBest)
      if (exhaustiveBest > 0) compared++
    }
    expect(compared).toBeGreaterThan(50)
  })
})

const fixturesDir = process.env.QBO_FIXTURES_DIR
describe.skipIf(!fixturesDir)('ranking real QBO customer payloads', () => {
  it('accepts customers exactly as a QBO query returns them', () => {
    const payload = JSON.parse(
      readFileSync(join(fixturesDir ?? '', 'customer-query-response.json'), 'utf8'),
    ) as {
      QueryResponse: { Customer: MatchableCustomer[] }
    }
    const customers = payload.QueryResponse.Customer
    const [weiskopf] = rankCandidates(
      { kind: 'contact', firstName: 'Nicola', lastName: 'Weiskopf' },
      customers,
    )
    expect(weiskopf!.qboCustomerId).toBe('29')
    const [birds] = rankCandidates({ kind: 'organization', name: 'AMYS BIRD SANCTUARY' }, customers)
    expect(birds!.qboCustomerId).toBe('1')
  })
})
