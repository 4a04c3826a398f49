// `npm test -- --roster class.yaml ...`: resolve, grade the class, print a line per student as they finish and
// the class at the end. Ctrl-C stops every running student cleanly (each cleans up) and grades no one else.

import { join, relative } from 'node:path'
import type { Flags } from '../cli/parse-args.js'
import { terminalField as t } from '../scorecard/safe-text.js'
import { exitCodeOf } from '../scorecard/scorecard.js'
import type { ClassSummary, GradedStudent } from './class-summary.js'
import { resolveRosterConfig } from './roster-config.js'
import { runRoster } from './run-roster.js'

export async function rosterMain(flags: Flags, env: NodeJS.ProcessEnv, say: (line: string) => void, print: (text: string) => void): Promise<number> {
  const config = resolveRosterConfig(flags, env, process.cwd())
  const n = config.roster.students.length
  const shown = relative(process.cwd(), config.roster.file)
  say(
    `Grading ${n} student${n === 1 ? '' : 's'} from ${shown && !shown.startsWith('..') ? shown : config.roster.file}: ${config.parallel} at a time, ` +
      `at most ${config.ontapSessionsPerHost} per ONTAP host, ${config.kubeQps} Kubernetes requests/s in all, ${config.studentTimeoutSeconds} s each` +
      (config.post ? ', posting each scorecard' : ''),
  )
  const cancel = new AbortController()
  let interrupts = 0
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130)
    say('Stopping: the running students clean up and no one else is graded (Ctrl-C again to quit at once)…')
    cancel.abort()
  }
  process.on('SIGINT', onSigint)
  try {
    const { summary, exitCode } = await runRoster(config, {
      env,
      signal: cancel.signal,
      onStudentDone: (done, counts) => say(progressLine(done, counts)),
    })
    print(renderClassSummary(summary, join(config.outRoot, 'class')))
    return exitCode
  } finally {
    process.off('SIGINT', onSigint)
  }
}

function progressLine(s: GradedStudent, counts: { done: number; total: number }): string {
  const totals = s.card.totals
  const result = (['passed', 'failed', 'error'] as const)[exitCodeOf(s.card)]
  const name = s.namespace === s.id ? s.id : `${s.id} (${s.namespace})`
  const extra = [s.card.runErrors[0], s.delivery && !s.delivery.ok ? s.delivery.error : undefined].filter(Boolean).join(' ')
  return `[${counts.done}/${counts.total}] ${name}: ${totals.awarded}/${totals.possible} ${result} · ${Math.round(s.durationMs / 1000)} s${extra ? ` · ${t(extra)}` : ''}`
}

export function renderClassSummary(summary: ClassSummary, classDir: string): string {
  const totals = summary.totals
  const width = Math.max(...summary.students.map((s) => s.id.length), 2)
  const lines = ['', `class: ${totals.students} students: ${totals.passed} passed, ${totals.failed} failed, ${totals.error} grader errors${totals.deliveryFailed ? `, ${totals.deliveryFailed} not delivered` : ''}`]
  for (const s of summary.students) {
    const note = s.notes[0]
    lines.push(`  ${s.id.padEnd(width)} ${s.result.padEnd(6)} ${`${s.awarded}/${s.possible}`.padStart(7)}${note ? `  ${t(note)}` : ''}`)
  }
  lines.push(`  summary: ${join(classDir, 'summary.json')} (also summary.csv, summary.md, index.html)`)
  return lines.join('\n')
}
