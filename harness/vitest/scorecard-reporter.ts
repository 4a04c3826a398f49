// A vitest reporter that turns each graded objective (one test case per student and objective, whose meta names
// both: objective/lab-suite.ts) into a row of that student's scorecard, and tells the caller what is happening
// while it happens.

import type { Reporter, TestCase, TestModule } from 'vitest/node'
import type { TestAnnotation } from 'vitest'
import type { CheckRecord, RunStats } from '../check.js'
import { render } from '../i18n/messages.js'
import type { RenderedText } from '../i18n/catalogue.js'
import type { LabTarget } from '../lab-target.js'
import type { ObjectiveId } from '../objective/ids.js'
import { checkOf } from '../rubric/rubric.js'
import type { RunStop } from '../run-control.js'
import { sentence } from '../i18n/usage-errors.js'
import { checkFromRecord, type ScorecardCheck } from '../scorecard/scorecard.js'
import type { ScorecardWriter } from '../scorecard/scorecard-writer.js'

export type ProgressEvent =
  { type: 'start'; student: string; id: ObjectiveId } | { type: 'progress'; student: string; id: ObjectiveId; text: RenderedText } | { type: 'done'; student: string; check: ScorecardCheck }

/** One student of the run, as the reporter fills their card. */
export interface StudentRun {
  target: LabTarget
  writer: ScorecardWriter
  onProgress(event: ProgressEvent): void
  /** Kubernetes requests the harness made for this student before the specs ran (preflight). */
  harnessRequests: number
}

/** Fills the cards of the students of the current run (a kept vitest instance runs one after another: lab-run.ts). */
export class ScorecardReporter implements Reporter {
  private readonly started = new Map<string, number>()
  private byRunId = new Map<string, StudentRun>()
  /** Why the run was stopped, if it was: a check cut short by that is a TIMEOUT error, not a crash. */
  private stopped: () => RunStop | undefined = () => undefined

  /** A run of these students starts. */
  begin(runs: StudentRun[], stopped: () => RunStop | undefined): void {
    this.byRunId = new Map(runs.map((r) => [r.target.runId, r]))
    this.stopped = stopped
    this.started.clear()
  }

  end(): void {
    this.byRunId = new Map()
  }

  onTestCaseReady(testCase: TestCase): void {
    this.started.set(testCase.id, performance.now())
    const found = this.find(testCase)
    if (found) found.run.onProgress({ type: 'start', student: found.run.target.student, id: found.id })
  }

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    const found = this.find(testCase)
    if (found && annotation.type === 'progress') found.run.onProgress({ type: 'progress', student: found.run.target.student, id: found.id, text: progressText(annotation.message) })
  }

  async onTestCaseResult(testCase: TestCase): Promise<void> {
    const found = this.find(testCase)
    if (!found) return
    const { run, id } = found
    const record = testCase.meta().check ?? crashed(id, testCase, this.stopped())
    const duration = testCase.diagnostic()?.duration ?? performance.now() - (this.started.get(testCase.id) ?? performance.now())
    const check = checkFromRecord(record, checkOf(run.target.rubric, id), duration, run.target.lang)
    if (record.detected) Object.assign(run.writer.card.detected, definitionOfDetected(record))
    if (record.stats) run.writer.card.stats = mergeStats(run.writer.card.stats, record.stats, run.harnessRequests)
    await run.writer.add(check)
    run.onProgress({ type: 'done', student: run.target.student, check })
  }

  /** The lab spec failed to load (an objective module broke): every objective not graded is a grader error. */
  async onTestModuleEnd(testModule: TestModule): Promise<void> {
    const errors = testModule.errors()
    if (errors.length === 0) return
    for (const run of this.byRunId.values()) {
      for (const id of run.target.selected) {
        if (run.writer.card.checks.some((c) => c.id === id)) continue
        const record: CheckRecord = { id, status: 'error', errorCode: 'INTERNAL', ...render('check.error', { detail: errors[0].message }), evidence: [] }
        const check = checkFromRecord(record, checkOf(run.target.rubric, id), 0, run.target.lang)
        await run.writer.add(check)
        run.onProgress({ type: 'done', student: run.target.student, check })
      }
    }
  }

  /** The student and the objective a test case grades (its meta, set where the test is declared). */
  private find(testCase: TestCase): { run: StudentRun; id: ObjectiveId } | undefined {
    const { runId, objective } = testCase.meta()
    const run = runId === undefined ? undefined : this.byRunId.get(runId)
    return run && objective ? { run, id: objective } : undefined
  }
}

/**
 * The run's stats so far: each check's stats are cumulative for the student's run, and results may reach the
 * reporter in another order than the checks ran, so every counter takes the largest value seen.
 */
function mergeStats(current: RunStats | undefined, worker: RunStats, harnessRequests: number): RunStats {
  const most = (key: 'kubeRequests' | 'ontapSessions' | 'ontapCommands' | 'peakRssMiB', base = 0) => Math.max(base + worker[key], current?.[key] ?? 0)
  return {
    kubeRequests: most('kubeRequests', harnessRequests),
    ontapSessions: most('ontapSessions'),
    ontapCommands: most('ontapCommands'),
    podReplacementWaitMs: worker.podReplacementWaitMs ?? current?.podReplacementWaitMs,
    peakRssMiB: most('peakRssMiB'),
  }
}

/** A progress annotation's text: the check's message in both languages (objective/run-objective.ts). */
function progressText(message: string): RenderedText {
  try {
    const parsed = JSON.parse(message) as Partial<RenderedText>
    if (typeof parsed.en === 'string' && typeof parsed.ja === 'string') return { en: parsed.en, ja: parsed.ja }
  } catch {
    // not ours: shown as it is
  }
  return { en: message, ja: message }
}

function crashed(id: ObjectiveId, testCase: TestCase, stop: RunStop | undefined): CheckRecord {
  if (stop) return { id, status: 'error', errorCode: stop.code, ...render('check.error', { detail: { en: stop.reason, ja: stop.ja ?? stop.reason } }), evidence: [] }
  const detail = testCase.result().errors?.[0]?.message ?? sentence('run.no-result')
  return { id, status: 'error', errorCode: 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
}

function definitionOfDetected(record: CheckRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.detected ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
