import { describe, expect, it } from 'vitest'
import {
  allowedEdits,
  compareTokenLists,
  damerauLevenshtein,
  jaroWinkler,
  tokenSimilarity,
} from './matching-similarity'

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(damerauLevenshtein('industries', 'industires')).toBe(1)
    expect(damerauLevenshtein('lauterbach', 'lauterbah')).toBe(1)
    expect(damerauLevenshtein('cars', 'cats')).toBe(1)
    expect(damerauLevenshtein('diner', 'dinner')).toBe(1)
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3)
    expect(damerauLevenshtein('', 'abc')).toBe(3)
    expect(damerauLevenshtein('same', 'same')).toBe(0)
  })

  it('stops early once the distance exceeds the limit', () => {
    expect(damerauLevenshtein('abcdefgh', 'zyxwvuts', 2)).toBe(3)
    expect(damerauLevenshtein('a', 'abcdef', 1)).toBe(2)
    expect(damerauLevenshtein('karts', 'cars', 1)).toBe(2)
  })
})

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
    expect(jaroWinkler('', '')).toBe(0)
    expect(jaroWinkler('jon', 'jon')).toBe(1)
  })
})

describe('tokenSimilarity', () => {
  it('allows no typo up to three letters, one up to seven and two from eight', () => {
    expect([3, 4, 7, 8].map(allowedEdits)).toEqual([0, 1, 1, 2])
    expect(tokenSimilarity('amy', 'ann').similarity).toBe(0)
    expect(tokenSimilarity('industries', 'industires')).toEqual({ similarity: 0.9, edits: 1 })
    expect(tokenSimilarity('smith', 'smyht').similarity).toBe(0)
  })
})

describe('compareTokenLists', () => {
  it('ignores word order and reports a complete, typo-free match as the same set', () => {
    const result = compareTokenLists(['amy', 'lauterbach'], ['lauterbach', 'amy'])
    expect(result).toEqual({ similarity: 1, edits: 0, isComplete: true, isSameTokenSet: true })
  })

  it('lowers the score in proportion to unmatched letters', () => {
    const result = compareTokenLists(['cool', 'cars'], ['cool', 'cats', 'grooming'])
    expect(result.isComplete).toBe(false)
    expect(result.similarity).toBeCloseTo(14 / 24, 5)
  })

  it('compares joined forms when word counts differ and returns zero for empty lists', () => {
    expect(compareTokenLists(['coolcars'], ['cool', 'cars']).similarity).toBe(1)
    expect(compareTokenLists([], ['acme']).similarity).toBe(0)
  })
})
