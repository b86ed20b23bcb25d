/**
 * Run sizes: `LEDGERLINK_LONG_TESTS=1` (set by .ci/run) runs the full-size figures of the reliability suite;
 * otherwise a smaller count keeps a developer's `npm test` quick.
 */
export const LONG = process.env.LEDGERLINK_LONG_TESTS === '1'

/** `short` in a normal run, `long` in a long run. */
export const sized = (short: number, long: number): number => (LONG ? long : short)
