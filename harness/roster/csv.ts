// CSV in and out, RFC 4180 style: quoted fields may hold commas, quotes ("") and line breaks. Reading skips
// blank lines and lines starting with `#`, and a byte order mark (spreadsheets write one). Writing quotes what
// needs it and defuses cells a spreadsheet would run as a formula.

import { stripUrlCredentials, visible } from '../scorecard/safe-text.js'

export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    row.push(cell)
    cell = ''
    const blank = row.length === 1 && row[0].trim() === ''
    if (!blank && !row[0].trimStart().startsWith('#')) rows.push(row)
    row = []
  }
  for (; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        cell += ch
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRow()
    } else {
      cell += ch
    }
  }
  if (quoted) throw new Error('a quoted field is not closed')
  if (cell !== '' || row.length > 0) endRow()
  return rows
}

export function renderCsv(rows: Array<Array<string | number | undefined>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'number') return String(value)
  return csvText(value)
}

/** A text cell of summary.csv: unsafe characters made visible (safe-text.ts), formulas defused, quoted as needed. */
export function csvText(raw: string): string {
  const value = visible(stripUrlCredentials(raw))
  // A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet: keep it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
