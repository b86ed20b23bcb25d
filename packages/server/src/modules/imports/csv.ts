import { parse } from 'csv-parse/sync'
import { importError } from './errors'

export const MAX_CSV_BYTES = 10 * 1024 * 1024
const MAX_COLUMNS = 200

/** Parses CSV text into a header and data rows; blank lines are skipped and a UTF-8 BOM is removed. */
export const parseCsv = (content: string): { columns: string[]; rows: string[][] } => {
  let records: string[][]
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unknown problem'
    throw importError('BAD_CSV', `This file could not be read as CSV (${detail}).`, error)
  }
  const [header, ...rows] = records
  const columns = (header ?? []).map((column) => column.trim())
  if (columns.length === 0 || columns.every((column) => column === '')) {
    throw importError(
      'BAD_CSV',
      'The file is empty or has no header row. The first row must name the columns.',
    )
  }
  if (columns.length > MAX_COLUMNS) {
    throw importError(
      'BAD_CSV',
      `The file has ${columns.length} columns; at most ${MAX_COLUMNS} are supported.`,
    )
  }
  if (new Set(columns).size !== columns.length) {
    throw importError('BAD_CSV', 'Two columns have the same name. Give every column a different header.')
  }
  return { columns, rows }
}
