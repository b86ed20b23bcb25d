/**
 * Runs every benchmark in bench/, one after another in child processes (so one benchmark's heap and
 * timers cannot disturb the next), and stops at the first that fails. Each benchmark prints its own table
 * with its figures and its ratio against the comparison it names, and writes bench/results/<name>.json.
 *
 * Run: npm run bench   (or: npm run bench -w @ledgerlink/bench -- emulator-reads matching)
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCHMARKS = ['emulator-reads', 'matching', 'crm-list', 'qbo-tab', 'qbo-load'] as const

const here = dirname(fileURLToPath(import.meta.url))
const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(BENCHMARKS as readonly string[]).includes(name))
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.join(', ')}`)
  process.exit(2)
}
const selected = requested.length > 0 ? requested : [...BENCHMARKS]

for (const name of selected) {
  console.log(`\n=== ${name} ===`)
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], {
    stdio: 'inherit',
    cwd: here,
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`)
    process.exit(1)
  }
  console.log(`${name} finished in ${seconds} s; figures in bench/results/${name}.json`)
}
