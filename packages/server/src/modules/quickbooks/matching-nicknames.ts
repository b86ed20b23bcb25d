/**
 * Common English nicknames, grouped with their formal given name. Small on purpose: it only has to catch
 * the frequent "Bill" in the CRM / "William" in QuickBooks case; anything rarer falls back to fuzzy matching.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['richard', 'rick', 'ricky', 'dick', 'rich'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['michael', 'mike', 'mikey', 'mick'],
  ['thomas', 'tom', 'tommy'],
  ['joseph', 'joe', 'joey'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['anthony', 'tony'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davy'],
  ['steven', 'stephen', 'steve'],
  ['christopher', 'chris', 'kit'],
  ['matthew', 'matt'],
  ['andrew', 'andy', 'drew'],
  ['benjamin', 'ben', 'benny'],
  ['samuel', 'sam', 'sammy'],
  ['alexander', 'alex', 'sandy'],
  ['nicholas', 'nick', 'nicky'],
  ['peter', 'pete'],
  ['gregory', 'greg'],
  ['timothy', 'tim', 'timmy'],
  ['elizabeth', 'liz', 'beth', 'betty', 'eliza', 'lizzie', 'betsy'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'katie', 'kathy', 'cathy', 'kat'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge'],
  ['jennifer', 'jen', 'jenny'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['susan', 'sue', 'susie'],
  ['deborah', 'debra', 'deb', 'debbie'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['jessica', 'jess', 'jessie'],
  ['alexandra', 'alex', 'alexa', 'sandra'],
  ['christine', 'christina', 'chris', 'tina'],
  ['abigail', 'abby'],
  ['samantha', 'sam', 'sammy'],
]

const GROUPS_BY_NAME = new Map<string, number[]>()
GROUPS.forEach((group, index) => {
  for (const name of group) GROUPS_BY_NAME.set(name, [...(GROUPS_BY_NAME.get(name) ?? []), index])
})

/**
 * Whether two normalised given names are known variants of each other ("bill" and "william").
 *
 * @example
 * isNicknameOf('bill', 'william') // true
 */
export function isNicknameOf(a: string, b: string): boolean {
  if (a === b) return false
  const groupsOfA = GROUPS_BY_NAME.get(a)
  if (groupsOfA === undefined) return false
  const groupsOfB = GROUPS_BY_NAME.get(b) ?? []
  return groupsOfA.some((group) => groupsOfB.includes(group))
}
