// What the terminal shows: a line per objective while it runs (with what it waits for, elapsed / budget),
// then a summary. Status words stay English so logs grep the same; messages follow --lang. Every value that may
// come from the student's cluster goes through terminalField (safe-text.ts): it cannot start a line of its own,
// move the cursor, set colours, retitle the terminal or reorder text.

import type { CheckStatus } from '../check.js'
import type { ProgressEvent } from '../scorecard-reporter.js'
import { terminalField as t } from '../scorecard/safe-text.js'
import type { Scorecard } from '../scorecard/scorecard.js'

const MARK: Record<CheckStatus, string> = { passed: 'PASS', failed: 'FAIL', error: 'ERR ', blocked: 'BLKD', skipped: 'SKIP' }

export function progressPrinter(write: (line: string) => void, budgetSeconds: number, started = Date.now()): (event: ProgressEvent) => void {
  const clock = () => `${Math.round((Date.now() - started) / 1000)}s/${budgetSeconds}s`
  return (event) => {
    if (event.type === 'start') write(`  …    ${event.id} [${clock()}]`)
    if (event.type === 'progress') write(`         ${t(event.text)} [${clock()}]`)
    if (event.type === 'done') write(`  ${MARK[event.check.status]} ${event.check.id} ${event.check.awarded}/${event.check.points}`)
  }
}

export function renderSummary(card: Scorecard, options: { hints: boolean; outDir: string }): string {
  const lines = ['', `${t(card.student)}: ${card.totals.awarded}/${card.totals.possible} points (${card.totals.passed} passed, ${card.totals.failed} failed, ${card.totals.blocked} blocked, ${card.totals.error} error, ${card.totals.skipped} skipped)`]
  const width = Math.max(...card.checks.map((c) => c.id.length))
  for (const c of card.checks) {
    lines.push(`  ${MARK[c.status]} ${c.id.padEnd(width)} ${String(c.awarded).padStart(2)}/${String(c.points).padEnd(2)} ${t(c.status === 'passed' ? c.title : c.message)}`)
    if (options.hints && c.hint && (c.status === 'failed' || c.status === 'error')) lines.push(`       ${' '.repeat(width)}       → ${t(c.hint)}`)
  }
  for (const e of card.runErrors) lines.push(`  ! ${t(e)}`)
  const d = card.detected
  const versions = [d.kubernetesVersion && `Kubernetes ${t(d.kubernetesVersion)}`, d.tridentVersion && `Trident ${t(d.tridentVersion)}`].filter(Boolean).join(', ')
  if (versions) lines.push(`  detected: ${versions}`)
  lines.push(`  scorecard: ${t(options.outDir)}/scorecard.json (also junit.xml, scorecard.md)`)
  return lines.join('\n')
}
