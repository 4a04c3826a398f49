// A vitest reporter that turns each graded objective (one test case per student, inside a suite named by the
// student's run id) into a row of that student's scorecard, and tells the caller what is happening while it happens.

import type { Reporter, TestCase, TestModule } from 'vitest/node'
import type { TestAnnotation } from 'vitest'
import type { CheckRecord, RunStats } from './check.js'
import type { RunStop } from './grade.js'
import { render } from './i18n/messages.js'
import type { LabTarget } from './lab-target.js'
import { isObjectiveId, type ObjectiveId } from './rubric/objectives.js'
import { rubricPoints } from './rubric/rubric.js'
import { sentence } from './i18n/usage-errors.js'
import { checkFromRecord, type ScorecardCheck } from './scorecard/scorecard.js'
import type { ScorecardWriter } from './scorecard/scorecard-writer.js'

export type ProgressEvent =
  { type: 'start'; student: string; id: ObjectiveId } | { type: 'progress'; student: string; id: ObjectiveId; text: string } | { type: 'done'; student: string; check: ScorecardCheck }

/** One student of the run, as the reporter fills their card. */
export interface StudentRun {
  target: LabTarget
  writer: ScorecardWriter
  onProgress(event: ProgressEvent): void
  /** Kubernetes requests the harness made for this student before the specs ran (preflight). */
  harnessRequests: number
}

export class ScorecardReporter implements Reporter {
  private readonly started = new Map<string, number>()
  private readonly byRunId: Map<string, StudentRun>

  constructor(
    runs: StudentRun[],
    /** Why the run was stopped, if it was: a check cut short by that is a TIMEOUT error, not a crash. */
    private readonly stopped: () => RunStop | undefined = () => undefined,
  ) {
    this.byRunId = new Map(runs.map((r) => [r.target.runId, r]))
  }

  onTestCaseReady(testCase: TestCase): void {
    this.started.set(testCase.id, performance.now())
    const found = this.find(testCase)
    if (found) found.run.onProgress({ type: 'start', student: found.run.target.student, id: found.id })
  }

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    const found = this.find(testCase)
    if (found && annotation.type === 'progress') found.run.onProgress({ type: 'progress', student: found.run.target.student, id: found.id, text: annotation.message })
  }

  async onTestCaseResult(testCase: TestCase): Promise<void> {
    const found = this.find(testCase)
    if (!found) return
    const { run, id } = found
    const record = testCase.meta().check ?? crashed(id, testCase, this.stopped())
    const duration = testCase.diagnostic()?.duration ?? performance.now() - (this.started.get(testCase.id) ?? performance.now())
    const check = checkFromRecord(record, rubricPoints(run.target.rubric, id), duration, run.target.lang)
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
        const check = checkFromRecord(record, rubricPoints(run.target.rubric, id), 0, run.target.lang)
        await run.writer.add(check)
        run.onProgress({ type: 'done', student: run.target.student, check })
      }
    }
  }

  /** The student (the test's suite is named by their run id) and the objective of a test case. */
  private find(testCase: TestCase): { run: StudentRun; id: ObjectiveId } | undefined {
    const suite = testCase.parent.type === 'suite' ? testCase.parent.name : undefined
    const run = suite === undefined ? undefined : this.byRunId.get(suite)
    const id = objectiveOf(testCase)
    return run && id ? { run, id } : undefined
  }
}

/** Worker stats are cumulative, so the newest wins; the harness's own requests (preflight) are added. */
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

/** The objective a test grades: its record's id, else the test's name (`<id>: <title>`). */
function objectiveOf(testCase: TestCase): ObjectiveId | undefined {
  const fromMeta = testCase.meta().check?.id
  if (fromMeta) return fromMeta
  const id = testCase.name.split(':')[0]
  return isObjectiveId(id) ? id : undefined
}

function crashed(id: ObjectiveId, testCase: TestCase, stop: RunStop | undefined): CheckRecord {
  if (stop) return { id, status: 'error', errorCode: stop.code, ...render('check.error', { detail: { en: stop.reason, ja: stop.ja ?? stop.reason } }), evidence: [] }
  const detail = testCase.result().errors?.[0]?.message ?? sentence('run.no-result')
  return { id, status: 'error', errorCode: 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
}

function definitionOfDetected(record: CheckRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.detected ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
