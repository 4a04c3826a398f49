// gradeStudents(): one vitest run over the objective specs for one student or many, in this process. Every student
// gets a scorecard, partial if it must be: one whose run could not start gets its reason on every objective.

import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { CancelReason } from '@vitest/runner'
import type { CheckRecord } from './check.js'
import { GraderError, isGraderError, type GraderErrorCode } from './errors.js'
import { render } from './i18n/messages.js'
import { cancelOpenLabs, closeOpenLabs } from './open-labs.js'
import type { LabTarget } from './lab-target.js'
import { OBJECTIVE_IDS, type ObjectiveId } from './rubric/objectives.js'
import { rubricPoints } from './rubric/rubric.js'
import { sentence } from './i18n/usage-errors.js'
import { encodeStop } from './run-control.js'
import { checkFromRecord, type Scorecard } from './scorecard/scorecard.js'
import { newScorecard } from './scorecard/new-scorecard.js'
import { ScorecardWriter } from './scorecard/scorecard-writer.js'
import { ScorecardReporter, type ProgressEvent, type StudentRun } from './scorecard-reporter.js'
import { sameThreadPool } from './vitest/same-thread-pool.js'

/** The folder that holds harness/ and specs/: the repository, or dist/ when running the built JavaScript. */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
/**
 * Whether this process is itself a vitest worker (a caller's test suite imports the library): vitest's worker
 * runtime keeps module-level state, so the specs then run in a worker thread of their own instead of this one.
 * Read once, when this module loads: after our own first run, this thread holds our runtime's state too.
 */
const INSIDE_VITEST = '__vitest_worker__' in globalThis
/** Specs are TypeScript next to TypeScript sources, JavaScript next to the built harness. */
const SPEC_EXTENSION = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
/** The spec the harness runs: every objective, for every student of the run. */
const LAB_SPEC = `specs/lab.spec.${SPEC_EXTENSION}`

export interface StudentGrading {
  /** The student's target; `selected` lists the objectives to run, prerequisites included. */
  target: LabTarget
  /** Where the card's files are written as grading goes; undefined: the card is only returned. */
  outDir?: string
  /** Objectives left out of this run, with the reason shown on the card. */
  leftOut?: Array<{ id: ObjectiveId; why: { en: string; ja: string } }>
  onProgress?: (event: ProgressEvent) => void
  /** Facts the caller already knows (preflight). */
  header?: Partial<Pick<Scorecard, 'detected' | 'target'>>
  /** Kubernetes requests the caller already made for this student (preflight). */
  harnessRequests?: number
  /** This student's run could not start (the preflight failed, or their budget ran out in it). */
  notStarted?: GraderError
}

export interface GradeStudentsOptions {
  /**
   * Aborting cancels the run: checks stop waiting and clean up. A GraderError reason with code TIMEOUT or
   * CANCELLED (see startRunBudget) is what the cards say; any other reason is a cancellation.
   */
  signal?: AbortSignal
  /** How many students' checks run at once (default 8). */
  parallel?: number
  /**
   * Rewrite each card's files after every objective (default true), so a run that is killed still leaves a partial
   * card (Gradescope reads results as they are written). False: the files are written once, when the run ends.
   */
  liveCards?: boolean
}

/** Why a run stopped early. */
export interface RunStop {
  reason: string
  /** The reason in Japanese, where the grader says it in both. */
  ja?: string
  /** TIMEOUT or CANCELLED; another code when the run could not start (see StudentGrading.notStarted). */
  code: GraderErrorCode
}

let vitestNode: Promise<typeof import('vitest/node')> | undefined

/**
 * vitest's Node API, imported once. prepareStudent() starts the import, so that loading it (a fifth of a second)
 * overlaps the preflight's requests instead of following them.
 */
export function loadVitest(): Promise<typeof import('vitest/node')> {
  return (vitestNode ??= import('vitest/node'))
}

export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomUUID().slice(0, 8)}`
}

/** Grades the students side by side in one vitest run; the cards come back in the order given. */
export async function gradeStudents(students: StudentGrading[], options: GradeStudentsOptions = {}): Promise<Scorecard[]> {
  const live = options.liveCards ?? true
  const runs = students.map((s) => ({ ...s, writer: new ScorecardWriter(newCard(s.target, s.header), s.outDir, { live }) }))
  for (const run of runs) {
    for (const { id, why } of run.leftOut ?? []) {
      const record: CheckRecord = { id, status: 'skipped', ...render('check.skipped', { why }), evidence: [] }
      run.writer.card.checks.push(checkFromRecord(record, rubricPoints(run.target.rubric, id), 0, run.target.lang))
    }
  }
  if (live) await Promise.all(runs.map((r) => r.writer.save()))

  const startable = options.signal?.aborted ? [] : runs.filter((r) => !r.notStarted && r.target.selected.length > 0)
  let stop: RunStop | undefined
  if (startable.length > 0) stop = await runSpecs(startable, options)
  else if (options.signal?.aborted) stop = stopOf(options.signal.reason)

  return Promise.all(
    runs.map((run) => {
      // A student whose run could not start: their own reason, unless the whole run was stopped by that same reason.
      const own =
        run.notStarted && !(options.signal?.aborted && run.notStarted === options.signal.reason) ? { reason: run.notStarted.message, ja: run.notStarted.ja, code: run.notStarted.code } : undefined
      return finish(run, own ?? stop)
    }),
  )
}

async function runSpecs(runs: Array<StudentGrading & { writer: ScorecardWriter }>, options: GradeStudentsOptions): Promise<RunStop | undefined> {
  let stop: RunStop | undefined
  const studentRuns: StudentRun[] = runs.map((r) => ({ target: r.target, writer: r.writer, onProgress: r.onProgress ?? (() => {}), harnessRequests: r.harnessRequests ?? 0 }))
  const signalListeners = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) }
  const { createVitest } = await loadVitest()
  const vitest = await createVitest(
    'test',
    {
      root: ROOT,
      config: false,
      watch: false,
      include: [LAB_SPEC],
      // One spec file (specs/lab.spec.ts), in this thread: a suite per student, side by side, at most `parallel`
      // checks at once; inside a student's suite the objectives run in lab order and see that student's results.
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      pool: INSIDE_VITEST ? 'threads' : sameThreadPool,
      maxConcurrency: Math.max(1, options.parallel ?? 8),
      testTimeout: 0,
      hookTimeout: 60_000,
      // The built harness and objective modules are plain JavaScript: Node loads them once for the whole process (the
      // preflight has already loaded the harness), instead of vite transforming them again. lab.spec.js alone goes
      // through vitest's module runner, wherever the package is installed (vite leaves node_modules to Node), which
      // evaluates it afresh in every run: a roster's next round declares its own students' suites (Node would hand a
      // second run its cached module, with no suite in it).
      server: { deps: SPEC_EXTENSION === 'js' ? { external: [/\/harness\//, /\/specs\//], inline: [/\/specs\/lab\.spec\.js$/] } : {} },
      reporters: [new ScorecardReporter(studentRuns, () => stop)],
    },
    { logLevel: 'silent' },
  )
  vitest.provide('grading', { targets: runs.map((r) => r.target) })
  // vitest's logger exits the process on SIGINT/SIGTERM. A grading run must first remove its test file and
  // release its lease, so the caller owns these signals (and aborts options.signal): detach vitest's.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!signalListeners[name].has(listener)) process.off(name, listener)
  }

  // vitest's own cancellation: every running check's ctx.signal aborts with this reason, and the checks clean up.
  const onAbort = () => {
    if (stop) return
    stop = stopOf(options.signal?.reason)
    const code = stop.code === 'TIMEOUT' ? 'TIMEOUT' : 'CANCELLED'
    cancelOpenLabs(
      runs.map((r) => r.target.runId),
      new GraderError(code, stop.reason, { ja: stop.ja }),
    )
    void vitest.cancelCurrentRun(encodeStop(code, stop.reason, stop.ja) as CancelReason)
  }
  options.signal?.addEventListener('abort', onAbort)
  if (options.signal?.aborted) onAbort()
  try {
    await vitest.start([LAB_SPEC])
  } catch (error) {
    const line = sentence('run.not-started', { detail: String((error as Error)?.message ?? error).split('\n')[0] })
    for (const run of runs) run.writer.card.runErrors.push(line[run.target.lang])
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    // A cancelled student's last objective may never have run to close their connections.
    await closeOpenLabs(runs.map((r) => r.target.runId))
    await vitest.close()
    process.exitCode = undefined // vitest sets it for failing tests; the caller decides from the cards.
  }
  return stop
}

function newCard(target: LabTarget, header: StudentGrading['header']): Scorecard {
  const mode = target.selfCheck ? 'self-check' : 'grade'
  return newScorecard({ student: target.student, runId: target.runId, lang: target.lang, mode, rubric: target.rubric.name, target: header?.target, detected: header?.detected, finishedAt: null })
}

/** Why the run stopped, from an abort reason: the budget's GraderError says TIMEOUT or CANCELLED. */
function stopOf(reason: unknown): RunStop & { code: 'TIMEOUT' | 'CANCELLED' } {
  if (isGraderError(reason) && (reason.code === 'TIMEOUT' || reason.code === 'CANCELLED')) return { reason: reason.message, ja: reason.ja, code: reason.code }
  const { en, ja } = sentence('run.cancelled')
  return { reason: en, ja, code: 'CANCELLED' }
}

/** Every selected objective on the card (those that never reported are errors), totals, and the final save. */
async function finish(run: StudentGrading & { writer: ScorecardWriter }, stop: RunStop | undefined): Promise<Scorecard> {
  const { target, writer } = run
  const card = writer.card
  // Objectives that never reported (time ran out, cancelled) are grader errors: they cost no points.
  for (const id of target.selected) {
    if (card.checks.some((c) => c.id === id)) continue
    const detail = stop ? { en: stop.reason, ja: stop.ja ?? stop.reason } : sentence('run.not-run')
    const record: CheckRecord = { id, status: 'error', errorCode: stop?.code ?? 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
    card.checks.push(checkFromRecord(record, rubricPoints(target.rubric, id), 0, target.lang))
  }
  // A student whose own budget ran out: the card says so once, like a run stopped as a whole.
  const timedOut = !stop && card.checks.find((c) => c.status === 'error' && c.errorCode === 'TIMEOUT')
  // Run errors are said in the card's language, as its checks' messages are.
  if (stop) card.runErrors.push(target.lang === 'ja' ? (stop.ja ?? stop.reason) : stop.reason)
  else if (timedOut && target.timeoutMs !== undefined) card.runErrors.push(sentence('run.timeout', { seconds: Math.round(target.timeoutMs / 1000) })[target.lang])
  card.checks.sort((a, b) => OBJECTIVE_IDS.indexOf(a.id) - OBJECTIVE_IDS.indexOf(b.id))
  card.complete = card.runErrors.length === 0
  if (card.stats) card.stats.peakRssMiB = Math.max(card.stats.peakRssMiB, Math.round(process.resourceUsage().maxRSS / 1024))
  card.finishedAt = new Date().toISOString()
  await writer.save()
  return card
}
