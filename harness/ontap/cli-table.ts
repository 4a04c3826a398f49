// ONTAP CLI tables: the default `volume show` view and `-fields` views. Columns come from the dashes line under the
// header (never from a fixed order); long values wrap the rest of the row onto the next line, indented to the
// column where it continues (facts section 6):
//
//   Vserver   Volume       Aggregate    State      Type       Size  Available Used%
//   --------- ------------ ------------ ---------- ---- ---------- ---------- -----
//   SVM1      trident_pvc_137803cc_8050_49c9_bd22_562f4e5b62be
//                          aggr1        online     RW         30GB    29.98GB    0%

import { CliParseError } from './cli-parse-error.js'
import { footerCount, isNoEntriesLine, splitLines } from './cli-messages.js'

const DASHES_LINE = /^\s*-+(?: +-+)*$/

export interface CliTable {
  /** Header text per column as ONTAP printed it (`Vserver`, `Used%`, `junction-path`); two-line headers joined. */
  columns: string[]
  rows: Record<string, string>[]
}

interface Span {
  start: number
  end: number
}

interface Token {
  start: number
  end: number
  text: string
}

/** Parse the first table in `text`; undefined when there is no dashes line (not a table). */
export function parseCliTable(text: string): CliTable | undefined {
  const lines = splitLines(text)
  const dashIndex = lines.findIndex((line) => DASHES_LINE.test(line))
  if (dashIndex < 1) return undefined
  const spans = [...lines[dashIndex].matchAll(/-+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))
  const columns = readHeader(lines, dashIndex, spans)

  const rows: Record<string, string>[] = []
  let current: string[] | undefined
  let expected: number | undefined
  let ended = false
  for (const line of lines.slice(dashIndex + 1)) {
    // Rows end at a blank line; only a footer may follow it.
    if (line.trim() === '' || isNoEntriesLine(line)) {
      ended = rows.length > 0
      continue
    }
    const count = footerCount(line)
    if (count !== undefined) {
      expected = count
      break
    }
    if (ended) break
    const cells = assignTokens(tokenize(line), spans)
    if (cells[0] !== undefined || !current) {
      current = new Array<string>(spans.length).fill('')
      rows.push(toRecord(columns, current))
    }
    cells.forEach((value, index) => {
      if (value === undefined) return
      current![index] = current![index] === '' ? value : `${current![index]} ${value}`
    })
    rows[rows.length - 1] = toRecord(columns, current)
  }
  if (expected !== undefined && expected !== rows.length) {
    throw new CliParseError(`ONTAP said ${expected} entries were displayed but ${rows.length} rows were read`, text)
  }
  return { columns, rows }
}

function readHeader(lines: string[], dashIndex: number, spans: Span[]): string[] {
  const headerLines = [lines[dashIndex - 1]]
  // A second header line above (e.g. `Available` over `Size` in `vserver show-aggregates`) only when all its words sit
  // inside columns; anything else (a banner, a blank line) is not part of the header.
  const above = lines[dashIndex - 2]
  if (above !== undefined && above.trim() !== '') {
    const tokens = tokenize(above)
    const inside = tokens.every((t) => spans.some((s) => t.start >= s.start && t.end <= s.end))
    if (inside) headerLines.unshift(above)
  }
  const columns = spans.map(() => '')
  for (const line of headerLines) {
    assignTokens(tokenize(line), spans).forEach((value, index) => {
      if (value !== undefined) columns[index] = columns[index] === '' ? value : `${columns[index]} ${value}`
    })
  }
  columns.forEach((name, index) => {
    if (name === '') throw new CliParseError(`table column ${index + 1} has no header`, lines.join('\n'))
  })
  return columns
}

function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }))
}

/**
 * Cell text per column for one physical line. A token belongs to the last column that starts at or before it, so a
 * right-aligned value, a value that overflows its column, and a continuation line indented to its column all land
 * in the right place. Words of one cell are joined with single spaces.
 */
function assignTokens(tokens: Token[], spans: Span[]): (string | undefined)[] {
  const cells: (string | undefined)[] = spans.map(() => undefined)
  for (const token of tokens) {
    let index = 0
    for (let i = 0; i < spans.length; i++) if (spans[i].start <= token.start) index = i
    cells[index] = cells[index] === undefined ? token.text : `${cells[index]} ${token.text}`
  }
  return cells
}

function toRecord(columns: string[], values: string[]): Record<string, string> {
  return Object.fromEntries(columns.map((name, index) => [name, values[index]]))
}
