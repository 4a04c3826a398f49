// ONTAP's instance view (`volume show -vserver X -volume Y` with a full key, or `-instance`): one `Label: value` per
// line, labels right-aligned so the colons line up, long values continued on the next line under the value:
//
//                                       Vserver Name: vs
//                                        Volume Name: trident_pvc_a81edc1f_3c77_4714_9de7_9841ed1bc5c7
//                                        Volume Size: 60MB

import { footerCount, isNoEntriesLine, splitLines } from './cli-messages.js'

const LABEL_LINE = /^(\s*)([A-Za-z0-9(][^:]*?):(?: (.*)|)$/

/** Records of an instance view, keyed by label as printed (`Volume Size`). A repeated label starts a new record. */
export function parseInstanceView(text: string): Record<string, string>[] {
  const lines = splitLines(text).filter((line) => line.trim() !== '' && !isNoEntriesLine(line))
  const candidates = lines.map((line) => LABEL_LINE.exec(line))
  const colonColumn = mostCommon(candidates.flatMap((match) => (match ? [match[1].length + match[2].length] : [])))
  if (colonColumn === undefined) return []

  const records: Record<string, string>[] = []
  let current: Record<string, string> | undefined
  let lastLabel: string | undefined
  lines.forEach((line, index) => {
    if (footerCount(line) !== undefined) return
    const match = candidates[index]
    const indent = line.length - line.trimStart().length
    const isLabel = match !== null && match[1].length + match[2].length === colonColumn
    if (!isLabel) {
      // A continuation of the previous value: indented past the colon column.
      if (current && lastLabel && indent > colonColumn) {
        current[lastLabel] = `${current[lastLabel]} ${line.trim()}`.trim()
      }
      return
    }
    const label = match[2].trim()
    if (!current || label in current) {
      current = {}
      records.push(current)
    }
    current[label] = (match[3] ?? '').trim()
    lastLabel = label
  })
  return records
}

/** True when most non-blank lines look like `Label: value` (an instance view rather than a table). */
export function looksLikeInstanceView(text: string): boolean {
  const lines = splitLines(text).filter((line) => line.trim() !== '')
  const labelled = lines.filter((line) => LABEL_LINE.test(line)).length
  return labelled >= 2 && labelled * 2 >= lines.length
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let best: number | undefined
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value
  return best
}
