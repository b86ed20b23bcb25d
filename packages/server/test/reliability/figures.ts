/**
 * The figures of the reliability suite: each scenario records how often it ran, how many runs failed and its
 * headline figure; reliability.test.ts prints them as one table once every scenario has finished.
 */
export type Figure = { scenario: string; runs: number; failures: number; figure: string }

const figures: Figure[] = []

/** Records (or adds to) a scenario's line of the summary table. */
export const recordFigure = (figure: Figure): void => {
  figures.push(figure)
}

/** Counts runs and failures of one scenario while it runs, and records them once. */
export const tally = (scenario: string) => {
  let runs = 0
  let failures = 0
  return {
    ok: () => {
      runs++
    },
    fail: () => {
      runs++
      failures++
    },
    add: (count: number, failed = 0) => {
      runs += count
      failures += failed
    },
    get runs() {
      return runs
    },
    get failures() {
      return failures
    },
    record: (figure: string) => recordFigure({ scenario, runs, failures, figure }),
  }
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length))

/** The summary table as text (one line per recorded scenario, in the order they finished). */
export const summaryTable = (): string => {
  const header: Figure = { scenario: 'scenario', runs: 0, failures: 0, figure: 'figure' }
  const rows = [header, ...figures].map((f, index) => [
    f.scenario,
    index === 0 ? 'runs' : String(f.runs),
    index === 0 ? 'failures' : String(f.failures),
    f.figure,
  ])
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => pad(cell, widths[column] ?? 0)).join(' | ')} |`
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n')
}

/** Every figure recorded so far (for the suite's own check that scenarios reported). */
export const recordedFigures = (): readonly Figure[] => figures
