// `npm test -- --roster class.yaml ...`: resolve, grade the class, print a line per student as they finish and
// the class at the end. Ctrl-C stops every running student cleanly (each cleans up) and grades no one else.
// With `--shard i/n` (or an Indexed Job's JOB_COMPLETION_INDEX/JOB_COMPLETIONS) only that slice of the roster is
// graded (shard.ts) and its class summary is marked as the shard's; `--roster ... --merge-class <dirs>` merges
// the shards' folders into the class summary (merge-class.ts).

import { rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { stopOnSignals } from '../cli/stop-signals.js'
import type { Flags } from '../cli/parse-args.js'
import { wordsFor, type Words } from '../i18n/words.js'
import { terminalField as t } from '../scorecard/safe-text.js'
import { exitCodeOf } from '../scorecard/scorecard.js'
import { summarise, type ClassSummary, type GradedStudent } from './class-summary.js'
import { mergeClassMain } from './merge-class.js'
import { resolveRosterConfig, type RosterConfig } from './roster-config.js'
import { runRoster } from './run-roster.js'
import { selectShard, shardName } from './shard.js'
import { renderClassSummary, writeClassSummary } from './write-class-summary.js'

export { renderClassSummary }

/** What writeClassSummary() writes in a class folder. */
const CLASS_FILES = ['summary.json', 'summary.csv', 'summary.md', 'index.html']

export async function rosterMain(flags: Flags, env: NodeJS.ProcessEnv, say: (line: string) => void, print: (text: string) => void): Promise<number> {
  if (flags['merge-class'] !== undefined) return mergeClassMain(flags, env, say, print)
  const whole = resolveRosterConfig(flags, env, process.cwd())
  // The shard is applied here, before grading: the run below sees only its slice of the roster.
  const config: RosterConfig = whole.shard ? { ...whole, roster: { ...whole.roster, students: selectShard(whole.roster.students, whole.shard) } } : whole
  const classDir = join(config.outRoot, 'class')
  const n = config.roster.students.length
  const shown = relative(process.cwd(), config.roster.file)
  const rosterName = shown && !shown.startsWith('..') ? shown : config.roster.file
  const words = wordsFor(config.lang)
  const w = words.roster
  if (config.shard && n === 0) {
    // More shards than students: nothing to grade, but the merge needs this shard's (empty) summary.
    say(w.noStudents({ shard: shardName(config.shard), roster: rosterName, classSize: config.shard.rosterStudents }))
    const now = new Date().toISOString()
    const summary = summarise([], { ...summaryMeta(config, now), finishedAt: now, shard: config.shard })
    await writeClassSummary(summary, classDir)
    print(renderClassSummary(summary, classDir))
    return summary.exitCode
  }
  say(
    w.grading({
      shard: config.shard && { name: shardName(config.shard), students: n, classSize: config.shard.rosterStudents },
      students: n,
      roster: rosterName,
      parallel: config.parallel,
      sessionsPerHost: config.ontapSessionsPerHost,
      kubeQps: config.kubeQps,
      seconds: config.studentTimeoutSeconds,
      posting: Boolean(config.post),
    }),
  )
  // A shard that is stopped must never leave an earlier run's finished (marked) summary behind for the merge.
  if (config.shard) await Promise.all(CLASS_FILES.map((f) => rm(join(classDir, f), { force: true })))
  const stop = stopOnSignals(() => say(w.stopping))
  try {
    const { summary: graded, exitCode } = await runRoster(config, {
      env,
      signal: stop.signal,
      onStudentDone: (done, counts) => say(progressLine(words, done, counts)),
    })
    // A shard's summary is marked once the shard has finished: the merge takes no summary without the mark. A
    // stopped shard's is left unmarked, so the merge refuses it instead of counting its students as grader errors.
    const finished = config.shard !== undefined && !stop.signal.aborted
    const summary: ClassSummary = finished ? { ...graded, shard: config.shard } : graded
    if (finished) await writeClassSummary(summary, classDir)
    else if (config.shard) say(w.shardStopped({ shard: shardName(config.shard) }))
    print(renderClassSummary(summary, classDir))
    return exitCode
  } finally {
    stop.dispose()
  }
}

function progressLine(words: Words, s: GradedStudent, counts: { done: number; total: number }): string {
  const totals = s.card.totals
  const result = words.result[(['passed', 'failed', 'error'] as const)[exitCodeOf(s.card)]]
  const name = s.namespace === s.id ? s.id : `${s.id} (${s.namespace})`
  const extra = [s.card.runErrors[0], s.delivery && !s.delivery.ok ? s.delivery.error : undefined].filter(Boolean).join(' ')
  return words.roster.studentDone({ ...counts, name, awarded: totals.awarded, possible: totals.possible, result, seconds: Math.round(s.durationMs / 1000), extra: extra ? t(extra) : undefined })
}

/** The summary's fields a run knows before it grades anyone (as run-roster.ts fills them). */
function summaryMeta(config: RosterConfig, startedAt: string) {
  return {
    roster: config.roster.file.split(/[\\/]/).pop()!,
    lang: config.lang,
    startedAt,
    settings: { parallel: config.parallel, ontapSessionsPerHost: config.ontapSessionsPerHost, kubeQps: config.kubeQps, studentTimeoutSeconds: config.studentTimeoutSeconds },
  }
}
