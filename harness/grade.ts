// The one grading pipeline: every caller (the CLI, the roster, the in-cluster Job, the tests) grades through it,
// by way of the library's grade() and gradeClass() (index.ts). Each student is prepared (selection, the question
// before a pod delete, budget, preflight: prepare-student.ts), then the students are graded side by side in one
// vitest run of the lab's spec (vitest/lab-run.ts). Every student gets a scorecard, partial if it must be: one
// whose run could not start gets its reason on every objective. A student whose preflight has not settled
// `preflightWaitMs` after the others' does not hold them up: they are graded in a run of their own afterwards.

import type { CheckRecord } from './check.js'
import type { GraderError } from './errors.js'
import { render } from './i18n/messages.js'
import { sentence } from './i18n/usage-errors.js'
import type { GradeTarget, StudentSecrets } from './lab-target.js'
import type { LabDefinition } from './objective/lab-definition.js'
import type { ObjectiveId } from './objective/ids.js'
import { checkStudentName } from './config/input-checks.js'
import { usageError } from './i18n/usage-errors.js'
import { prepareStudent, type PreparedStudent } from './prepare-student.js'
import { checkOf, hasObjective, type Rubric } from './rubric/rubric.js'
import { stopOf, type RunStop } from './run-control.js'
import { newScorecard } from './scorecard/new-scorecard.js'
import { checkFromRecord, type Scorecard } from './scorecard/scorecard.js'
import { ScorecardWriter } from './scorecard/scorecard-writer.js'
import { loadVitest, runLab } from './vitest/lab-run.js'
import type { ProgressEvent, StudentRun } from './vitest/scorecard-reporter.js'

/** One student of a class run. */
export interface ClassMember {
  target: GradeTarget
  /** The student's ONTAP secrets (values), for this student's run only. */
  secrets?: StudentSecrets
  /** This student's progress (besides the class's onProgress). */
  onProgress?: (event: ProgressEvent) => void
}

/** What the preparation found for a student, before any objective ran. */
export interface Prepared {
  /** Objectives --only added as prerequisites. */
  added: ObjectiveId[]
  /** Why nothing could be graded (the cluster could not be asked, or the budget ran out first). */
  notStarted?: GraderError
}

export interface PipelineOptions {
  lab: LabDefinition
  rubric: Rubric
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** How many students' checks run at once (default 8). */
  parallel?: number
  /**
   * Rewrite each card's files after every objective (default true), so a run that is killed still leaves a partial
   * card (Gradescope reads results as they are written). False: the files are written once, when the card is done.
   */
  liveCards?: boolean
  /** How long students whose preflight settled wait for the others before they are graded (default: all settle). */
  preflightWaitMs?: number
  /** Asked once per student before anything runs, when a disruptive objective is selected (a self-check's question). */
  confirmDisruption?: () => Promise<boolean>
  /** Each student's preparation, as soon as it is known (in the order given). */
  onPrepared?: (prepared: Prepared, index: number) => void
  /** Each student's card, as soon as it is final. */
  onStudentDone?: (card: Scorecard, index: number) => void | Promise<void>
}

/** Grades the students; their cards come back in the order given. */
export async function gradeStudents(members: readonly ClassMember[], options: PipelineOptions): Promise<Scorecard[]> {
  // What a caller asks for is checked before anything runs for anyone: a mistake here is the caller's (exit 9).
  for (const { target } of members) {
    checkStudentName(target.student)
    for (const [flag, ids] of [
      ['--only', target.only],
      ['--skip', target.skip],
    ] as const) {
      const unknown = ids?.find((id) => !hasObjective(options.rubric, id))
      if (unknown !== undefined) throw usageError('ids.unknown', { flag, id: unknown, known: options.rubric.objectives.map((o) => o.id) })
    }
  }
  void loadVitest().catch(() => undefined) // grading needs it next; a failure shows there
  const cards: Scorecard[] = new Array(members.length)
  const pending = members.map((member, index) => {
    const entry = { index, member, settled: false, prepared: undefined as unknown as Promise<PreparedStudent> }
    // `settled` is set before anyone awaiting `prepared` resumes.
    entry.prepared = prepareStudent(member.target, { rubric: options.rubric, secrets: member.secrets, signal: options.signal, confirmDisruption: options.confirmDisruption }).finally(
      () => (entry.settled = true),
    )
    entry.prepared.then(
      (p) => options.onPrepared?.({ added: p.added, notStarted: p.notStarted }, index),
      () => undefined,
    )
    return entry
  })
  let waiting = pending
  while (waiting.length > 0) {
    if (options.preflightWaitMs !== undefined) {
      await settledOrTimeout(
        waiting.map((w) => w.prepared),
        options.preflightWaitMs,
      )
      if (!waiting.some((w) => w.settled)) await Promise.race(waiting.map((w) => w.prepared.catch(() => undefined)))
    } else await Promise.allSettled(waiting.map((w) => w.prepared))
    const ready = waiting.filter((w) => w.settled)
    waiting = waiting.filter((w) => !w.settled)
    const prepared = await Promise.all(ready.map((r) => r.prepared))
    try {
      const graded = await gradePrepared(
        prepared.map((p, i) => ({ prepared: p, onProgress: ready[i].member.onProgress })),
        options,
      )
      for (const [i, card] of graded.entries()) {
        cards[ready[i].index] = card
        await options.onStudentDone?.(card, ready[i].index)
      }
    } finally {
      for (const p of prepared) p.dispose()
    }
  }
  return cards
}

/** Grades prepared students side by side in one vitest run. */
async function gradePrepared(students: Array<{ prepared: PreparedStudent; onProgress?: (event: ProgressEvent) => void }>, options: PipelineOptions): Promise<Scorecard[]> {
  const live = options.liveCards ?? true
  const runs = students.map(({ prepared, onProgress }) => {
    const { target } = prepared
    const mode = target.selfCheck ? 'self-check' : 'grade'
    const card = newScorecard({ student: target.student, runId: target.runId, lang: target.lang, mode, rubric: target.rubric.name, ...prepared.header, finishedAt: null })
    const progress = (event: ProgressEvent) => {
      onProgress?.(event)
      options.onProgress?.(event)
    }
    const run: StudentRun = { target, writer: new ScorecardWriter(card, target.outDir, { live }), onProgress: progress, harnessRequests: prepared.harnessRequests }
    for (const { id, why } of prepared.leftOut) {
      const record: CheckRecord = { id, status: 'skipped', ...render('check.skipped', { why }), evidence: [] }
      card.checks.push(checkFromRecord(record, checkOf(target.rubric, id), 0, target.lang))
    }
    return { run, prepared }
  })
  if (live) await Promise.all(runs.map((r) => r.run.writer.save()))

  const startable = options.signal?.aborted ? [] : runs.filter((r) => !r.prepared.notStarted && r.prepared.target.selected.length > 0)
  let stop: RunStop | undefined
  if (startable.length > 0)
    stop = await runLab(
      options.lab,
      startable.map((r) => r.run),
      { signal: options.signal, parallel: options.parallel ?? 8 },
    )
  else if (options.signal?.aborted) stop = stopOf(options.signal.reason)

  return Promise.all(
    runs.map(({ run, prepared }) => {
      const { notStarted } = prepared
      // A student whose run could not start: their own reason, unless the whole run was stopped by that same reason.
      const own = notStarted && !(options.signal?.aborted && notStarted === options.signal.reason) ? { reason: notStarted.message, ja: notStarted.ja, code: notStarted.code } : undefined
      return finish(run, own ?? stop)
    }),
  )
}

/** Every selected objective on the card (those that never reported are errors), totals, and the final save. */
async function finish(run: StudentRun, stop: RunStop | undefined): Promise<Scorecard> {
  const { target, writer } = run
  const card = writer.card
  // Objectives that never reported (time ran out, cancelled) are grader errors: they cost no points.
  for (const id of target.selected) {
    if (card.checks.some((c) => c.id === id)) continue
    const detail = stop ? { en: stop.reason, ja: stop.ja ?? stop.reason } : sentence('run.not-run')
    const record: CheckRecord = { id, status: 'error', errorCode: stop?.code ?? 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
    card.checks.push(checkFromRecord(record, checkOf(target.rubric, id), 0, target.lang))
  }
  // A student whose own budget ran out: the card says so once, like a run stopped as a whole.
  const timedOut = !stop && card.checks.find((c) => c.status === 'error' && c.errorCode === 'TIMEOUT')
  // Run errors are said in the card's language, as its checks' messages are.
  if (stop) card.runErrors.push(target.lang === 'ja' ? (stop.ja ?? stop.reason) : stop.reason)
  else if (timedOut && target.timeoutMs !== undefined) card.runErrors.push(sentence('run.timeout', { seconds: Math.round(target.timeoutMs / 1000) })[target.lang])
  const order = target.rubric.objectives.map((o) => o.id)
  card.checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
  card.complete = card.runErrors.length === 0
  if (card.stats) card.stats.peakRssMiB = Math.max(card.stats.peakRssMiB, Math.round(process.resourceUsage().maxRSS / 1024))
  card.finishedAt = new Date().toISOString()
  await writer.save()
  return card
}

async function settledOrTimeout(promises: Array<Promise<unknown>>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([Promise.allSettled(promises), new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}
