import { describe, expect, it } from 'vitest'
import { buildCandidateQueries, CANDIDATE_QUERY_MAX_RESULTS, type CandidateQuery } from './matching-queries'

const summary = (queries: CandidateQuery[]) =>
  queries.map((query) => [query.property, query.operator, query.value])

describe('buildCandidateQueries', () => {
  it('plans one email query and two name queries for a contact', () => {
    const queries = buildCandidateQueries({
      kind: 'contact',
      firstName: 'Amy',
      lastName: 'Lauterbach',
      email: 'Amy.Lauterbach@birds.example',
      otherEmail: 'amy@gmail.com',
    })
    expect(summary(queries)).toEqual([
      ['PrimaryEmailAddr', 'in', ['Amy.Lauterbach@birds.example', 'amy@gmail.com']],
      ['FamilyName', 'like', '%Lauterb%'],
      ['DisplayName', 'like', '%Lauterb%'],
    ])
    for (const query of queries) {
      expect(query.entity).toBe('Customer')
      expect(query.includeInactive).toBe(true)
      expect(query.maxResults).toBe(CANDIDATE_QUERY_MAX_RESULTS)
    }
  })

  it('uses equality for a single email and adds its gmail canonical form', () => {
    expect(summary(buildCandidateQueries({ kind: 'contact', email: ' amy@birds.example ' }))).toEqual([
      ['PrimaryEmailAddr', '=', 'amy@birds.example'],
    ])
    expect(summary(buildCandidateQueries({ kind: 'contact', email: 'A.Lauterbach+crm@gmail.com' }))).toEqual([
      ['PrimaryEmailAddr', 'in', ['A.Lauterbach+crm@gmail.com', 'alauterbach@gmail.com']],
    ])
  })

  it('skips addresses that are not email addresses', () => {
    expect(buildCandidateQueries({ kind: 'contact', email: 'not an email', otherEmail: '@' })).toEqual([])
  })

  it('searches DisplayName on the longest name word, so swapped names are still found', () => {
    const queries = buildCandidateQueries({ kind: 'contact', firstName: 'Lauterbach', lastName: 'Amy' })
    expect(summary(queries)).toEqual([
      ['FamilyName', 'like', '%Amy%'],
      ['DisplayName', 'like', '%Lauterb%'],
    ])
  })

  it('keeps the first 70 % of a long word so that a typo near its end still matches', () => {
    const [family] = buildCandidateQueries({ kind: 'contact', lastName: 'Lauterbahc' })
    expect(family!.value).toBe('%Lauterb%')
    expect('Lauterbach'.toLowerCase()).toContain('lauterb')
    const [short] = buildCandidateQueries({ kind: 'contact', lastName: 'Cho' })
    expect(short!.value).toBe('%Cho%')
    const [five] = buildCandidateQueries({ kind: 'contact', lastName: 'Smith' })
    expect(five!.value).toBe('%Smit%')
  })

  it('takes fragments as written and free of apostrophes, accents and wildcards', () => {
    expect(summary(buildCandidateQueries({ kind: 'contact', lastName: "O'Brien" }))).toEqual([
      ['FamilyName', 'like', '%Brie%'],
      ['DisplayName', 'like', '%Brie%'],
    ])
    const [muller] = buildCandidateQueries({ kind: 'organization', name: 'Müller Bäckerei GmbH' })
    expect(muller!.value).toBe('%ckere%')
    const [wild] = buildCandidateQueries({ kind: 'organization', name: '100%_Pure' })
    expect(wild!.value).toBe('%Pure%')
    for (const query of buildCandidateQueries({ kind: 'organization', name: "Bill's 'Quoted' % Shop" })) {
      expect(query.value).toMatch(/^%?[A-Za-z0-9]+%$/)
    }
  })

  it('plans DisplayName and CompanyName queries on the most distinctive word of an organization', () => {
    const queries = buildCandidateQueries({
      kind: 'organization',
      name: 'Weiskopf Consulting International, Inc.',
      emailDomains: ['weiskopf.example'],
      website: 'https://weiskopf.example',
    })
    expect(summary(queries)).toEqual([
      ['DisplayName', 'like', '%Weisko%'],
      ['CompanyName', 'like', '%Weisko%'],
    ])
  })

  it('falls back to a generic word when the name has nothing else', () => {
    const [display] = buildCandidateQueries({ kind: 'organization', name: 'Consulting Group' })
    expect(display!.value).toBe('%Consult%')
  })

  it('anchors a one- or two-letter name at the start of the field', () => {
    expect(summary(buildCandidateQueries({ kind: 'organization', name: '3M' }))).toEqual([
      ['DisplayName', 'like', '3M%'],
      ['CompanyName', 'like', '3M%'],
    ])
    expect(summary(buildCandidateQueries({ kind: 'contact', firstName: 'Li', lastName: 'Xu' }))).toEqual([
      ['FamilyName', 'like', 'Xu%'],
      ['DisplayName', 'like', 'Li%'],
    ])
  })

  it('plans no query for a record with nothing to search', () => {
    expect(buildCandidateQueries({ kind: 'organization', name: '  ' })).toEqual([])
    expect(buildCandidateQueries({ kind: 'organization', name: '& / ,' })).toEqual([])
    expect(buildCandidateQueries({ kind: 'contact' })).toEqual([])
  })

  it('never plans more than three queries, well within one batch request', () => {
    const queries = buildCandidateQueries({
      kind: 'contact',
      firstName: 'Mary Ann',
      lastName: 'Van der Berg-Smith',
      email: 'mary@a.example',
      otherEmail: 'mary@b.example',
      organizationName: 'Acme',
      phone: '555 0100',
    })
    expect(queries.length).toBeLessThanOrEqual(3)
    expect(new Set(queries.map((query) => JSON.stringify(query))).size).toBe(queries.length)
  })
})
