import { afterAll, describe, expect, it } from 'vitest'
import { recordedFigures, summaryTable } from './figures'
import { LONG } from './sizes'
import './token-refresh.suite'
import './secrets.suite'
import './headers.suite'
import './crash.suite'
import './token-kill.suite'
import './duplicates.suite'
import './faults.suite'
import './fuzz.suite'
import './webhooks.suite'
import './isolation.suite'

/**
 * The reliability and security proof of the QuickBooks capability: every scenario registers its tests from its
 * own `*.suite.ts` file; this file runs them in one worker so their figures can be printed as one table.
 */
describe('the reliability summary', () => {
  it('collects a figure from every scenario that ran', () => {
    expect(recordedFigures().length).toBeGreaterThan(0)
  })
})

afterAll(() => {
  process.stdout.write(
    `\nReliability summary (${LONG ? 'long run' : 'short run; LEDGERLINK_LONG_TESTS=1 for full sizes'}):\n${summaryTable()}\n\n`,
  )
})
