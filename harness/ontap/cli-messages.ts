// The few non-data lines ONTAP's CLI prints around tables and instance views.

const NO_ENTRIES_PATTERN = /^There are no entries matching your query\.?$/
const FOOTER_PATTERN = /^(\d+) (?:entries were|entry was) displayed\.?$/
const ERROR_PATTERN = /^Error:\s*(.*)$/

/** A line-splitter that copes with `\r\n` (ONTAP over SSH) and trailing spaces. */
export function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
}

export function isNoEntriesLine(line: string): boolean {
  return NO_ENTRIES_PATTERN.test(line.trim())
}

/** The count of an `N entries were displayed.` footer, or undefined when the line is not one. */
export function footerCount(line: string): number | undefined {
  const match = FOOTER_PATTERN.exec(line.trim())
  return match ? Number(match[1]) : undefined
}

/**
 * ONTAP's error text when the output is an error (`Error: "aggr" is not a recognized command`,
 * `Error: command failed: ...`), including its continuation lines; undefined otherwise.
 */
export function findOntapError(text: string): string | undefined {
  const lines = splitLines(text)
  const start = lines.findIndex((line) => ERROR_PATTERN.test(line.trim()))
  if (start < 0) return undefined
  const parts = [ERROR_PATTERN.exec(lines[start].trim())![1]]
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break
    parts.push(line.trim())
  }
  return parts.join(' ').trim()
}

/** True when the output says the query matched nothing. */
export function hasNoEntries(text: string): boolean {
  return splitLines(text).some(isNoEntriesLine)
}
