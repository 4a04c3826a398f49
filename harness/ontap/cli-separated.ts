// Separator mode (`set -showseparator "|"`): a row of field names, a row of field descriptions, then one row per
// record; every row ends with a trailing separator (facts section 6):
//
//   vserver|volume|size|
//   Vserver Name|Volume Name|Volume Size|
//   svmXX|trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324|20GB|

import { CliParseError } from './cli-parse-error.js'
import { footerCount, isNoEntriesLine, splitLines } from './cli-messages.js'
import type { CliTable } from './cli-table.js'

export interface CliSeparatedTable extends CliTable {
  /** The description row (`Vserver Name`, ...), keyed by field name. */
  descriptions: Record<string, string>
}

/** Parse separator-mode output; undefined when no line contains the separator. */
export function parseSeparatedOutput(text: string, separator: string): CliSeparatedTable | undefined {
  if (separator === '') throw new Error('separator must not be empty')
  const lines = splitLines(text).filter((line) => line.includes(separator) && !isNoEntriesLine(line) && footerCount(line) === undefined)
  if (lines.length === 0) return undefined
  const [header, descriptionLine, ...records] = lines.map((line) => splitRow(line, separator))
  const columns = header.map((name) => name.trim())
  if (columns.some((name) => name === '')) throw new CliParseError('separator output has an empty field name', text)

  const toRecord = (cells: string[], kind: string): Record<string, string> => {
    if (cells.length !== columns.length) {
      throw new CliParseError(`separator output: a ${kind} row has ${cells.length} cells, expected ${columns.length}`, text)
    }
    return Object.fromEntries(columns.map((name, index) => [name, cells[index].trim()]))
  }
  return {
    columns,
    descriptions: descriptionLine ? toRecord(descriptionLine, 'description') : {},
    rows: records.map((cells) => toRecord(cells, 'record')),
  }
}

function splitRow(line: string, separator: string): string[] {
  const cells = line.split(separator)
  if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop()
  return cells
}
