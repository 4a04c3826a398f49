// One entry point for any `show` command's output: finds out which of ONTAP's output forms it is and returns the
// records keyed by the column, field or label names ONTAP printed.

import { findOntapError, hasNoEntries } from './cli-messages.js'
import { looksLikeInstanceView, parseInstanceView } from './cli-instance.js'
import { parseSeparatedOutput } from './cli-separated.js'
import { CliParseError } from './cli-parse-error.js'
import { parseCliTable } from './cli-table.js'

export type CliOutputFormat = 'table' | 'separator' | 'instance' | 'none'

export type CliOutput = { kind: 'records'; format: CliOutputFormat; columns: string[]; records: Record<string, string>[] } | { kind: 'error'; message: string }

export interface ParseCliOutputOptions {
  /** The separator set with `set -showseparator`, when the command was run in separator mode. */
  separator?: string
}

/**
 * Parse the output of an ONTAP `show` command. `Error: ...` → kind `error`; `There are no entries matching your
 * query.` → no records. Throws CliParseError when the output is none of the known forms.
 */
export function parseCliOutput(text: string, options: ParseCliOutputOptions = {}): CliOutput {
  const error = findOntapError(text)
  if (error !== undefined) return { kind: 'error', message: error }
  if (hasNoEntries(text)) return { kind: 'records', format: 'none', columns: [], records: [] }

  if (options.separator) {
    const separated = parseSeparatedOutput(text, options.separator)
    if (separated) return { kind: 'records', format: 'separator', columns: separated.columns, records: separated.rows }
  }
  const table = parseCliTable(text)
  if (table) return { kind: 'records', format: 'table', columns: table.columns, records: table.rows }
  if (looksLikeInstanceView(text)) {
    const records = parseInstanceView(text)
    return { kind: 'records', format: 'instance', columns: [...new Set(records.flatMap(Object.keys))], records }
  }
  // Empty or unknown output is the grader's problem, never "no such volume": a student must not lose points for it.
  if (text.trim() === '') throw new CliParseError('ONTAP printed nothing', text)
  throw new CliParseError('ONTAP printed neither a table, an instance view nor a known message', text)
}
