// What the terminal shows: a line per objective while it runs (with what it waits for, elapsed / budget),
// then a summary, in the run's language (harness/i18n/words-*.ts). Status marks (PASS, FAIL, ...) are the same in
// every language so logs grep the same. Every value that may come from the student's cluster goes through
// terminalField (safe-text.ts): it cannot start a line of its own, move the cursor, set colours, retitle the
// terminal or reorder text.

import type { CheckStatus } from '../check.js'
import { wordsFor } from '../i18n/words.js'
import { LTI_SCORE_FILE } from '../lms/deliver-scorecard.js'
import type { Lang } from '../i18n/catalogue.js'
import type { ProgressEvent } from '../vitest/scorecard-reporter.js'
import { terminalField as t } from '../scorecard/safe-text.js'
import { labTotalOf, type Scorecard } from '../scorecard/scorecard.js'
import { SCORECARD_FILES } from '../scorecard/scorecard-writer.js'

const MARK: Record<CheckStatus, string> = { passed: 'PASS', failed: 'FAIL', error: 'ERR ', blocked: 'BLKD', skipped: 'SKIP' }

/** Every file a student's run leaves in its report folder: the scorecard's (scorecard.json first) and the LTI score. */
export const STUDENT_REPORT_FILES: readonly string[] = [...SCORECARD_FILES, LTI_SCORE_FILE]

/**
 * The progress lines of a run, in the order things happened for each objective: its start line, what it waits for,
 * then its status line. Events may reach the printer out of that order (a result reported before the start of its
 * test case, an objective that never started because its module did not load): a status or progress line whose
 * start line was not printed yet is preceded by it, and a start or progress event for an objective already done is
 * dropped. Progress texts are shown in `lang`. The clock starts at `started`, or at the first event (a
 * self-check's question comes before the budget starts, and so before any event).
 */
export function progressPrinter(write: (line: string) => void, budgetSeconds: number, lang: Lang, started?: number): (event: ProgressEvent) => void {
  const clock = () => `${Math.round((Date.now() - (started ??= Date.now())) / 1000)}s/${budgetSeconds}s`
  const begun = new Set<string>()
  const done = new Set<string>()
  const begin = (key: string, id: string) => {
    if (begun.has(key)) return
    begun.add(key)
    write(`  …    ${id} [${clock()}]`)
  }
  return (event) => {
    const id = event.type === 'done' ? event.check.id : event.id
    const key = `${event.student}\n${id}`
    if (done.has(key)) return
    begin(key, id)
    if (event.type === 'progress') write(`         ${t(event.text[lang])} [${clock()}]`)
    if (event.type === 'done') {
      done.add(key)
      write(`  ${MARK[event.check.status]} ${id} ${event.check.awarded}/${event.check.points}`)
    }
  }
}

export function renderSummary(card: Scorecard, options: { hints: boolean; outDir: string }): string {
  const w = wordsFor(card.lang)
  const lines = ['', w.console.total({ student: t(card.student), total: labTotalOf(card), counts: card.totals })]
  const width = Math.max(...card.checks.map((c) => c.id.length))
  for (const c of card.checks) {
    lines.push(`  ${MARK[c.status]} ${c.id.padEnd(width)} ${String(c.awarded).padStart(2)}/${String(c.points).padEnd(2)} ${t(c.status === 'passed' ? c.title : c.message)}`)
    if (options.hints && c.hint && (c.status === 'failed' || c.status === 'error')) lines.push(`       ${' '.repeat(width)}       → ${t(c.hint)}`)
  }
  for (const e of card.runErrors) lines.push(`  ! ${t(e)}`)
  const d = card.detected
  const versions = [d.kubernetesVersion && `Kubernetes ${t(d.kubernetesVersion)}`, d.tridentVersion && `Trident ${t(d.tridentVersion)}`].filter((v): v is string => Boolean(v))
  if (versions.length > 0) lines.push(`  ${w.console.detected({ versions })}`)
  const [json, ...others] = STUDENT_REPORT_FILES
  lines.push(`  ${w.console.scorecard({ dir: t(options.outDir), json, others })}`)
  return lines.join('\n')
}
