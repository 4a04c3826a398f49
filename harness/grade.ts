// grade(): one grading run as a library call. Starts vitest on the objective specs with the target provided,
// collects the scorecard through the reporter, and always leaves a card on disk, partial if it must.

import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createVitest, type TestSpecification } from 'vitest/node'
import type { CheckRecord } from './check.js'
import { render } from './i18n/messages.js'
import type { LabTarget } from './lab-target.js'
import { OBJECTIVE_IDS, type ObjectiveId } from './rubric/objectives.js'
import { checkFromRecord, SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, type Scorecard } from './scorecard/scorecard.js'
import { ScorecardWriter } from './scorecard/scorecard-writer.js'
import { isGraderError, type GraderError, type GraderErrorCode } from './errors.js'
import { CANCELLED_MESSAGE, createRunControl, timeoutMessage } from './run-control.js'
import { ScorecardReporter, type ProgressEvent } from './scorecard-reporter.js'
import { GRADER_NAME, GRADER_VERSION } from './version.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** How long cancelled checks get to clean up (data-persists may wait up to a minute for a pod to run). */
const CANCEL_GRACE_MS = 90_000

export interface GradeOptions {
  target: LabTarget
  outDir: string
  /** Objectives to run, prerequisites included. */
  selected: ObjectiveId[]
  /** Objectives left out of this run, with the reason shown on the card. */
  leftOut?: Array<{ id: ObjectiveId; why: { en: string; ja: string } }>
  /** Budget for grade() itself (runGrading passes a signal that carries the whole run's budget instead). */
  timeoutMs?: number
  /**
   * Aborting cancels the run: checks stop waiting and clean up. A GraderError reason with code TIMEOUT or
   * CANCELLED (see startRunBudget) is what the card says; any other reason is a cancellation.
   */
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** Facts the caller already knows (preflight). */
  header?: Partial<Pick<Scorecard, 'detected' | 'target'>>
  /** Kubernetes requests the caller already made for this run (preflight). */
  harnessRequests?: number
  /** The run could not start grading (the preflight failed): every selected objective is an error with this. */
  notStarted?: GraderError
}

/** Why a run stopped early. */
export interface RunStop {
  reason: string
  /** TIMEOUT or CANCELLED; another code when the run could not start (see GradeOptions.notStarted). */
  code: GraderErrorCode
}

export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomUUID().slice(0, 8)}`
}

export async function grade(options: GradeOptions): Promise<Scorecard> {
  const { target } = options
  const card: Scorecard = {
    schema: SCORECARD_SCHEMA,
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    student: target.student,
    runId: target.runId,
    mode: target.selfCheck ? 'self-check' : 'grade',
    lang: target.lang,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    complete: false,
    grader: { name: GRADER_NAME, version: GRADER_VERSION, node: process.version },
    rubric: target.rubric.name,
    target: options.header?.target ?? {},
    detected: { ...options.header?.detected },
    checks: [],
    totals: { possible: 0, awarded: 0, passed: 0, failed: 0, blocked: 0, error: 0, skipped: 0 },
    runErrors: [],
  }
  const writer = new ScorecardWriter(card, options.outDir)
  const control = createRunControl()
  target.controlDir = control.dir
  let stop: RunStop | undefined
  for (const { id, why } of options.leftOut ?? []) {
    const record: CheckRecord = { id, status: 'skipped', ...render('check.skipped', { why: why.en, whyJa: why.ja }), evidence: [] }
    card.checks.push(checkFromRecord(record, pointsOf(target, id), 0, target.lang))
  }
  await writer.save()

  if (options.notStarted || options.signal?.aborted) {
    // The run stopped before the objectives could start (the preflight failed, or the budget ran out in it).
    control.dispose()
    const why = options.notStarted && !(options.signal?.aborted && options.notStarted === options.signal.reason)
      ? { reason: options.notStarted.message, code: options.notStarted.code }
      : stopOf(options.signal?.reason)
    return finish(card, writer, options, why)
  }

  const signalListeners = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) }
  const vitest = await createVitest(
    'test',
    {
      root: ROOT,
      config: false,
      watch: false,
      include: ['specs/*.spec.ts'],
      // Objectives share one worker in lab order: later ones see earlier results (prerequisites).
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      // A worker thread, not a forked process: one Node process per grading run (the class benchmark is CPU-bound).
      pool: 'threads',
      testTimeout: 0,
      hookTimeout: 60_000,
      sequence: { sequencer: LabOrderSequencer },
      reporters: [new ScorecardReporter(target, writer, options.onProgress ?? (() => {}), () => stop, options.harnessRequests ?? 0)],
    },
    { logLevel: 'silent' },
  )
  vitest.provide('lab', target)
  // vitest's logger exits the process on SIGINT/SIGTERM. A grading run must first remove its test file and
  // release its lease, so the caller owns these signals (and aborts options.signal): detach vitest's.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!signalListeners[name].has(listener)) process.off(name, listener)
  }

  // Ask the checks to stop (they clean up), and only if they do not finish in time, stop vitest itself.
  let backstop: NodeJS.Timeout | undefined
  const cancel = (why: string, code: 'TIMEOUT' | 'CANCELLED') => {
    if (stop) return
    stop = { reason: why, code }
    control.cancel(why, code)
    backstop = setTimeout(() => void vitest.cancelCurrentRun('keyboard-input'), CANCEL_GRACE_MS)
  }
  const onAbort = () => {
    const why = stopOf(options.signal?.reason)
    cancel(why.reason, why.code)
  }
  options.signal?.addEventListener('abort', onAbort)
  if (options.signal?.aborted) onAbort()
  const timer = options.timeoutMs ? setTimeout(() => cancel(timeoutMessage(options.timeoutMs!), 'TIMEOUT'), options.timeoutMs) : undefined
  try {
    const files = options.selected.map((id) => `specs/${id}.spec.ts`)
    await vitest.start(files)
  } catch (error) {
    card.runErrors.push(`The grader failed to run the objectives: ${String((error as Error)?.message ?? error).split('\n')[0]}`)
  } finally {
    clearTimeout(timer)
    clearTimeout(backstop)
    options.signal?.removeEventListener('abort', onAbort)
    await vitest.close()
    control.dispose()
  }
  return finish(card, writer, options, stop)
}

/** Why the run stopped, from an abort reason: the budget's GraderError says TIMEOUT or CANCELLED. */
function stopOf(reason: unknown): { reason: string; code: 'TIMEOUT' | 'CANCELLED' } {
  if (isGraderError(reason) && (reason.code === 'TIMEOUT' || reason.code === 'CANCELLED')) return { reason: reason.message, code: reason.code }
  return { reason: CANCELLED_MESSAGE, code: 'CANCELLED' }
}

/** Every selected objective on the card (those that never reported are errors), totals, and the final save. */
async function finish(card: Scorecard, writer: ScorecardWriter, options: GradeOptions, stop: RunStop | undefined): Promise<Scorecard> {
  const { target } = options
  // Objectives that never reported (time ran out, cancelled) are grader errors: they cost no points.
  for (const id of options.selected) {
    if (card.checks.some((c) => c.id === id)) continue
    const detail = stop?.reason ?? 'the objective did not run'
    const record: CheckRecord = { id, status: 'error', errorCode: stop?.code ?? 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
    card.checks.push(checkFromRecord(record, pointsOf(target, id), 0, target.lang))
  }
  if (stop) card.runErrors.push(stop.reason)
  card.checks.sort((a, b) => OBJECTIVE_IDS.indexOf(a.id) - OBJECTIVE_IDS.indexOf(b.id))
  card.complete = stop === undefined && card.runErrors.length === 0
  if (card.stats) card.stats.peakRssMiB = Math.max(card.stats.peakRssMiB, Math.round(process.resourceUsage().maxRSS / 1024))
  card.finishedAt = new Date().toISOString()
  await writer.save()
  process.exitCode = undefined // vitest sets it for failing tests; the caller decides from the card.
  return card
}

function pointsOf(target: LabTarget, id: ObjectiveId): number {
  return target.rubric.objectives.find((o) => o.id === id)?.points ?? 0
}

/** Runs spec files in lab order, whatever vitest's cache says about durations. */
class LabOrderSequencer {
  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return files
  }
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => OBJECTIVE_IDS.findIndex((id) => f.moduleId.endsWith(`/${id}.spec.ts`))
    return [...files].sort((a, b) => rank(a) - rank(b))
  }
}
