// gradeLab() declares a lab's objectives as vitest tests: for every student of the run a suite of their selected
// objectives in lab order, one after another, each seeing that student's earlier results. Students' suites run side
// by side (the harness bounds how many tests at once), so one student who waits or hangs holds up only their own
// suite. A lab's spec file calls it with its registry (this package's: specs/lab.spec.ts).

import { describe, inject, test, type TestContext } from 'vitest'
import type { CheckRecord } from '../check.js'
import { runError, usageError } from '../i18n/usage-errors.js'
import { decodeStop } from '../run-control.js'
import { closeLab, labFor, type Lab } from './lab.js'
import type { Objective, ObjectiveId } from './objective.js'
import { runObjective } from './run-objective.js'

export function gradeLab(objectives: readonly Objective[]): void {
  const grading = inject('grading')
  if (!grading) throw usageError('specs.harness-only')
  for (const target of grading.targets) {
    const selected = objectives.filter((o) => target.selected.includes(o.id))
    describe(target.student, { concurrent: true }, () => {
      for (const objective of selected) {
        // The meta tells the reporter whose test this is and what it grades (harness/vitest/scorecard-reporter.ts).
        test(`${objective.id}: ${objective.title.en}`, { timeout: 0, concurrent: false, meta: { runId: target.runId, objective: objective.id } }, async (ctx) => {
          const lab = labFor(target)
          try {
            await gradeObjective(objective, lab, ctx)
          } finally {
            if (selected.at(-1) === objective) await closeLab(lab)
          }
        })
      }
    })
  }
}

/** One objective as a vitest test: the outcome becomes the test's meta (for the reporter) and its state. */
async function gradeObjective(objective: Objective, lab: Lab, ctx: TestContext): Promise<void> {
  // vitest aborts the test's signal when the harness cancels the run (cancelCurrentRun): the student's lab too.
  const onRunCancel = () => lab.cancelRun(decodeStop(ctx.signal.reason) ?? runError('CANCELLED', 'run.cancelled', {}))
  ctx.signal.addEventListener('abort', onRunCancel, { once: true })
  if (ctx.signal.aborted) onRunCancel()
  try {
    const { record, skipped } = await runObjective(objective, lab, {
      signal: ctx.signal,
      // Both languages travel as the annotation's text; the reporter shows the run's.
      progress: async (text) => void (await ctx.annotate(JSON.stringify(text), 'progress')),
    })
    ctx.task.meta.check = record
    if (skipped) return ctx.skip(skipped)
    if (record.status === 'failed' || record.status === 'error') throw new Error(record.message.en)
  } finally {
    ctx.signal.removeEventListener('abort', onRunCancel)
  }
}

declare module 'vitest' {
  interface TaskMeta {
    /** The student's run this test grades (LabTarget.runId). */
    runId?: string
    objective?: ObjectiveId
    /** What the check found. */
    check?: CheckRecord
  }
}
