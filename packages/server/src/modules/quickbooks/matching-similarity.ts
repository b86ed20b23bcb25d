/**
 * String similarity for the matcher, written by hand because it is the core of the ranking:
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbouring letters) for typo counts, Jaro-Winkler for short given names, and a token-set
 * similarity that tolerates reordered words.
 */

/**
 * Damerau-Levenshtein distance (optimal string alignment variant). When `maxDistance` is given the
 * computation stops early and returns `maxDistance + 1` as soon as the distance must exceed it, which keeps
 * bulk ranking cheap.
 *
 * @example
 * damerauLevenshtein('industries', 'industires') // 1 (two letters swapped)
 * damerauLevenshtein('cars', 'cats') // 1
 */
export function damerauLevenshtein(a: string, b: string, maxDistance = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  const n = a.length
  const m = b.length
  if (Math.abs(n - m) > maxDistance) return maxDistance + 1
  if (n === 0) return m
  if (m === 0) return n
  if (rows[0]!.length <= m)
    rows = [new Int32Array(m * 2 + 1), new Int32Array(m * 2 + 1), new Int32Array(m * 2 + 1)]
  // Three rolling rows, reused across calls: bulk ranking makes millions of calls and must not allocate.
  let prevPrev = rows[0]!
  let prev = rows[1]!
  let current = rows[2]!
  for (let j = 0; j <= m; j++) prev[j] = j
  for (let i = 1; i <= n; i++) {
    current[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1)
      const cost = ca === cb ? 0 : 1
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, prevPrev[j - 2]! + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > maxDistance) return maxDistance + 1
    const oldest = prevPrev
    prevPrev = prev
    prev = current
    current = oldest
  }
  return prev[m]!
}

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

/**
 * Jaro-Winkler similarity in [0, 1], with the standard prefix scale 0.1 over at most four letters.
 * It rewards a shared beginning, which suits given names ("Jon"/"John", "Kathy"/"Kathryn").
 *
 * @example
 * jaroWinkler('martha', 'marhta') // ≈ 0.961
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  if (a.length === 0 || b.length === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aMatched = new Array<boolean>(a.length).fill(false)
  const bMatched = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(b.length - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue
      aMatched[i] = true
      bMatched[j] = true
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue
    while (!bMatched[j]) j++
    if (a[i] !== b[j]) transpositions++
    j++
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/**
 * How many typos a token of this length may carry and still count as the same word: none up to three
 * letters ("Amy"/"Ann" are different people), one up to seven, two from eight.
 *
 * @example
 * allowedEdits('lauterbach') // 2
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0
  return length <= 7 ? 1 : 2
}

/** Similarity of two tokens and the number of letters that differ. */
export interface TokenSimilarity {
  /** 1 for equal tokens, `1 - edits / longer length` within the allowed edits, else 0. */
  similarity: number
  edits: number
}

const NO_MATCH: TokenSimilarity = { similarity: 0, edits: Number.POSITIVE_INFINITY }
const SAME: TokenSimilarity = { similarity: 1, edits: 0 }

/**
 * Compares two normalised tokens, tolerating {@link allowedEdits} typos for the shorter one's length.
 *
 * @example
 * tokenSimilarity('industries', 'industires') // { similarity: 0.9, edits: 1 }
 * tokenSimilarity('amy', 'ann').similarity // 0
 */
export function tokenSimilarity(a: string, b: string): TokenSimilarity {
  if (a === b) return SAME
  const limit = allowedEdits(Math.min(a.length, b.length))
  if (limit === 0) return NO_MATCH
  const edits = damerauLevenshtein(a, b, limit)
  if (edits > limit) return NO_MATCH
  return { similarity: 1 - edits / Math.max(a.length, b.length), edits }
}

/** Result of comparing two token lists. */
export interface NameSimilarity {
  /** 0–1: letters of both names covered by matching tokens, weighted by how well each pair matches. */
  similarity: number
  /** Total letters that differ among the matched tokens (0 when the names are equal as sets). */
  edits: number
  /** True when every token of both lists found a partner (possibly with typos). */
  isComplete: boolean
  /** True when the tokens match one to one, in any order, with no typo. */
  isSameTokenSet: boolean
}

/**
 * Order-insensitive similarity of two token lists. Tokens are paired greedily, best pair first, each
 * token used once; the score is the share of letters (of both names) covered by a pair, each pair
 * weighted by its token similarity. Unmatched words therefore lower the score in proportion to their
 * length: "Cool Cars" vs "Cool Cats Grooming" scores ≈ 0.44. The joined forms are compared too, so a
 * missing space ("CoolCars") costs nothing.
 *
 * @example
 * compareTokenLists(['amy', 'lauterbach'], ['lauterbach', 'amy']).isSameTokenSet // true
 */
export function compareTokenLists(a: readonly string[], b: readonly string[]): NameSimilarity {
  if (a.length === 0 || b.length === 0) {
    return { similarity: 0, edits: 0, isComplete: false, isSameTokenSet: false }
  }
  if (a.length === 1 && b.length === 1) {
    // The common case (one given or family name against another), without the pairing machinery.
    const { similarity, edits } = tokenSimilarity(a[0]!, b[0]!)
    const isComplete = similarity > 0
    return {
      similarity,
      edits: isComplete ? edits : 0,
      isComplete,
      isSameTokenSet: isComplete && edits === 0,
    }
  }
  const pairs: { i: number; j: number; sim: TokenSimilarity }[] = []
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const sim = tokenSimilarity(a[i]!, b[j]!)
      if (sim.similarity > 0) pairs.push({ i, j, sim })
    }
  }
  pairs.sort((x, y) => y.sim.similarity - x.sim.similarity || x.i - y.i || x.j - y.j)
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  let covered = 0
  let edits = 0
  for (const { i, j, sim } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue
    usedA.add(i)
    usedB.add(j)
    covered += sim.similarity * (a[i]!.length + b[j]!.length)
    edits += sim.edits
  }
  let total = 0
  for (const token of a) total += token.length
  for (const token of b) total += token.length
  const isComplete = usedA.size === a.length && usedB.size === b.length
  const byTokens: NameSimilarity = {
    similarity: covered / total,
    edits,
    isComplete,
    isSameTokenSet: isComplete && edits === 0,
  }
  // The joined forms only help when the word counts differ ("CoolCars" vs "Cool Cars"); with equal counts
  // they would let two typos in one short word ("karts"/"cars") pass as one name.
  if (byTokens.isSameTokenSet || a.length === b.length) return byTokens
  const joinedA = a.join('')
  const joinedB = b.join('')
  const limit = allowedEdits(Math.min(joinedA.length, joinedB.length))
  const joinedEdits = damerauLevenshtein(joinedA, joinedB, limit)
  if (joinedEdits > limit) return byTokens
  const joinedSimilarity = 1 - joinedEdits / Math.max(joinedA.length, joinedB.length)
  return joinedSimilarity > byTokens.similarity
    ? { similarity: joinedSimilarity, edits: joinedEdits, isComplete: true, isSameTokenSet: false }
    : byTokens
}
