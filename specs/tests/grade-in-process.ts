// Grades a recorded cluster in this process: the same flags, configuration, preflight and selection as the CLI
// (parseFlags, resolveConfig, prepareStudent), then each selected objective's module called directly on the
// student's lab (runObjective), without starting node, tsx or vitest. Milliseconds per objective; what the console
// prints, exit handling and the report files stay with the real-CLI tests (grade-recorded.ts).

import { rmSync } from 'node:fs'
import type { RecordedObject } from '@trident-lab/recorded-cluster'
import type { CheckRecord } from '../../harness/check.js'
import { bothSentences } from '../../harness/errors.js'
import { parseFlags } from '../../harness/cli/parse-args.js'
import { resolveConfig } from '../../harness/config/grader-config.js'
import { render } from '../../harness/i18n/messages.js'
import { prepareStudent } from '../../harness/index.js'
import { OBJECTIVES } from '../../harness/rubric/objectives.js'
import { loadRubric, rubricPoints } from '../../harness/rubric/rubric.js'
import { gradeTargetOf, readSecrets } from '../../harness/run.js'
import { newScorecard } from '../../harness/scorecard/new-scorecard.js'
import { checkFromRecord, exitCodeOf, totalsOf, type Scorecard, type ScorecardCheck } from '../../harness/scorecard/scorecard.js'
import { closeLab, labFor } from '../support/lab.js'
import { runObjective } from '../support/objective.js'
import { baseEnv, recordedCluster, ROOT, type GradeOptions, type Graded } from './grade-recorded.js'

export type GradedInProcess = Omit<Graded, 'stdout' | 'stderr' | 'outDir' | 'card'> & { card: Scorecard }

/** Grades `objects` as `npm test -- --student=alice --kubeconfig=<recorded> <args>` would, in this process. */
export async function gradeInProcess(objects: RecordedObject[], options: GradeOptions = {}): Promise<GradedInProcess> {
  const { dir, server, kubeconfig } = await recordedCluster(objects, options)
  try {
    const env = { ...baseEnv(), ...options.env }
    const args = [`--student=${options.student ?? 'alice'}`, `--kubeconfig=${kubeconfig}`, ...(options.args ?? ['--skip=data-persists'])]
    const config = resolveConfig(parseFlags(args), env, ROOT)
    const rubric = await loadRubric(config.rubricFile)
    const prepared = await prepareStudent({ ...gradeTargetOf(config), outDir: undefined }, readSecrets(config.ontap, env), rubric, {})
    const { target, leftOut, notStarted } = prepared.grading
    const checks: ScorecardCheck[] = []
    const detected = { ...prepared.grading.header?.detected }
    const add = (record: CheckRecord, durationMs: number) => {
      Object.assign(detected, record.detected)
      checks.push(checkFromRecord(record, rubricPoints(rubric, record.id), durationMs, target.lang))
    }
    try {
      for (const { id, why } of leftOut ?? []) add({ id, status: 'skipped', ...render('check.skipped', { why }), evidence: [] }, 0)
      const lab = notStarted ? undefined : labFor(target)
      for (const objective of OBJECTIVES.filter((o) => target.selected.includes(o.id))) {
        const started = performance.now()
        if (!lab) add({ id: objective.id, status: 'error', errorCode: notStarted!.code, ...render('check.error', { detail: bothSentences(notStarted!) }), evidence: [] }, 0)
        else add((await runObjective(objective, lab, { signal: new AbortController().signal, progress: async () => undefined })).record, performance.now() - started)
      }
      if (lab) await closeLab(lab)
    } finally {
      prepared.dispose()
    }
    const order = OBJECTIVES.map((o) => o.id as string)
    checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
    const card: Scorecard = { ...newScorecard({ student: target.student, runId: target.runId, lang: target.lang, rubric: rubric.name, detected }), checks, totals: totalsOf(checks), complete: true }
    const usage = notStarted?.code === 'CONFIG' || notStarted?.code === 'USAGE'
    return {
      exitCode: usage ? 9 : exitCodeOf(card),
      card,
      server,
      check(id) {
        const found = checks.find((c) => c.id === id)
        if (!found) throw new Error(`no check ${id} on the card`)
        return found
      },
      statuses() {
        return Object.fromEntries(checks.map((c) => [c.id, c.status]))
      },
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
