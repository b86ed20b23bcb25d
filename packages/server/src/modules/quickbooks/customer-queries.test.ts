import { describe, expect, it } from 'vitest'
import {
  candidateQueryBuilder,
  matchesSearch,
  nameListStatement,
  searchFragments,
  searchQueries,
} from './customer-queries'
import { buildCandidateQueries } from './matching-queries'

describe('customer queries', () => {
  it('searches every name field and the email for the typed text, active customers only', () => {
    expect(searchQueries('Diner').map(String)).toEqual([
      "SELECT * FROM Customer WHERE DisplayName LIKE '%Diner%' MAXRESULTS 1000",
      "SELECT * FROM Customer WHERE CompanyName LIKE '%Diner%' MAXRESULTS 1000",
      "SELECT * FROM Customer WHERE GivenName LIKE '%Diner%' MAXRESULTS 1000",
      "SELECT * FROM Customer WHERE FamilyName LIKE '%Diner%' MAXRESULTS 1000",
      "SELECT * FROM Customer WHERE PrimaryEmailAddr LIKE '%Diner%' MAXRESULTS 1000",
    ])
  })

  it('adds a given-and-family-name query for a text of two words', () => {
    expect(searchQueries('Amy Lauterbach').map(String).at(-1)).toBe(
      "SELECT * FROM Customer WHERE GivenName LIKE '%Amy%' AND FamilyName LIKE '%Lauterbach%' MAXRESULTS 1000",
    )
  })

  it('escapes quotes and backslashes so typed text never becomes query syntax', () => {
    const [first] = searchQueries("O'Brien\\' OR 1")
    expect(String(first)).toBe(
      "SELECT * FROM Customer WHERE DisplayName LIKE '%O\\'Brien\\\\\\' OR 1%' MAXRESULTS 1000",
    )
  })

  it("searches the longest piece around QBO's unescapable wildcard and checks the whole text itself", () => {
    expect(searchFragments('100% Juice')).toEqual({ longest: 'Juice', words: [] })
    expect(searchQueries('%%%')).toEqual([])
    expect(matchesSearch({ DisplayName: '100% Juice Bar' }, '100% Juice')).toBe(true)
    expect(matchesSearch({ DisplayName: '1000 Juice Bar' }, '100% Juice')).toBe(false)
    expect(matchesSearch({ GivenName: 'Amy', FamilyName: 'Lauterbach' }, 'amy lauterb')).toBe(true)
    expect(matchesSearch({ PrimaryEmailAddr: { Address: 'Surf@Intuit.com' } }, 'surf@')).toBe(true)
  })

  it("turns a matching plan's specifications into builder queries that include inactive customers", () => {
    const plan = buildCandidateQueries({
      kind: 'contact',
      lastName: 'Lauterbach',
      email: 'amy@birds.example',
    })
    expect(plan.map((spec) => String(candidateQueryBuilder(spec)))).toEqual([
      "SELECT * FROM Customer WHERE Active IN (true,false) AND PrimaryEmailAddr = 'amy@birds.example' MAXRESULTS 100",
      "SELECT * FROM Customer WHERE Active IN (true,false) AND FamilyName LIKE '%Lauterb%' MAXRESULTS 100",
      "SELECT * FROM Customer WHERE Active IN (true,false) AND DisplayName LIKE '%Lauterb%' MAXRESULTS 100",
    ])
  })

  it('quotes a name looked up among vendors and employees', () => {
    expect(nameListStatement('Vendor', "Hick's")).toBe(
      "SELECT * FROM Vendor WHERE Active IN (true, false) AND DisplayName = 'Hick\\'s'",
    )
  })
})
