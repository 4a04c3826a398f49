// A vitest reporter that turns each graded objective (one test case) into a scorecard row, and tells the
// console what is happening while it happens.

import { basename } from 'node:path'
import type { Reporter, TestCase, TestModule } from 'vitest/node'
import type { TestAnnotation } from 'vitest'
import type { CheckRecord, RunStats } from './check.js'
import type { RunStop } from './grade.js'
import { render } from './i18n/messages.js'
import type { LabTarget } from './lab-target.js'
import { isObjectiveId, type ObjectiveId } from './rubric/objectives.js'
import { checkFromRecord, type ScorecardCheck } from './scorecard/scorecard.js'
import type { ScorecardWriter } from './scorecard/scorecard-writer.js'

export type ProgressEvent =
  | { type: 'start'; id: ObjectiveId }
  | { type: 'progress'; id: ObjectiveId; text: string }
  | { type: 'done'; check: ScorecardCheck }

export class ScorecardReporter implements Reporter {
  private readonly started = new Map<string, number>()

  constructor(
    private readonly target: LabTarget,
    private readonly writer: ScorecardWriter,
    private readonly onProgress: (event: ProgressEvent) => void,
    /** Why the run was stopped, if it was: a check cut short by that is a TIMEOUT error, not a crash. */
    private readonly stopped: () => RunStop | undefined = () => undefined,
    /** Kubernetes requests the harness made before the specs ran (preflight). */
    private readonly harnessRequests = 0,
  ) {}

  onTestCaseReady(testCase: TestCase): void {
    this.started.set(testCase.id, performance.now())
    const id = objectiveOf(testCase)
    if (id) this.onProgress({ type: 'start', id })
  }

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    const id = objectiveOf(testCase)
    if (id && annotation.type === 'progress') this.onProgress({ type: 'progress', id, text: annotation.message })
  }

  async onTestCaseResult(testCase: TestCase): Promise<void> {
    const id = objectiveOf(testCase)
    if (!id) return
    const record = testCase.meta().check ?? crashed(id, testCase, this.stopped())
    const definition = this.target.rubric.objectives.find((o) => o.id === id)!
    const duration = testCase.diagnostic()?.duration ?? performance.now() - (this.started.get(testCase.id) ?? performance.now())
    const check = checkFromRecord(record, definition.points, duration, this.target.lang)
    if (record.detected) Object.assign(this.writer.card.detected, definitionOfDetected(record))
    if (record.stats) this.writer.card.stats = mergeStats(this.writer.card.stats, record.stats, this.harnessRequests)
    await this.writer.add(check)
    this.onProgress({ type: 'done', check })
  }

  /** A spec file that failed to load never reaches its test: every objective in it is a grader error. */
  async onTestModuleEnd(testModule: TestModule): Promise<void> {
    const errors = testModule.errors()
    if (errors.length === 0) return
    const id = basename(testModule.moduleId).replace(/\.spec\.ts$/, '')
    if (!isObjectiveId(id) || this.writer.card.checks.some((c) => c.id === id)) return
    const record: CheckRecord = { id, status: 'error', errorCode: 'INTERNAL', ...render('check.error', { detail: errors[0].message }), evidence: [] }
    const definition = this.target.rubric.objectives.find((o) => o.id === id)!
    const check = checkFromRecord(record, definition.points, 0, this.target.lang)
    await this.writer.add(check)
    this.onProgress({ type: 'done', check })
  }
}

/** Worker stats are cumulative, so the newest wins; the harness's own requests (preflight) are added. */
function mergeStats(current: RunStats | undefined, worker: RunStats, harnessRequests: number): RunStats {
  return {
    ...worker,
    kubeRequests: harnessRequests + worker.kubeRequests,
    podReplacementWaitMs: worker.podReplacementWaitMs ?? current?.podReplacementWaitMs,
    peakRssMiB: Math.max(worker.peakRssMiB, current?.peakRssMiB ?? 0),
  }
}

function objectiveOf(testCase: TestCase): ObjectiveId | undefined {
  const fromMeta = testCase.meta().check?.id
  if (fromMeta) return fromMeta
  const id = basename(testCase.module.moduleId).replace(/\.spec\.ts$/, '')
  return isObjectiveId(id) ? id : undefined
}

function crashed(id: ObjectiveId, testCase: TestCase, stop: RunStop | undefined): CheckRecord {
  if (stop) return { id, status: 'error', errorCode: stop.code, ...render('check.error', { detail: stop.reason }), evidence: [] }
  const detail = testCase.result().errors?.[0]?.message ?? 'the objective ended without a result'
  return { id, status: 'error', errorCode: 'INTERNAL', ...render('check.error', { detail }), evidence: [] }
}

function definitionOfDetected(record: CheckRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.detected ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
